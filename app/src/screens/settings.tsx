// Settings: language, the site to record for (when the person works at several), signing out.
// Signing out keeps every unsent change on the phone; the person is warned how many there are.
import { useState } from "preact/hooks";
import { signOut } from "../auth/session.js";
import { setMeta } from "../db/meta.js";
import { getLocale, type Locale, setLocale, t, tn } from "../i18n/i18n.js";
import { useLoadServices, useServices, useSignedIn } from "../ui/context.js";
import { Chips, SelectField } from "../ui/fields.js";
import { useLive, useLocale } from "../ui/hooks.js";
import { Notice, Screen } from "../ui/layout.js";

/** On the sign-in screen, which may be there before the store is open: the choice waits for it. */
export function LanguageSwitch() {
  const loadServices = useLoadServices();
  useLocale();
  const other: Locale = getLocale() === "vi" ? "en" : "vi";
  return (
    <button
      type="button"
      class="language-switch"
      lang={other}
      onClick={async () => {
        // The store sets the language it holds as it opens: opened first, so that cannot undo this.
        // Its file not arriving (offline on a first load) still switches this screen's language.
        const services = await loadServices().catch(() => undefined);
        await setLocale(other);
        if (services) await setMeta(services.db, "locale", other);
      }}
    >
      {other === "en" ? "English" : "Tiếng Việt"}
    </button>
  );
}

export function SettingsScreen() {
  const { db, api } = useServices();
  const { user, reference, site } = useSignedIn();
  const locale = useLocale();
  const pending = useLive(() => db.outbox.count()) ?? 0;
  const [confirming, setConfirming] = useState(false);

  const chooseLanguage = async (value: string[]) => {
    const chosen = (value[0] ?? "vi") as Locale;
    await setLocale(chosen);
    await setMeta(db, "locale", chosen);
  };

  return (
    <Screen title={t("settings.title")}>
      <Chips
        label={t("settings.language")}
        options={[
          { value: "vi", label: "Tiếng Việt" },
          { value: "en", label: "English" },
        ]}
        value={[locale]}
        onChange={chooseLanguage}
      />
      {reference.sites.length > 1 ? (
        <SelectField
          label={t("settings.site")}
          value={site?.id ?? ""}
          options={reference.sites.map((s) => ({ value: s.id, label: s.name[locale] }))}
          onChange={(value) => setMeta(db, "siteId", value)}
        />
      ) : null}
      <section class="card">
        <h2>{t("settings.account")}</h2>
        <p>
          {user.displayName} ({user.username}) — {t(`role.${user.role}`)}
        </p>
        {confirming && pending > 0 ? (
          <Notice kind="warning">
            <p>{tn("settings.logout_pending", pending)}</p>
          </Notice>
        ) : null}
        <button
          type="button"
          class="button button--wide"
          onClick={async () => {
            if (pending > 0 && !confirming) return setConfirming(true);
            await signOut(db, api);
          }}
        >
          {confirming && pending > 0 ? t("settings.logout_anyway") : t("settings.logout")}
        </button>
      </section>
    </Screen>
  );
}
