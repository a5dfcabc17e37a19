// How each record type a device can write maps onto its table: the columns a device sets, the
// records it points at (checked before writing, so one bad reference rejects one change, not the
// batch), and the columns the server fills in from the signed-in user.
import type { RecordType } from "../auth/policy.js";
import type { DB } from "../db/schema.js";

export type SyncedTable =
  | "clients"
  | "contacts"
  | "group_sessions"
  | "group_attendances"
  | "referrals"
  | "commodity_distributions"
  | "trainings"
  | "training_participants"
  | "supervision_visits";

export interface Reference {
  /** The field of the record that holds the id. */
  field: string;
  table: keyof DB;
  /** The record type, when the referenced record is itself synced (its visibility is checked). */
  type?: RecordType;
}

export interface RecordConfig {
  table: SyncedTable;
  /** Columns a device writes (besides id). */
  columns: readonly string[];
  references: readonly Reference[];
  /** Column that takes the user's staff record, when the user has one. */
  staffColumn?: string;
  /** Columns a device may change after creating the record (update). */
  mutable: readonly string[];
}

export const recordConfigs: Record<RecordType, RecordConfig> = {
  client: {
    table: "clients",
    columns: [
      "site_id",
      "uic",
      "sex",
      "birth_year",
      "population_group",
      "home_commune_id",
      "registered_on",
    ],
    references: [
      { field: "site_id", table: "sites" },
      { field: "home_commune_id", table: "places" },
    ],
    mutable: ["uic", "sex", "birth_year", "population_group", "home_commune_id"],
  },
  contact: {
    table: "contacts",
    columns: ["site_id", "client_id", "contact_date", "commune_id", "topics"],
    references: [
      { field: "site_id", table: "sites" },
      { field: "client_id", table: "clients", type: "client" },
      { field: "commune_id", table: "places" },
    ],
    staffColumn: "staff_id",
    mutable: ["contact_date", "commune_id", "topics"],
  },
  group_session: {
    table: "group_sessions",
    columns: ["site_id", "held_on", "commune_id", "topic"],
    references: [
      { field: "site_id", table: "sites" },
      { field: "commune_id", table: "places" },
    ],
    staffColumn: "facilitator_id",
    mutable: ["held_on", "commune_id", "topic"],
  },
  group_attendance: {
    table: "group_attendances",
    columns: ["site_id", "session_id", "client_id"],
    references: [
      { field: "site_id", table: "sites" },
      { field: "session_id", table: "group_sessions", type: "group_session" },
      { field: "client_id", table: "clients", type: "client" },
    ],
    mutable: [],
  },
  referral: {
    table: "referrals",
    columns: [
      "site_id",
      "client_id",
      "service",
      "facility",
      "referred_on",
      "arrived_on",
      "result",
      "result_on",
    ],
    references: [
      { field: "site_id", table: "sites" },
      { field: "client_id", table: "clients", type: "client" },
    ],
    staffColumn: "referred_by",
    mutable: ["facility", "referred_on", "arrived_on", "result", "result_on"],
  },
  commodity_distribution: {
    table: "commodity_distributions",
    columns: [
      "site_id",
      "item",
      "quantity",
      "distributed_on",
      "client_id",
      "contact_id",
      "group_session_id",
    ],
    references: [
      { field: "site_id", table: "sites" },
      { field: "client_id", table: "clients", type: "client" },
      { field: "contact_id", table: "contacts", type: "contact" },
      { field: "group_session_id", table: "group_sessions", type: "group_session" },
    ],
    staffColumn: "staff_id",
    mutable: ["item", "quantity", "distributed_on"],
  },
  training: {
    table: "trainings",
    columns: ["project_id", "site_id", "kind", "title", "starts_on", "ends_on", "venue"],
    references: [
      { field: "project_id", table: "projects" },
      { field: "site_id", table: "sites" },
    ],
    mutable: ["kind", "title", "starts_on", "ends_on", "venue"],
  },
  training_participant: {
    table: "training_participants",
    columns: ["site_id", "training_id", "staff_id"],
    references: [
      { field: "site_id", table: "sites" },
      { field: "training_id", table: "trainings", type: "training" },
      { field: "staff_id", table: "staff" },
    ],
    mutable: [],
  },
  supervision_visit: {
    table: "supervision_visits",
    columns: ["site_id", "visited_on", "findings", "actions"],
    references: [{ field: "site_id", table: "sites" }],
    staffColumn: "supervisor_id",
    mutable: ["visited_on", "findings", "actions"],
  },
};

/** The type a table's rows are, for pull. */
export const typeOfTable = Object.fromEntries(
  Object.entries(recordConfigs).map(([type, config]) => [config.table, type]),
) as Record<SyncedTable, RecordType>;
