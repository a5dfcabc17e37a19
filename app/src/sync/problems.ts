// What a person does with a change the server did not take (see push.ts):
//   resend  — a refused change fixed, or "keep my copy" in a conflict: a new change (new id) with
//             the record as the person has it now, based on the server's latest version;
//   take the server's copy (conflict) — the device's copy gives way;
//   discard — the change is dropped and the record goes back to what it was before it.
// Each is one transaction over the problem, the record and the outbox.
import type { SessionUser } from "../../../src/auth/policy.js";
import type { AnyRecord, PeerlinkDb, Problem } from "../db/database.js";
import { protocolRecord } from "../db/fields.js";
import { newId } from "../lib/ids.js";

export async function resendProblem(
  db: PeerlinkDb,
  user: SessionUser,
  problem: Problem,
  fields: Record<string, unknown>,
  now: Date = new Date(),
): Promise<string> {
  const table = db.anyRecords(problem.type);
  const id = String(problem.record.id);
  return db.transaction("rw", [table, db.outbox, db.problems], async () => {
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
    });
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

export async function discardProblem(db: PeerlinkDb, problem: Problem): Promise<void> {
  const table = db.anyRecords(problem.type);
  const id = String(problem.record.id);
  await db.transaction("rw", [table, db.problems, db.outbox], async () => {
    await db.problems.delete(problem.id);
    // Other changes to the same record still waiting keep the record as it is.
    const others =
      (await db.outbox.where("recordKey").equals(problem.recordKey).count()) +
      (await db.problems.where("recordKey").equals(problem.recordKey).count());
    if (others > 0) return;
    if (problem.kind === "conflict" && problem.server_record)
      await table.put({
        ...(problem.server_record as AnyRecord),
        version: problem.server_version ?? null,
      });
    else if (problem.before) await table.put(problem.before);
    else await table.delete(id);
  });
}
