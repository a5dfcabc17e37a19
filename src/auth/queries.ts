// SQL of accounts: users, the sites they are linked to, and the counters of failed log-ins (per
// account in `users`, per client address or unknown username in `login_throttle`). Sessions'
// SQL is in session-queries.ts.
import { type Insertable, sql, type Updateable } from "kysely";
import type { Db } from "../db/connection.js";
import type { UsersTable } from "../db/schema.js";

/** A user's site ids, as a text array (the same JS type from PGlite and pg). */
const siteIdsOf = sql<string[]>`array(
  select us.site_id::text from user_sites us where us.user_id = u.id order by us.site_id)`;

const siteCodesOf = sql<string[]>`array(
  select s.code from user_sites us join sites s on s.id = us.site_id
  where us.user_id = u.id order by s.code)`;

export async function findUserByUsername(db: Db, username: string) {
  return db
    .selectFrom("users as u")
    .select([
      "u.id",
      "u.username",
      "u.password_hash",
      "u.disabled_at",
      "u.locked_until",
      "u.failed_logins",
    ])
    .where("u.username", "=", username)
    .executeTakeFirst();
}

export async function findUserById(db: Db, id: string) {
  return db
    .selectFrom("users as u")
    .selectAll("u")
    .select(siteIdsOf.as("site_ids"))
    .where("u.id", "=", id)
    .executeTakeFirst();
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

/** Every account, with its sites' ids and codes, by username. */
export async function listUsers(db: Db) {
  return db
    .selectFrom("users as u")
    .selectAll("u")
    .select([siteIdsOf.as("site_ids"), siteCodesOf.as("site_codes")])
    .orderBy("u.username")
    .execute();
}

export async function insertUser(db: Db, values: Insertable<UsersTable>): Promise<string> {
  const row = await db.insertInto("users").values(values).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(db: Db, id: string, values: Updateable<UsersTable>) {
  await db.updateTable("users").set(values).where("id", "=", id).execute();
}

export async function replaceUserSites(db: Db, userId: string, siteIds: readonly string[]) {
  await db.deleteFrom("user_sites").where("user_id", "=", userId).execute();
  if (siteIds.length === 0) return;
  await db
    .insertInto("user_sites")
    .values(siteIds.map((site_id) => ({ user_id: userId, site_id })))
    .execute();
}

/**
 * Counts a failed log-in for an account: the first failure, or the first after the window ended,
 * starts a new window. Answers the number of failures in the current window.
 */
export async function recordAccountFailure(
  db: Db,
  id: string,
  now: Date,
  windowStartedAfter: Date,
): Promise<number> {
  const row = await sql<{ failed_logins: number }>`
    update users set
      failed_logins = case
        when failed_logins_since is null or failed_logins_since <= ${windowStartedAfter} then 1
        else failed_logins + 1 end,
      failed_logins_since = case
        when failed_logins_since is null or failed_logins_since <= ${windowStartedAfter} then ${now}
        else failed_logins_since end
    where id = ${id}
    returning failed_logins`.execute(db);
  return row.rows[0]?.failed_logins ?? 0;
}

/** Locks an account until a moment; the count starts again after it. */
export async function lockAccount(db: Db, id: string, until: Date): Promise<void> {
  await updateUser(db, id, { locked_until: until, failed_logins: 0, failed_logins_since: null });
}

export async function clearAccountFailures(db: Db, id: string): Promise<void> {
  await updateUser(db, id, { locked_until: null, failed_logins: 0, failed_logins_since: null });
}

/**
 * The active administrators, locked against concurrent changes until the caller's transaction
 * ends, so two administrators cannot demote each other at the same moment.
 */
export async function lockActiveAdministrators(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom("users")
    .select("id")
    .where("role", "=", "administrator")
    .where("disabled_at", "is", null)
    .orderBy("id")
    .forUpdate()
    .execute();
  return rows.map((row) => row.id);
}

export async function findSitesByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom("sites").select(["id", "code"]).where("id", "in", ids).execute();
}

/** Sites with these codes, in any project (a code may be used by two projects). */
export async function findSitesByCodes(db: Db, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom("sites").select(["id", "code"]).where("code", "in", codes).execute();
}

export async function staffExists(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom("staff").select("id").where("id", "=", id).executeTakeFirst();
  return row !== undefined;
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where("username", "=", username)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findThrottle(db: Db, key: string) {
  return db
    .selectFrom("login_throttle")
    .select(["failures", "locked_until"])
    .where("key", "=", key)
    .executeTakeFirst();
}

/** As recordAccountFailure, for a throttle key; creates the key's row on its first failure. */
export async function recordThrottleFailure(
  db: Db,
  key: string,
  now: Date,
  windowStartedAfter: Date,
): Promise<number> {
  const row = await sql<{ failures: number }>`
    insert into login_throttle as t (key, failures, window_started_at)
    values (${key}, 1, ${now})
    on conflict (key) do update set
      failures = case when t.window_started_at <= ${windowStartedAfter} then 1
        else t.failures + 1 end,
      window_started_at = case when t.window_started_at <= ${windowStartedAfter} then ${now}
        else t.window_started_at end
    returning failures`.execute(db);
  return row.rows[0]?.failures ?? 0;
}

export async function lockThrottle(db: Db, key: string, now: Date, until: Date): Promise<void> {
  await db
    .updateTable("login_throttle")
    .set({ locked_until: until, failures: 0, window_started_at: now })
    .where("key", "=", key)
    .execute();
}

/** Forgets keys whose window and lock both ended before a moment (the table stays small). */
export async function deleteStaleThrottles(db: Db, before: Date): Promise<void> {
  await db
    .deleteFrom("login_throttle")
    .where("window_started_at", "<", before)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", before)]))
    .execute();
}
