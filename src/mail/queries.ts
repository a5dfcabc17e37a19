// SQL of the mail queue (mail_outbox) and of suppressed addresses (mail_suppressions).
import { sql } from "kysely";
import type { Db } from "../db/connection.js";
import type { MailStatus } from "../db/schema.js";

export interface OutboxInsert {
  id: string;
  batch_id: string | null;
  recipient_hash: string;
  recipient: Buffer | null;
  message_id: string;
  content: string | null;
  status: MailStatus;
  last_error: string | null;
  next_attempt_at: Date;
  created_at: Date;
}

/** New rows; a recipient already in the batch is left as it is (enqueuing again adds nobody). */
export async function insertOutboxRows(db: Db, rows: readonly OutboxInsert[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insertInto("mail_outbox")
    .values(rows.map((row) => ({ ...row })))
    .onConflict((oc) =>
      oc.columns(["batch_id", "recipient_hash"]).where("batch_id", "is not", null).doNothing(),
    )
    .returning("id")
    .execute();
  return inserted.length;
}

/** Which of these hashes are suppressed. */
export async function findSuppressed(db: Db, hashes: readonly string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await db
    .selectFrom("mail_suppressions")
    .select("address_hash")
    .where("address_hash", "in", hashes)
    .where("suppressed_at", "is not", null)
    .execute();
  return new Set(rows.map((row) => row.address_hash));
}

export interface ClaimedRow {
  id: string;
  recipient: Uint8Array;
  recipient_hash: string;
  message_id: string;
  content: unknown;
  attempts: number;
  created_at: Date;
}

/** Up to `limit` due messages, marked `sending`; concurrent workers never take the same row. */
export async function claimDue(db: Db, limit: number, now: Date): Promise<ClaimedRow[]> {
  const result = await sql<ClaimedRow>`
    update mail_outbox set status = 'sending', claimed_at = ${now}
    where id in (
      select id from mail_outbox
      where status = 'queued' and next_attempt_at <= ${now}
      order by next_attempt_at, id
      limit ${limit}
      for update skip locked
    )
    returning id, recipient, recipient_hash, message_id, content, attempts, created_at`.execute(db);
  return result.rows;
}

/** Sent: the address and the body are dropped. */
export async function markSent(db: Db, id: string, now: Date): Promise<void> {
  await db
    .updateTable("mail_outbox")
    .set({
      status: "sent",
      sent_at: now,
      recipient: null,
      content: null,
      attempts: sql`attempts + 1`,
      last_error: null,
    })
    .where("id", "=", id)
    .execute();
}

export async function markRetry(
  db: Db,
  id: string,
  attempts: number,
  nextAttemptAt: Date,
  reason: string,
): Promise<void> {
  await db
    .updateTable("mail_outbox")
    .set({
      status: "queued",
      attempts,
      next_attempt_at: nextAttemptAt,
      claimed_at: null,
      last_error: reason,
    })
    .where("id", "=", id)
    .execute();
}

/** Given up: the address and the body are dropped too. */
export async function markFailed(
  db: Db,
  id: string,
  attempts: number,
  reason: string,
): Promise<void> {
  await db
    .updateTable("mail_outbox")
    .set({ status: "failed", attempts, recipient: null, content: null, last_error: reason })
    .where("id", "=", id)
    .execute();
}

/** One more lasting failure of an address; suppressed from the `limit`-th on. */
export async function recordAddressFailure(
  db: Db,
  hash: string,
  reason: string,
  limit: number,
  now: Date,
): Promise<void> {
  await sql`
    insert into mail_suppressions (address_hash, failures, last_error, suppressed_at, updated_at)
    values (${hash}, 1, ${reason}, ${limit <= 1 ? now : null}, ${now})
    on conflict (address_hash) do update set
      failures = mail_suppressions.failures + 1,
      last_error = excluded.last_error,
      updated_at = excluded.updated_at,
      suppressed_at = coalesce(mail_suppressions.suppressed_at,
        case when mail_suppressions.failures + 1 >= ${limit} then excluded.updated_at end)`.execute(
    db,
  );
}

/** A message delivered clears the address's record of failures. */
export async function clearAddressFailures(db: Db, hash: string): Promise<void> {
  await db
    .deleteFrom("mail_suppressions")
    .where("address_hash", "=", hash)
    .where("suppressed_at", "is", null)
    .execute();
}

export async function countBatch(
  db: Db,
  batchId: string,
): Promise<{ status: MailStatus; n: number }[]> {
  return db
    .selectFrom("mail_outbox")
    .select(["status", sql<number>`count(*)::int`.as("n")])
    .where("batch_id", "=", batchId)
    .groupBy("status")
    .execute();
}

/** Everything the queue holds of an address: its rows and its suppression. */
export async function deleteAddressRows(db: Db, hash: string): Promise<number> {
  const rows = await db.deleteFrom("mail_outbox").where("recipient_hash", "=", hash).execute();
  await db.deleteFrom("mail_suppressions").where("address_hash", "=", hash).execute();
  return rows.reduce((n, row) => n + Number(row.numDeletedRows), 0);
}

export async function findAddressRows(db: Db, hash: string) {
  return db
    .selectFrom("mail_outbox")
    .select(["batch_id", "message_id", "status", "attempts", "created_at", "sent_at"])
    .where("recipient_hash", "=", hash)
    .orderBy("created_at")
    .execute();
}

export async function findSuppression(db: Db, hash: string) {
  return db
    .selectFrom("mail_suppressions")
    .select(["failures", "suppressed_at", "updated_at"])
    .where("address_hash", "=", hash)
    .executeTakeFirst();
}

/**
 * Takes the sender's lease, or renews it, until `expiresAt`: answers whether `holder` has it now.
 * A live lease of another holder is left alone (unless `seize`: no other process can be alive);
 * an expired one is taken over.
 */
export async function takeSenderLease(
  db: Db,
  holder: string,
  expiresAt: Date,
  now: Date,
  seize = false,
): Promise<boolean> {
  const result = await sql<{ holder: string }>`
    insert into mail_sender_lease (id, holder, expires_at, acquired_at)
    values (1, ${holder}, ${expiresAt}, ${now})
    on conflict (id) do update set
      holder = excluded.holder,
      expires_at = excluded.expires_at,
      acquired_at = case when mail_sender_lease.holder = excluded.holder
                         then mail_sender_lease.acquired_at else excluded.acquired_at end
    where ${seize} or mail_sender_lease.holder = excluded.holder
      or mail_sender_lease.expires_at <= ${now}
    returning holder`.execute(db);
  return result.rows.length === 1;
}

/** Gives the lease up (a process stopping), so another need not wait for it to run out. */
export async function releaseSenderLease(db: Db, holder: string): Promise<void> {
  await db.deleteFrom("mail_sender_lease").where("holder", "=", holder).execute();
}

/**
 * Messages left in `sending` — by a process that died or lost the lease, or by a database error
 * after the claim — queued again for `retryAt`, counted as an attempt; those out of attempts
 * fail. Only the lease holder calls it, when it has nothing in flight.
 */
export async function requeueStuck(
  db: Db,
  retryAt: Date,
  maxAttempts: number,
): Promise<{ requeued: number; failed: number }> {
  const result = await sql<{ status: string }>`
    update mail_outbox set
      attempts = attempts + 1,
      claimed_at = null,
      status = case when attempts + 1 >= ${maxAttempts} then 'failed' else 'queued' end,
      next_attempt_at = ${retryAt},
      recipient = case when attempts + 1 >= ${maxAttempts} then null else recipient end,
      content = case when attempts + 1 >= ${maxAttempts} then null else content end,
      last_error = case when attempts + 1 >= ${maxAttempts}
                        then 'left in sending; attempts used up' else 'left in sending' end
    where status = 'sending'
    returning status`.execute(db);
  const failed = result.rows.filter((row) => row.status === "failed").length;
  return { requeued: result.rows.length - failed, failed };
}
