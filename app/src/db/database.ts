// The device's store (IndexedDB through Dexie): one table per record type, as pulled from the
// server and as recorded here; the outbox of changes waiting for the server, in order; problems
// (changes the server refused or found in conflict) waiting for a person; and meta (device id,
// sync cursor, session, reference data).
import Dexie, { type Table } from "dexie";
import type { RecordType } from "../../../src/auth/policy.js";
import type { RecordOf } from "../../../src/sync/protocol.js";

export type { RecordType };
export type Op = "create" | "update" | "void";

/** What the device keeps beside a record's protocol fields. */
export interface LocalFields {
  /** The server's version of this record; null until the server has applied it. */
  version: number | null;
  /** The user who recorded it (server: created_by). */
  created_by?: string | null;
  /**
   * Their staff member, in the column the server keeps it in for the type (db/fields.ts): a
   * contact's or distribution's `staff_id`, a session's `facilitator_id`, … A training
   * participant's `staff_id` is the record's own field: the staff member who took part.
   */
  staff_id?: string | null;
  facilitator_id?: string | null;
  referred_by?: string | null;
  supervisor_id?: string | null;
  voided_at?: string | null;
  void_reason?: string | null;
}

export type LocalRecord<T extends RecordType = RecordType> = RecordOf<T> & LocalFields;
export type AnyRecord = { id: string } & LocalFields & Record<string, unknown>;

export type OutboxStatus = "pending" | "sending";

export interface OutboxEntry {
  /** Order of recording: the outbox is pushed in this order. */
  seq?: number;
  /** The change's id (UUIDv7): a retry sends the same id, so the server can answer "duplicate". */
  id: string;
  type: RecordType;
  op: Op;
  record: Record<string, unknown>;
  base_version: number | null;
  /** An earlier change to the same record, not yet answered: its version becomes our base. */
  base_after: string | null;
  status: OutboxStatus;
  /** Requests that carried this change without an answer for it (0: never sent). */
  attempts: number;
  user_id: string;
  /** `${type}:${record id}`, to find every change and problem about one record. */
  recordKey: string;
  recorded_at: string;
  /** The local row before this change, to restore when a person discards a refused change. */
  before: AnyRecord | null;
  /**
   * The server's copy of the record pulled while this change waited (pull keeps the person's row):
   * the record takes it once the change is settled, if it is newer than what the change made.
   */
  server_copy?: ServerCopy;
}

export interface ServerCopy {
  record: Record<string, unknown>;
  version: number;
}

export type ProblemKind = "conflict" | "rejected";

export interface Problem extends Omit<OutboxEntry, "status" | "attempts" | "seq"> {
  kind: ProblemKind;
  seq: number;
  answered_at: string;
  code?: string;
  field?: string;
  message?: string;
  /** The server's copy and version (conflict). */
  server_record?: Record<string, unknown>;
  server_version?: number;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

const recordIndexes: Record<RecordType, string> = {
  client: "id, uic, site_id, registered_on",
  contact: "id, client_id, contact_date, site_id",
  group_session: "id, held_on, site_id",
  group_attendance: "id, session_id, client_id",
  referral: "id, client_id, referred_on",
  commodity_distribution: "id, client_id, contact_id, distributed_on",
  training: "id, starts_on, site_id",
  training_participant: "id, training_id, staff_id",
  supervision_visit: "id, visited_on, site_id",
};

export class PeerlinkDb extends Dexie {
  outbox!: Table<OutboxEntry, number>;
  problems!: Table<Problem, string>;
  meta!: Table<MetaRow, string>;

  constructor(name = "peerlink") {
    super(name);
    this.version(1).stores({
      ...recordIndexes,
      outbox: "++seq, &id, recordKey, user_id, base_after",
      problems: "id, recordKey, seq, user_id",
      meta: "key",
    });
  }

  records<T extends RecordType>(type: T): Table<LocalRecord<T>, string> {
    return this.table(type);
  }

  anyRecords(type: RecordType): Table<AnyRecord, string> {
    return this.table(type);
  }
}

export const recordKey = (type: RecordType, id: string) => `${type}:${id}`;

/** True while the device holds a change to this record that the server has not settled. */
export async function hasLocalChanges(db: PeerlinkDb, key: string): Promise<boolean> {
  return (
    (await db.outbox.where("recordKey").equals(key).count()) > 0 ||
    (await db.problems.where("recordKey").equals(key).count()) > 0
  );
}
