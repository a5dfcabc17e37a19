// SQL of accounts: users, the sites they are linked to, and the names a password must not be
// built on. Sessions' SQL is in session-queries.ts, sign-in throttles' in throttle-queries.ts.
import { type Insertable, sql, type Updateable } from "kysely";
import type { Db } from "../db/connection.js";
import type { UsersTable } from "../db/schema.js";

/** A user's site ids, as a text array (the same JS type from PGlite and pg). */
const siteIdsOf = sql<string[]>`array(
  select us.site_id::text from user_sites us where us.user_id = u.id order by us.site_id)`;

/** Until when sign-ins at the account from devices it has no cookie on must wait, if they must. */
const accountDelayOf = sql<Date | null>`(
  select t.blocked_until from login_throttles t
  where t.kind = 'account' and t.key = u.id::text)`;

const siteCodesOf = sql<string[]>`array(
  select s.code from user_sites us join sites s on s.id = us.site_id
  where us.user_id = u.id order by s.code)`;

export async function findUserByUsername(db: Db, username: string) {
  return db
    .selectFrom("users as u")
    .select(["u.id", "u.username", "u.password_hash", "u.disabled_at"])
    .where("u.username", "=", username)
    .executeTakeFirst();
}

export async function findUserById(db: Db, id: string) {
  return db
    .selectFrom("users as u")
    .selectAll("u")
    .select([siteIdsOf.as("site_ids"), accountDelayOf.as("locked_until")])
    .where("u.id", "=", id)
    .executeTakeFirst();
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

/** Every account, with its sites' ids and codes, by username. */
export async function listUsers(db: Db) {
  return db
    .selectFrom("users as u")
    .selectAll("u")
    .select([
      siteIdsOf.as("site_ids"),
      siteCodesOf.as("site_codes"),
      accountDelayOf.as("locked_until"),
    ])
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

/**
 * Names a password must not be built on, besides the user's own: the organisations', projects'
 * and sites' names, short names, slugs and codes (passwords.ts splits them into words).
 */
export async function listPasswordContextNames(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select unnest(array[slug, short_name, name_vi, name_en]) as name from organisations
    union select unnest(array[slug, name_vi, name_en]) from projects
    union select unnest(array[code, name_vi, name_en]) from sites`.execute(db);
  return rows.map((row) => row.name);
}

/** Display names of accounts, for pages that say who did something. */
export async function findDisplayNames(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom("users").select(["id", "display_name"]).where("id", "in", ids).execute();
}
