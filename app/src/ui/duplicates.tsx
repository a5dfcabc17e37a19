// Is this code someone the site already has? One rule on the phone and on the server (which
// refuses `uic_taken`): a UIC is unique among a site's live clients, so an exact match at the same
// site is never saved as another person — the phone offers the client it holds, or says that a
// colleague registered the code; a nearly identical code (one character off, same sex and birth
// year) may be someone else, once the person says so. Checked against every client of the site on
// this phone, and, when online, by asking the server (which also knows colleagues' clients).
import { useEffect, useState } from "preact/hooks";
import { findNearDuplicates, type Sex } from "../../../src/people/uic.js";
import type { LocalRecord } from "../db/database.js";
import { t, tn } from "../i18n/i18n.js";
import type { UicCheckAnswer } from "../sync/api.js";
import { ClientLinks } from "./client-links.js";
import { useServices } from "./context.js";
import { useLive, useOnline } from "./hooks.js";
import { Notice } from "./layout.js";

export interface DuplicateCheck {
  /** Live clients of the site on this phone with this very code, and with a nearly identical one. */
  exact: LocalRecord<"client">[];
  near: LocalRecord<"client">[];
  /** The server's answer for this code; "failed" when it could not be asked though online. */
  server: UicCheckAnswer | "failed" | undefined;
  /** The code is taken at the site: here or on the server. Saving is not offered. */
  taken: boolean;
  /** Nearly identical codes exist: saving needs the person to say it is someone else. */
  similar: boolean;
}

export function useDuplicateCheck(query: {
  siteId: string | undefined;
  uic: string;
  sex: Sex | "";
  birthYear: number;
  /** The client being corrected, which is not its own duplicate. */
  exceptId?: string;
}): DuplicateCheck {
  const { db, api } = useServices();
  const online = useOnline();
  const { siteId, uic, sex, birthYear, exceptId } = query;
  const clients = useLive(
    async () =>
      siteId
        ? (await db.records("client").where("site_id").equals(siteId).toArray()).filter(
            (c) => !c.voided_at && c.id !== exceptId,
          )
        : [],
    [siteId, exceptId],
  );
  const [server, setServer] = useState<{ key: string; answer: UicCheckAnswer | "failed" }>();
  const key = `${siteId}:${uic}:${sex}:${birthYear}`;
  useEffect(() => {
    if (!online || !siteId || !uic || !sex) return;
    let current = true;
    // Asked once the person stops typing, not at every letter.
    const timer = setTimeout(() => {
      api.uicCheck({ site_id: siteId, uic, sex, birth_year: birthYear }).then(
        (answer) => current && setServer({ key, answer }),
        () => current && setServer({ key, answer: "failed" }),
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, online]);

  const local =
    uic && sex
      ? findNearDuplicates({ uic, sex, birth_year: birthYear }, clients ?? [])
      : { exact: [], near: [] };
  const answer = online && server?.key === key ? server.answer : undefined;
  const known = typeof answer === "object" ? answer : undefined;
  return {
    exact: local.exact,
    near: local.near,
    server: answer,
    taken: local.exact.length > 0 || known?.exact === true,
    similar: local.near.length > 0 || (known?.similar ?? 0) > 0,
  };
}

/** What the check found, and for a near match the person's "this is someone else". */
export function DuplicateNotice(props: {
  check: DuplicateCheck;
  confirmed: boolean;
  onConfirm: (confirmed: boolean) => void;
}) {
  const { check, confirmed, onConfirm } = props;
  const known = typeof check.server === "object" ? check.server : undefined;
  if (check.taken)
    return (
      <Notice kind="error">
        {check.exact.length ? (
          <>
            <p>
              <strong>{t("dup.exact_here")}</strong>
            </p>
            <ClientLinks clients={check.exact} />
            <p>{t("dup.exact_fix")}</p>
          </>
        ) : (
          <p>
            <strong>{t("dup.exact_colleague")}</strong>
          </p>
        )}
      </Notice>
    );
  const elsewhere = Math.max(0, (known?.similar ?? 0) - check.near.length);
  return (
    <>
      {check.similar ? (
        <Notice kind="warning">
          <p>
            <strong>{t("client.similar_uic")}</strong>
          </p>
          <ClientLinks clients={check.near} />
          {elsewhere ? <p>{tn("dup.similar_elsewhere", elsewhere)}</p> : null}
          <label class="check">
            <input
              type="checkbox"
              checked={confirmed}
              onChange={(e) => onConfirm(e.currentTarget.checked)}
            />
            {t("client.not_the_same")}
          </label>
        </Notice>
      ) : null}
      {check.server === "failed" ? <p class="muted">{t("dup.unchecked")}</p> : null}
    </>
  );
}
