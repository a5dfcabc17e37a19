// Recording work on the device: every change writes the record AND its outbox entry in one
// IndexedDB transaction, so the device never holds a record the server will not hear about, nor
// an outbox entry without its record. Several changes (a contact with its condoms and referrals)
// go in one transaction too: all or nothing.
import type { SessionUser } from "../../../src/auth/policy.js";
import { newId } from "../lib/ids.js";
import {
  type AnyRecord,
  type Op,
  type OutboxEntry,
  type PeerlinkDb,
  type RecordType,
  recordKey,
} from "./database.js";
import { protocolRecord, staffColumns } from "./fields.js";

export interface ChangeInput {
  type: RecordType;
  op: Op;
  /** create: the whole record; update: the fields that change; void: `{ id, void_reason }`. */
  record: { id: string } & Record<string, unknown>;
}

function localRow(
  change: ChangeInput,
  before: AnyRecord | undefined,
  user: SessionUser,
  now: Date,
): AnyRecord {
  if (change.op === "create") {
    // As the server will store it: the person recording in the type's staff column, if it has one.
    const staffColumn = staffColumns[change.type];
    return {
      ...change.record,
      version: null,
      created_by: user.id,
      ...(staffColumn ? { [staffColumn]: user.staffId } : {}),
    };
  }
  if (!before) throw new Error(`${change.type} ${change.record.id} is not on this device`);
  if (change.op === "update") return { ...before, ...change.record, version: before.version };
  return {
    ...before,
    voided_at: now.toISOString(),
    void_reason: String(change.record.void_reason ?? ""),
  };
}

/** The change as sent: the whole record for create and update, `{ id, void_reason }` for void. */
function changeRecord(type: RecordType, op: Op, row: AnyRecord): Record<string, unknown> {
  if (op === "void") return { id: row.id, void_reason: row.void_reason ?? "" };
  return protocolRecord(type, row);
}

/** Records changes with their outbox entries, atomically; returns the change ids. */
export async function recordChanges(
  db: PeerlinkDb,
  user: SessionUser,
  changes: readonly ChangeInput[],
  now: Date = new Date(),
): Promise<string[]> {
  const tables = [...new Set(changes.map((c) => c.type))].map((type) => db.anyRecords(type));
  return db.transaction("rw", [...tables, db.outbox], async () => {
    const ids: string[] = [];
    for (const change of changes) ids.push(await recordOne(db, user, change, now));
    return ids;
  });
}

async function recordOne(
  db: PeerlinkDb,
  user: SessionUser,
  change: ChangeInput,
  now: Date,
): Promise<string> {
  const table = db.anyRecords(change.type);
  const key = recordKey(change.type, change.record.id);
  const before = await table.get(change.record.id);
  if (change.op === "create" && before) throw new Error(`${key} exists already`);
  const row = localRow(change, before, user, now);
  await table.put(row);

  const earlier = await db.outbox.where("recordKey").equals(key).last();
  // An edit of a change the server has never been sent is folded into it: one change to send, and
  // no base version to guess. Once a change has been sent (perhaps received), it stays as it was.
  if (
    change.op === "update" &&
    earlier &&
    earlier.status === "pending" &&
    earlier.attempts === 0 &&
    earlier.user_id === user.id
  ) {
    await db.outbox.update(earlier.seq!, { record: changeRecord(change.type, earlier.op, row) });
    return earlier.id;
  }
  const entry: OutboxEntry = {
    id: newId(),
    type: change.type,
    op: change.op,
    record: changeRecord(change.type, change.op, row),
    base_version: change.op === "create" ? null : (before?.version ?? null),
    base_after: change.op !== "create" && earlier ? earlier.id : null,
    status: "pending",
    attempts: 0,
    user_id: user.id,
    recordKey: key,
    recorded_at: now.toISOString(),
    before: before ?? null,
  };
  await db.outbox.add(entry);
  return entry.id;
}
