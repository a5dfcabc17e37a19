// POST /api/sync/push, the rules: each change of a batch is answered applied, duplicate (a retry of
// a change already applied, with the version it produced), conflict (the record changed since the
// device saw it; the server's copy goes back if the pusher may read it) or rejected (with the
// reason); a change sent again gets the answer it first got, and no answer says anything of a
// record the pusher may not read (decide.ts). Valid changes are applied even when others in the
// batch are refused. The batch is one transaction: an answer is only ever sent for what committed.
//
// Speed: all reads are batched per table and decisions are made in memory in the batch's order
// (decide.ts); new records are written with one INSERT per table, with a careful change-by-change
// fallback (write.ts).
import type { SessionUser } from "../auth/policy.js";
import type { Db } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { decide } from "./decide.js";
import { MAX_BATCH, type TPushRequest } from "./protocol.js";
import { lockSyncWrites, touchDevice } from "./queries.js";
import { type Rejection, validateChange, vietnamToday } from "./validate.js";
import { write } from "./write.js";

export interface PushOptions {
  now: Date;
  clientDetailsKey: Buffer;
  /** Turns a rejection into words in the user's language. */
  describe: (rejection: Rejection) => string;
}

/** Applies a device's batch in one transaction and answers for each change, in order. */
export async function pushChanges(
  db: Db,
  user: SessionUser,
  request: TPushRequest,
  options: PushOptions,
) {
  if (request.changes.length > MAX_BATCH) {
    throw new AppError("payload_too_large", {
      values: { max: MAX_BATCH },
      detail: `${request.changes.length} changes`,
    });
  }
  const today = vietnamToday(options.now);
  const validated = request.changes.map((change) => validateChange(change, today));

  return db.transaction().execute(async (trx) => {
    await lockSyncWrites(trx);
    await touchDevice(trx, request.device_id, user.id, "last_push_at", options.now);
    const decisions = await decide(trx, user, validated, options.describe);
    await write(trx, user, decisions, options);
    return { results: decisions.map((d) => d.result) };
  });
}
