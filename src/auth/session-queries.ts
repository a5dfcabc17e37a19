// SQL of sessions. Rows are keyed by the SHA-256 of the cookie's token, never the token itself.
import { sql } from "kysely";
import type { Db } from "../db/connection.js";

export async function insertSession(
  db: Db,
  values: { tokenHash: string; userId: string; csrfToken: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto("sessions")
    .values({
      token_hash: values.tokenHash,
      user_id: values.userId,
      csrf_token: values.csrfToken,
      created_at: values.now,
      last_seen_at: values.now,
      expires_at: values.expiresAt,
    })
    .execute();
}

/** A live session and its user: not expired, and the account not disabled. */
export async function findLiveSession(db: Db, tokenHash: string, now: Date) {
  return db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select([
      "s.csrf_token",
      "s.created_at",
      "s.last_seen_at",
      "u.id",
      "u.username",
      "u.display_name",
      "u.role",
      "u.staff_id",
      "u.locale",
    ])
    .select(
      sql<string[]>`array(
        select us.site_id::text from user_sites us where us.user_id = u.id order by us.site_id)`.as(
        "site_ids",
      ),
    )
    .where("s.token_hash", "=", tokenHash)
    .where("s.expires_at", ">", now)
    .where("u.disabled_at", "is", null)
    .executeTakeFirst();
}

export async function touchSession(db: Db, tokenHash: string, now: Date, expiresAt: Date) {
  await db
    .updateTable("sessions")
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where("token_hash", "=", tokenHash)
    .execute();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
}

/** Ends every session of a user, or every one but the session that asked. */
export async function deleteUserSessions(db: Db, userId: string, except?: string): Promise<void> {
  let query = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (except) query = query.where("token_hash", "<>", except);
  await query.execute();
}

export async function deleteExpiredSessions(db: Db, userId: string, now: Date): Promise<void> {
  await db
    .deleteFrom("sessions")
    .where("user_id", "=", userId)
    .where("expires_at", "<=", now)
    .execute();
}
