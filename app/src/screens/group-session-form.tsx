// A group session: date, commune, topic, and its attendees ticked from the clients on this phone
// (a filter by code narrows the list). The session and every attendance are saved together.
import { useState } from "preact/hooks";
import { normaliseUic } from "../../../src/people/uic.js";
import type { ChangeInput } from "../db/record-changes.js";
import { t, tn } from "../i18n/i18n.js";
import { today } from "../lib/dates.js";
import { newId } from "../lib/ids.js";
import { ClientLine } from "../ui/client-line.js";
import { CommuneField } from "../ui/commune.js";
import { useServices, useSignedIn } from "../ui/context.js";
import { DateField } from "../ui/date-field.js";
import { TextField } from "../ui/fields.js";
import { useLive } from "../ui/hooks.js";
import { Screen } from "../ui/layout.js";
import { NoSiteNotice } from "../ui/no-site-notice.js";
import { useSave } from "../ui/save.js";
import { SaveForm } from "../ui/save-form.js";

const listed = 15;

export function GroupSessionFormScreen() {
  const { db } = useServices();
  const { site } = useSignedIn();
  const { busy, save } = useSave();
  const [date, setDate] = useState(today());
  const [commune, setCommune] = useState("");
  const [topic, setTopic] = useState("");
  const [filter, setFilter] = useState("");
  const [dateError, setDateError] = useState<string>();
  const [attendees, setAttendees] = useState<Set<string>>(new Set());
  const code = normaliseUic(filter);
  const clients = useLive(
    async () =>
      (await db.records("client").orderBy("uic").toArray()).filter(
        (c) => !c.voided_at && (!site || c.site_id === site.id),
      ),
    [site?.id],
  );
  // A site has hundreds of clients: the ticked ones, then the first matches of what was typed.
  const matches = (clients ?? []).filter((c) => !attendees.has(c.id) && c.uic.includes(code));
  const shown = [
    ...(clients ?? []).filter((c) => attendees.has(c.id)),
    ...matches.slice(0, listed),
  ];
  const hidden = matches.length - Math.min(matches.length, listed);

  const toggle = (id: string) => {
    const next = new Set(attendees);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setAttendees(next);
  };

  const submit = async () => {
    if (!site) return;
    if (date > today()) return setDateError(t("form.future_date"));
    const sessionId = newId();
    const changes: ChangeInput[] = [
      {
        type: "group_session",
        op: "create",
        record: {
          id: sessionId,
          site_id: site.id,
          held_on: date,
          commune_id: commune || null,
          topic: topic.trim(),
        },
      },
      ...[...attendees].map(
        (clientId): ChangeInput => ({
          type: "group_attendance",
          op: "create",
          record: { id: newId(), site_id: site.id, session_id: sessionId, client_id: clientId },
        }),
      ),
    ];
    await save(changes);
  };

  return (
    <Screen title={t("session.title")}>
      <NoSiteNotice />
      <SaveForm onSubmit={submit} busy={busy}>
        <DateField value={date} onInput={setDate} error={dateError} />
        <CommuneField value={commune} onChange={setCommune} />
        <TextField label={t("session.topic")} value={topic} onInput={setTopic} maxLength={200} />
        <fieldset class="field">
          <legend class="field__label">
            {t("session.attendees")} ({tn("session.ticked", attendees.size)})
          </legend>
          <TextField label={t("session.filter")} type="search" value={filter} onInput={setFilter} />
          <ul class="list">
            {shown.map((client) => (
              <li key={client.id}>
                <label class="list__item check">
                  <input
                    type="checkbox"
                    checked={attendees.has(client.id)}
                    onChange={() => toggle(client.id)}
                  />
                  <span>
                    <ClientLine client={client} />
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {hidden > 0 ? <p class="muted">{tn("session.more", hidden)}</p> : null}
        </fieldset>
      </SaveForm>
    </Screen>
  );
}
