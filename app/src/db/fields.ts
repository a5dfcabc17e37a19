// Which fields a change carries for each record type, and which column the server fills with the
// signed-in person's staff record. A change carries exactly the protocol's fields of its type
// (src/sync/protocol.ts) — named here, not guessed from a list of columns to leave out: a field
// that is the server's own column for one type (a contact's `staff_id`) is the record's own field
// for another (the staff member a training participant is). Restated rather than imported so the
// app carries no zod; fields.test.ts checks both lists against the server's.
import type { RecordType } from "./database.js";

export const sentFields: Record<RecordType, readonly string[]> = {
  client: [
    "id",
    "site_id",
    "uic",
    "sex",
    "birth_year",
    "population_group",
    "home_commune_id",
    "registered_on",
    "name",
    "phone",
  ],
  contact: ["id", "site_id", "client_id", "contact_date", "commune_id", "topics"],
  group_session: ["id", "site_id", "held_on", "commune_id", "topic"],
  group_attendance: ["id", "site_id", "session_id", "client_id"],
  referral: [
    "id",
    "site_id",
    "client_id",
    "service",
    "facility",
    "referred_on",
    "arrived_on",
    "result",
    "result_on",
  ],
  commodity_distribution: [
    "id",
    "site_id",
    "item",
    "quantity",
    "distributed_on",
    "client_id",
    "contact_id",
    "group_session_id",
  ],
  training: ["id", "project_id", "site_id", "kind", "title", "starts_on", "ends_on", "venue"],
  training_participant: ["id", "site_id", "training_id", "staff_id"],
  supervision_visit: ["id", "site_id", "visited_on", "findings", "actions"],
};

/** The column the server sets to the recording person's staff member (src/sync/records.ts). */
export const staffColumns: Partial<Record<RecordType, string>> = {
  contact: "staff_id",
  group_session: "facilitator_id",
  referral: "referred_by",
  commodity_distribution: "staff_id",
  supervision_visit: "supervisor_id",
};

/** A local row as the protocol's record of its type: its fields, nothing else. */
export function protocolRecord(
  type: RecordType,
  row: Record<string, unknown>,
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const field of sentFields[type]) if (row[field] !== undefined) record[field] = row[field];
  return record;
}
