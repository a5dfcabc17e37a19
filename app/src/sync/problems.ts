// What a person does with a change the server did not take (see push.ts):
//   resend  — a refused change fixed, or "keep my copy" in a conflict: a new change (new id) with
//             the record as the person has it now, based on the server's latest version;
//   take the server's copy (conflict) — the device's copy gives way;
//   discard — the change is dropped and the record goes back to what it was before it (or to the
//             server's copy, when one came meanwhile).
// A refused create takes with it the changes refused only because they point at its record (a
// client's contacts, a training's participants): they go again when it is fixed, and are dropped
// when it is discarded — none is left behind with nothing to fix.
// Each is one transaction over the problems, the records and the outbox.
import { recordTypes, type SessionUser } from "../../../src/auth/policy.js";
import type { AnyRecord, PeerlinkDb, Problem, ServerCopy } from "../db/database.js";
import { protocolRecord } from "../db/fields.js";
import { newId } from "../lib/ids.js";

/**
 * Refused changes that point at the record this refused create would have made, and were refused
 * for that alone (`missing_reference`) — and, in turn, those pointing at theirs. In recording order.
 */
function dependantsAmong(problem: Problem, mine: readonly Problem[]): Problem[] {
  if (problem.kind !== "rejected" || problem.op !== "create") return [];
  const missing = new Set([String(problem.record.id)]);
  const found: Problem[] = [];
  for (const other of mine) {
    if (other.id === problem.id || other.code !== "missing_reference" || !other.field) continue;
    if (!missing.has(String(other.record[other.field]))) continue;
    found.push(other);
    if (other.op === "create") missing.add(String(other.record.id));
  }
  return found;
}

async function problemsOf(db: PeerlinkDb, userId: string): Promise<Problem[]> {
  return db.problems.where("user_id").equals(userId).sortBy("seq");
}

export async function dependantsOf(db: PeerlinkDb, problem: Problem): Promise<Problem[]> {
  return dependantsAmong(problem, await problemsOf(db, problem.user_id));
}

export interface ProblemGroup {
  problem: Problem;
  /** Settled with it: sent again when it is, dropped when it is. */
  dependants: Problem[];
}

/** A person's problems as they are shown and settled: each with the ones that go with it. */
export async function groupProblems(db: PeerlinkDb, userId: string): Promise<ProblemGroup[]> {
  const mine = await problemsOf(db, userId);
  const groups = mine.map((problem) => ({ problem, dependants: dependantsAmong(problem, mine) }));
  const taken = new Set(groups.flatMap((g) => g.dependants.map((d) => d.id)));
  return groups.filter((g) => !taken.has(g.problem.id));
}

function allTables(db: PeerlinkDb) {
  return [...recordTypes.map((type) => db.anyRecords(type)), db.outbox, db.problems];
}

async function requeue(
  db: PeerlinkDb,
  user: SessionUser,
  problem: Problem,
  fields: Record<string, unknown>,
  now: Date,
): Promise<string> {
  const table = db.anyRecords(problem.type);
  const id = String(problem.record.id);
  const current = await table.get(id);
  const row: AnyRecord = {
    ...(current ?? { id, version: null }),
    ...(problem.op === "void" ? {} : fields),
    id,
  };
  await table.put(row);
  await db.problems.delete(problem.id);
  const changeId = newId();
  await db.outbox.add({
    id: changeId,
    type: problem.type,
    op: problem.op,
    record:
      problem.op === "void"
        ? { ...problem.record, ...fields, id }
        : protocolRecord(problem.type, row),
    // In a conflict the server's version is the one the person has now seen.
    base_version:
      problem.kind === "conflict" ? (problem.server_version ?? null) : problem.base_version,
    base_after: null,
    status: "pending",
    attempts: 0,
    user_id: user.id,
    recordKey: problem.recordKey,
    recorded_at: now.toISOString(),
    before: problem.before,
    ...(problem.server_copy ? { server_copy: problem.server_copy } : {}),
  });
  return changeId;
}

/** Sends the change again, with the person's corrections; its dependants go after it, unchanged. */
export async function resendProblem(
  db: PeerlinkDb,
  user: SessionUser,
  problem: Problem,
  fields: Record<string, unknown>,
  now: Date = new Date(),
): Promise<string> {
  return db.transaction("rw", allTables(db), async () => {
    const dependants = await dependantsOf(db, problem);
    const changeId = await requeue(db, user, problem, fields, now);
    for (const dependant of dependants) await requeue(db, user, dependant, {}, now);
    return changeId;
  });
}

export async function takeServerCopy(db: PeerlinkDb, problem: Problem): Promise<void> {
  if (problem.kind !== "conflict" || !problem.server_record) return;
  const table = db.anyRecords(problem.type);
  await db.transaction("rw", [table, db.problems], async () => {
    await table.put({
      ...(problem.server_record as AnyRecord),
      version: problem.server_version ?? null,
    });
    await db.problems.delete(problem.id);
  });
}

/** The newest copy of the record the server has shown this phone, if any. */
function newestServerCopy(problem: Problem): ServerCopy | undefined {
  const copies: ServerCopy[] = [];
  if (problem.server_record && problem.server_version !== undefined)
    copies.push({ record: problem.server_record, version: problem.server_version });
  if (problem.server_copy) copies.push(problem.server_copy);
  return copies.sort((a, b) => b.version - a.version)[0];
}

async function drop(db: PeerlinkDb, problem: Problem): Promise<void> {
  const table = db.anyRecords(problem.type);
  const id = String(problem.record.id);
  await db.problems.delete(problem.id);
  // Other changes to the same record still waiting keep the record as it is.
  const others =
    (await db.outbox.where("recordKey").equals(problem.recordKey).count()) +
    (await db.problems.where("recordKey").equals(problem.recordKey).count());
  if (others > 0) return;
  const server = newestServerCopy(problem);
  if (server) await table.put({ ...(server.record as AnyRecord), id, version: server.version });
  else if (problem.before) await table.put(problem.before);
  else await table.delete(id);
}

/** Drops the change (and the changes that cannot exist without its record). */
export async function discardProblem(db: PeerlinkDb, problem: Problem): Promise<void> {
  await db.transaction("rw", allTables(db), async () => {
    const dependants = await dependantsOf(db, problem);
    for (const dependant of dependants.reverse()) await drop(db, dependant);
    await drop(db, problem);
  });
}
