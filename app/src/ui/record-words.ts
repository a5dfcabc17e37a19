// A record in a few words a person recognises — the client's code, the participant's name, the
// training's title, the date — for the changes the server did not take (screens/problems.tsx).
import type { PeerlinkDb, RecordType } from "../db/database.js";
import type { Reference } from "../db/meta.js";
import { formatDate } from "../i18n/i18n.js";
import { label } from "./options.js";

type Row = Record<string, unknown>;

const text = (value: unknown) => (typeof value === "string" ? value : "");
const day = (value: unknown) => (typeof value === "string" && value ? formatDate(value) : "");
const joined = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(" · ");

export async function describeRecord(
  db: PeerlinkDb,
  reference: Reference,
  type: RecordType,
  record: Row,
): Promise<string> {
  const uicOf = async (id: unknown) =>
    typeof id === "string" ? ((await db.records("client").get(id))?.uic ?? "?") : undefined;
  const staffName = (id: unknown) => reference.staff.find((s) => s.id === id)?.display_name ?? "?";
  switch (type) {
    case "client":
      return joined(
        text(record.uic),
        record.sex ? label("sex", text(record.sex)) : undefined,
        String(record.birth_year ?? ""),
      );
    case "contact":
      return joined(await uicOf(record.client_id), day(record.contact_date));
    case "referral":
      return joined(
        await uicOf(record.client_id),
        label("service", text(record.service)),
        day(record.referred_on),
      );
    case "commodity_distribution":
      return joined(
        record.client_id ? await uicOf(record.client_id) : undefined,
        `${label("item", text(record.item))} × ${record.quantity}`,
        day(record.distributed_on),
      );
    case "group_session":
      return joined(day(record.held_on), text(record.topic));
    case "group_attendance": {
      const session = await db.records("group_session").get(text(record.session_id));
      return joined(
        await uicOf(record.client_id),
        session ? joined(day(session.held_on), session.topic) : undefined,
      );
    }
    case "training":
      return joined(text(record.title), day(record.starts_on));
    case "training_participant": {
      const training = await db.records("training").get(text(record.training_id));
      return joined(staffName(record.staff_id), training?.title);
    }
    case "supervision_visit":
      return day(record.visited_on);
  }
}
