// Find a client by UIC: the list narrows as the person types (over the clients on this phone).
import { useState } from "preact/hooks";
import { isOneEditApart, normaliseUic } from "../../../src/people/uic.js";
import { t, tn } from "../i18n/i18n.js";
import { ClientLinks } from "../ui/client-links.js";
import { useServices } from "../ui/context.js";
import { TextField } from "../ui/fields.js";
import { useLive } from "../ui/hooks.js";
import { Notice, Screen } from "../ui/layout.js";
import { href } from "../ui/router.js";

const shown = 30;

export function FindClientScreen() {
  const { db } = useServices();
  const [query, setQuery] = useState("");
  const code = normaliseUic(query);
  const found = useLive(async () => {
    const matches = code
      ? await db.records("client").where("uic").startsWith(code).limit(shown).toArray()
      : await db.records("client").orderBy("registered_on").reverse().limit(shown).toArray();
    return matches.filter((c) => !c.voided_at);
  }, [code]);
  // A whole code typed with no exact match: perhaps a letter was misheard or mistyped.
  const similar = useLive(async () => {
    if (code.length < 6) return [];
    const all = await db.records("client").toArray();
    if (all.some((c) => c.uic === code)) return [];
    return all.filter((c) => !c.voided_at && isOneEditApart(c.uic, code)).slice(0, shown);
  }, [code]);

  return (
    <Screen title={t("clients.find_title")}>
      <TextField
        label={t("clients.search")}
        type="search"
        value={query}
        onInput={setQuery}
        hint={t("clients.search_hint")}
      />
      <p class="muted" role="status">
        {found ? tn("clients.found", found.length) : ""}
      </p>
      <ClientLinks clients={found ?? []} />
      {similar?.length ? (
        <Notice kind="warning">
          <p>
            <strong>{t("clients.similar", { code })}</strong>
          </p>
          <ClientLinks clients={similar} />
        </Notice>
      ) : null}
      <a class="button button--wide" href={href("/clients/new")}>
        {t("clients.register_new")}
      </a>
    </Screen>
  );
}
