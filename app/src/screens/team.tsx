// The team's recent work, from what is on this phone: per staff member, contacts and group
// sessions in the last 30 days and the day of the latest one.

import { formatDate, t } from "../i18n/i18n.js";
import { daysBefore, today } from "../lib/dates.js";
import { useServices, useSignedIn } from "../ui/context.js";
import { useLive } from "../ui/hooks.js";
import { Screen } from "../ui/layout.js";

interface Row {
  staffId: string;
  contacts: number;
  sessions: number;
  latest: string;
}

export function TeamScreen() {
  const { db } = useServices();
  const { reference, user } = useSignedIn();
  const since = daysBefore(today(), 30);
  const rows = useLive(async () => {
    const byStaff = new Map<string, Row>();
    const add = (
      staffId: string | null | undefined,
      date: string,
      kind: "contacts" | "sessions",
    ) => {
      const key = staffId ?? "";
      const row = byStaff.get(key) ?? { staffId: key, contacts: 0, sessions: 0, latest: date };
      row[kind] += 1;
      if (date > row.latest) row.latest = date;
      byStaff.set(key, row);
    };
    const contacts = await db
      .records("contact")
      .where("contact_date")
      .aboveOrEqual(since)
      .toArray();
    for (const c of contacts) if (!c.voided_at) add(c.staff_id, c.contact_date, "contacts");
    const sessions = await db
      .records("group_session")
      .where("held_on")
      .aboveOrEqual(since)
      .toArray();
    for (const s of sessions) if (!s.voided_at) add(s.facilitator_id, s.held_on, "sessions");
    return [...byStaff.values()].sort(
      (a, b) => b.contacts + b.sessions - (a.contacts + a.sessions),
    );
  }, [since]);
  const names = new Map(reference.staff.map((s) => [s.id, s.display_name]));
  const nameOf = (id: string) =>
    names.get(id) ?? (id && id === user.staffId ? user.displayName : t("team.unknown"));

  return (
    <Screen title={t("team.title")}>
      <p class="muted">{t("team.period", { from: formatDate(since) })}</p>
      {rows?.length === 0 ? <p class="muted">{t("team.nothing")}</p> : null}
      {rows?.length ? (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t("team.staff")}</th>
              <th scope="col">{t("team.contacts")}</th>
              <th scope="col">{t("team.sessions")}</th>
              <th scope="col">{t("team.latest")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.staffId}>
                <th scope="row">{nameOf(row.staffId)}</th>
                <td>{row.contacts}</td>
                <td>{row.sessions}</td>
                <td>{formatDate(row.latest)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Screen>
  );
}
