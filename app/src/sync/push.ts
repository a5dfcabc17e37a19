// Pushing the outbox: the signed-in user's changes, in the order they were recorded, in batches of
// at most MAX_BATCH. An entry leaves the outbox only when an answer for it arrives:
//   applied, duplicate → done: the record takes the version this change produced;
//   conflict           → a problem holding both copies, for a person to resolve;
//   rejected           → a problem holding the server's reason, to fix or discard.
// No answer (the network failed, the answer was cut, an item missing from it) leaves the entry
// where it was: it is sent again with the same change id, and the server answers "duplicate" if
// it had applied it.
import type { ChangeResult, TChange } from "../../../src/sync/protocol.js";
import { MAX_BATCH } from "../../../src/sync/vocabulary.js";
import {
  hasLocalChanges,
  type OutboxEntry,
  type PeerlinkDb,
  type Problem,
} from "../db/database.js";
import { type Api, ApiError } from "./api.js";

export { MAX_BATCH };

export interface PushSummary {
  sent: number;
  applied: number;
  problems: number;
}

/** Changes already sent once by a run that never heard back (a closed tab, a crash): pending again. */
export async function releaseInterruptedSends(db: PeerlinkDb): Promise<void> {
  await db.transaction("rw", db.outbox, async () => {
    await db.outbox
      .filter((entry) => entry.status === "sending")
      .modify((entry) => {
        entry.status = "pending";
        entry.attempts += 1;
      });
  });
}

/**
 * The next batch: pending entries of this user in order, stopping before an entry whose base is
 * an earlier change in the same batch (its base version is known only once that one is applied).
 */
export async function nextBatch(
  db: PeerlinkDb,
  userId: string,
  limit: number,
): Promise<OutboxEntry[]> {
  // Within one user_id the index yields entries by their primary key: the order of recording.
  const entries = await db.outbox.where("user_id").equals(userId).limit(limit).toArray();
  const batch: OutboxEntry[] = [];
  const inBatch = new Set<string>();
  for (const entry of entries) {
    // It, and everything after it, waits for the next batch: the outbox keeps its order.
    if (entry.status !== "pending" || (entry.base_after && inBatch.has(entry.base_after))) break;
    batch.push(entry);
    inBatch.add(entry.id);
  }
  return batch;
}

function toChange(entry: OutboxEntry): TChange {
  return {
    id: entry.id,
    type: entry.type,
    op: entry.op,
    record: entry.record,
    base_version: entry.base_version,
  };
}

async function markSending(db: PeerlinkDb, batch: OutboxEntry[]): Promise<void> {
  await db.outbox.bulkUpdate(batch.map((e) => ({ key: e.seq!, changes: { status: "sending" } })));
}

async function markUnanswered(db: PeerlinkDb, entries: OutboxEntry[]): Promise<void> {
  await db.transaction("rw", db.outbox, async () => {
    for (const entry of entries) {
      const current = await db.outbox.get(entry.seq!);
      if (current)
        await db.outbox.update(entry.seq!, { status: "pending", attempts: current.attempts + 1 });
    }
  });
}

/** Applies the server's answers to the outbox, the records and the problems, in one transaction. */
export async function applyResults(
  db: PeerlinkDb,
  batch: readonly OutboxEntry[],
  results: readonly ChangeResult[],
  now: Date = new Date(),
): Promise<{ applied: number; problems: number; unanswered: OutboxEntry[] }> {
  const byId = new Map(results.map((r) => [r.id, r]));
  const tables = [...new Set(batch.map((e) => e.type))].map((type) => db.anyRecords(type));
  let applied = 0;
  let problems = 0;
  const unanswered: OutboxEntry[] = [];
  await db.transaction("rw", [db.outbox, db.problems, ...tables], async () => {
    for (const entry of batch) {
      const result = byId.get(entry.id);
      const stored = await db.outbox.get(entry.seq!);
      if (!stored) continue;
      if (result?.status === "applied" || result?.status === "duplicate") {
        await db.outbox.delete(entry.seq!);
        await settleDependants(db, entry.id, result.version ?? null);
        if (result.version !== undefined) await settleRecord(db, stored, result.version);
        applied += 1;
      } else if (result?.status === "conflict" || result?.status === "rejected") {
        await db.outbox.delete(entry.seq!);
        await settleDependants(db, entry.id, null, entry.base_version);
        await db.problems.put(toProblem(stored, result, now));
        problems += 1;
      } else {
        unanswered.push(stored);
      }
    }
  });
  return { applied, problems, unanswered };
}

/**
 * The record after its change was taken: it takes the version the change produced (an edit made
 * next is based on it) — or, when the server's copy pulled meanwhile is newer and nothing else
 * about the record waits, that copy.
 */
async function settleRecord(db: PeerlinkDb, entry: OutboxEntry, version: number): Promise<void> {
  const table = db.anyRecords(entry.type);
  const id = String(entry.record.id);
  const copy = entry.server_copy;
  if (copy && copy.version > version && !(await hasLocalChanges(db, entry.recordKey))) {
    await table.put({ ...copy.record, id, version: copy.version });
    return;
  }
  await table.update(id, { version });
}

/**
 * Later changes built on this one: once it is applied, its version is their base. If it failed,
 * they go with the base it had, and the server judges them on their own.
 */
async function settleDependants(
  db: PeerlinkDb,
  changeId: string,
  version: number | null,
  fallback: number | null = null,
): Promise<void> {
  await db.outbox
    .where("base_after")
    .equals(changeId)
    .modify({ base_after: null, base_version: version ?? fallback });
}

export function toProblem(entry: OutboxEntry, result: ChangeResult, now: Date): Problem {
  const { status: _status, attempts: _attempts, seq, ...change } = entry;
  return {
    ...change,
    seq: seq!,
    kind: result.status === "conflict" ? "conflict" : "rejected",
    answered_at: now.toISOString(),
    code: result.code,
    field: result.field,
    message: result.message,
    server_record: result.server_record,
    server_version: result.version,
  };
}

/**
 * Pushes until the user's outbox is empty or nothing more can be sent now. Throws NetworkError
 * (try later) and ApiError (401: sign in again; anything else: say it).
 */
export async function pushOutbox(
  db: PeerlinkDb,
  api: Api,
  options: { userId: string; deviceId: string; batchSize?: number; now?: () => Date },
): Promise<PushSummary> {
  const now = options.now ?? (() => new Date());
  const summary: PushSummary = { sent: 0, applied: 0, problems: 0 };
  let size = Math.min(options.batchSize ?? MAX_BATCH, MAX_BATCH);
  for (;;) {
    const batch = await nextBatch(db, options.userId, size);
    if (batch.length === 0) return summary;
    await markSending(db, batch);
    let results: ChangeResult[];
    try {
      const answer = await api.push({ device_id: options.deviceId, changes: batch.map(toChange) });
      results = Array.isArray(answer?.results) ? answer.results : [];
    } catch (error) {
      await markUnanswered(db, batch);
      // The server takes fewer at once than we thought: send smaller batches.
      if (error instanceof ApiError && error.status === 413 && size > 1) {
        size = Math.max(1, Math.floor(batch.length / 2));
        continue;
      }
      // A malformed change makes the server refuse the whole request: narrow it down to that one,
      // which becomes a problem with the server's reason, and let the others through.
      if (error instanceof ApiError && error.status === 400) {
        if (batch.length > 1) {
          size = Math.max(1, Math.floor(batch.length / 2));
          continue;
        }
        await refuseOne(db, batch[0]!, error, now());
        summary.problems += 1;
        size = Math.min(options.batchSize ?? MAX_BATCH, MAX_BATCH);
        continue;
      }
      throw error;
    }
    summary.sent += batch.length;
    const outcome = await applyResults(db, batch, results, now());
    summary.applied += outcome.applied;
    summary.problems += outcome.problems;
    if (outcome.unanswered.length > 0) {
      await markUnanswered(db, outcome.unanswered);
      // The server answered for none of them: it will not answer differently right now.
      if (outcome.unanswered.length === batch.length) return summary;
    }
  }
}

async function refuseOne(db: PeerlinkDb, entry: OutboxEntry, error: ApiError, now: Date) {
  const stored = (await db.outbox.get(entry.seq!)) ?? entry;
  await applyResults(
    db,
    [stored],
    [{ id: entry.id, status: "rejected", code: error.code, message: error.message }],
    now,
  );
}
