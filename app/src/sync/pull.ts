// Pulling: every change the server has for this user since the cursor, page by page, until it
// says there is no more. The server's copy wins — except for a record the device still holds an
// unsent or unresolved change to: that one is kept as the person left it (the push decides, and a
// conflict shows both copies), and the server's copy is kept beside the change until it settles.
import { recordTypes } from "../../../src/auth/policy.js";
import type { PulledChange } from "../../../src/sync/protocol.js";
import { type PeerlinkDb, type RecordType, recordKey } from "../db/database.js";
import { getMeta, setMeta } from "../db/meta.js";
import type { Api } from "./api.js";

const known = new Set<string>(recordTypes);

export async function applyPulled(db: PeerlinkDb, changes: readonly PulledChange[]) {
  for (const change of changes) {
    // A type this version of the app does not know yet (a newer server): nothing to show it in.
    if (!known.has(change.type)) continue;
    const type = change.type as RecordType;
    const id = String(change.record.id);
    const key = recordKey(type, id);
    const waiting = db.outbox.where("recordKey").equals(key);
    const problems = await db.problems.where("recordKey").equals(key).toArray();
    if ((await waiting.count()) > 0 || problems.length > 0) {
      // The person's row stays; the server's copy is kept beside their change, for when it is
      // settled (push.ts) or discarded (problems.ts) — the cursor will not bring it again.
      const server_copy = { record: change.record, version: change.version };
      await waiting.modify({ server_copy });
      for (const problem of problems)
        await db.problems.update(
          problem.id,
          problem.kind === "conflict"
            ? { server_copy, server_record: change.record, server_version: change.version }
            : { server_copy },
        );
      continue;
    }
    await db.anyRecords(type).put({ ...change.record, id, version: change.version });
  }
}

/** Pulls until the server has nothing more; returns how many changes arrived. */
export async function pullChanges(
  db: PeerlinkDb,
  api: Api,
  options: { userId: string; deviceId?: string },
): Promise<number> {
  let received = 0;
  // The cursor belongs to the user it was pulled for: another user's scope starts from zero.
  let cursor =
    (await getMeta(db, "cursorUser")) === options.userId ? ((await getMeta(db, "cursor")) ?? 0) : 0;
  for (;;) {
    const page = await api.pull(cursor, options.deviceId);
    const tables = recordTypes.map((type) => db.anyRecords(type));
    await db.transaction("rw", [...tables, db.outbox, db.problems, db.meta], async () => {
      await applyPulled(db, page.changes);
      await setMeta(db, "cursor", page.cursor);
      await setMeta(db, "cursorUser", options.userId);
    });
    received += page.changes.length;
    // A server that says "more" without moving the cursor would loop for ever.
    if (!page.more || page.cursor === cursor) return received;
    cursor = page.cursor;
  }
}
