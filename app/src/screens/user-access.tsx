// Disabling an account, or enabling it again.
import { useState } from "preact/hooks";
import { t } from "../i18n/i18n.js";
import type { ManagedUser } from "../sync/api.js";
import { useServices, useSignedIn } from "../ui/context.js";
import { flash } from "../ui/flash.js";
import { Notice } from "../ui/layout.js";
import { StateTags } from "./user-labels.js";
import { failure } from "./users-online.js";

/** Disabling ends the person's sessions at once; enabling lets them sign in again. */
export function AccessCard(props: { user: ManagedUser; onChanged: (user: ManagedUser) => void }) {
  const { api } = useServices();
  const { user: me } = useSignedIn();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const target = props.user;
  const toggle = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const saved = await api.updateUser(target.id, { disabled: !target.disabled });
      flash(saved.disabled ? t("users.disabled_now") : t("users.enabled_now"));
      props.onChanged(saved);
    } catch (caught) {
      setError(failure(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card access" aria-labelledby="access-title">
      <h2 id="access-title">{t("users.access")}</h2>
      <p>
        {target.disabled ? t("users.disabled_long") : t("users.active")}
        <StateTags user={{ ...target, disabled: false }} />
      </p>
      {target.id === me.id ? (
        <p class="muted">{t("users.yourself")}</p>
      ) : (
        <>
          <p class="muted">{target.disabled ? t("users.enable_hint") : t("users.disable_hint")}</p>
          {error ? (
            <Notice kind="error">
              <p>{error}</p>
            </Notice>
          ) : null}
          <button type="button" class="button button--wide" disabled={busy} onClick={toggle}>
            {target.disabled ? t("users.enable") : t("users.disable")}
          </button>
        </>
      )}
    </section>
  );
}
