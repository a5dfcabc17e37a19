// SQL of sign-in throttling (table login_throttles, migration 0017). A row's `level` is its failure
// count at `updated_at`; the count drains with time, so each write first drains it to `now`.
import { sql } from "kysely";
import type { Db } from "../db/connection.js";
import type { LoginThrottlesTable } from "../db/schema.js";

export type ThrottleKind = LoginThrottlesTable["kind"];

export interface ThrottleKey {
  kind: ThrottleKind;
  key: string;
  /** The account an 'account' or 'device' key is about. */
  userId: string | null;
}

/** The latest moment until which any of these keys makes attempts wait, if one does now. */
export async function findBlockedUntil(
  db: Db,
  keys: readonly ThrottleKey[],
  now: Date,
): Promise<Date | undefined> {
  const row = await db
    .selectFrom("login_throttles")
    .select((eb) => eb.fn.max("blocked_until").as("until"))
    .where((eb) => eb.or(keys.map((k) => eb.and([eb("kind", "=", k.kind), eb("key", "=", k.key)]))))
    .where("blocked_until", ">", now)
    .executeTakeFirst();
  return row?.until ?? undefined;
}

/**
 * Counts one failure against a key: its level drained to `now` (one failure forgotten every
 * `drainSeconds`), plus one. Answers the row's id and its new level.
 */
export async function recordThrottleFailure(
  db: Db,
  key: ThrottleKey,
  now: Date,
  drainSeconds: number,
): Promise<{ id: string; level: number }> {
  const { rows } = await sql<{ id: string; level: number }>`
    insert into login_throttles as t (kind, key, user_id, level, updated_at, last_failure_at)
    values (${key.kind}, ${key.key}, ${key.userId}, 1, ${now}, ${now})
    on conflict (kind, key) do update set
      level = greatest(0, t.level
        - extract(epoch from (${now}::timestamptz - t.updated_at))::float8 / ${drainSeconds}) + 1,
      updated_at = ${now},
      last_failure_at = ${now}
    returning id, level`.execute(db);
  const row = rows[0]!;
  return { id: row.id, level: Number(row.level) };
}

export async function setBlockedUntil(db: Db, id: string, until: Date | null): Promise<void> {
  await db
    .updateTable("login_throttles")
    .set({ blocked_until: until })
    .where("id", "=", id)
    .execute();
}

/** Forgets keys' failures (a successful sign-in with them). */
export async function deleteThrottles(db: Db, keys: readonly ThrottleKey[]): Promise<void> {
  if (keys.length === 0) return;
  await db
    .deleteFrom("login_throttles")
    .where((eb) => eb.or(keys.map((k) => eb.and([eb("kind", "=", k.kind), eb("key", "=", k.key)]))))
    .execute();
}

/** Forgets an account's failures and its devices' (its password was reset). */
export async function deleteUserThrottles(db: Db, userId: string): Promise<void> {
  await db.deleteFrom("login_throttles").where("user_id", "=", userId).execute();
}

/** Forgets rows untouched since a moment whose delay has ended (the table stays small). */
export async function deleteStaleThrottles(db: Db, before: Date): Promise<void> {
  await db
    .deleteFrom("login_throttles")
    .where("updated_at", "<", before)
    .where((eb) => eb.or([eb("blocked_until", "is", null), eb("blocked_until", "<", before)]))
    .execute();
}

/**
 * Rows touched since a moment, with their account, for the administrators' list. Unknown names
 * are left out: they are only hashes, and lifting one would help nobody.
 */
export async function listThrottleRows(db: Db, since: Date) {
  return db
    .selectFrom("login_throttles as t")
    .leftJoin("users as u", "u.id", "t.user_id")
    .select([
      "t.id",
      "t.kind",
      "t.key",
      "t.user_id",
      "t.level",
      "t.updated_at",
      "t.last_failure_at",
      "t.blocked_until",
      "u.username",
      "u.display_name",
    ])
    .where("t.kind", "<>", "unknown_name")
    .where((eb) => eb.or([eb("t.updated_at", ">=", since), eb("t.blocked_until", ">=", since)]))
    .orderBy("t.last_failure_at", "desc")
    .execute();
}

export type ThrottleRow = Awaited<ReturnType<typeof listThrottleRows>>[number];

export async function findThrottleRow(db: Db, id: string) {
  return db
    .selectFrom("login_throttles")
    .selectAll()
    .where("id", "=", id)
    .where("kind", "<>", "unknown_name")
    .forUpdate()
    .executeTakeFirst();
}

export async function deleteThrottleRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom("login_throttles").where("id", "=", id).execute();
}
