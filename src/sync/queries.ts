// SQL of the sync protocol. Reads are batched (one query per table per push), so a 500-change push
// costs a handful of round trips, not thousands.
import { type Insertable, sql } from "kysely";
import type { Db } from "../db/connection.js";
import type { DB, SyncReceiptsTable } from "../db/schema.js";
import type { SyncedTable } from "./records.js";

/** Any fixed number; it names "a sync write is running" among advisory locks. */
const SYNC_WRITE_LOCK = 72_617_003;

/**
 * Writers of synced records take this lock for their transaction, so versions (one sequence)
 * become visible in the order they were given: a pull that has seen version N can never later
 * find a version below N appear.
 */
export async function lockSyncWrites(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${SYNC_WRITE_LOCK})`.execute(db);
}

export async function touchDevice(
  db: Db,
  deviceId: string,
  userId: string,
  column: "last_push_at" | "last_pull_at",
  now: Date,
) {
  await db
    .insertInto("devices")
    .values({ id: deviceId, user_id: userId, [column]: now })
    .onConflict((oc) => oc.column("id").doUpdateSet({ user_id: userId, [column]: now }))
    .execute();
}

export async function findReceipts(db: Db, changeIds: readonly string[]) {
  if (changeIds.length === 0) return [];
  return db.selectFrom("sync_receipts").selectAll().where("change_id", "in", changeIds).execute();
}

export type Row = Record<string, unknown> & { id: string };

export async function findRows(db: Db, table: keyof DB, ids: readonly string[]): Promise<Row[]> {
  if (ids.length === 0) return [];
  const { rows } =
    await sql<Row>`select * from ${sql.table(table)} where id in (${sql.join(ids)})`.execute(db);
  return rows;
}

/** The live clients' UICs among these, as `site_id:uic` keys: a UIC is unique per site. */
export async function findLiveUics(
  db: Db,
  wanted: readonly { siteId: string; uic: string }[],
): Promise<string[]> {
  if (wanted.length === 0) return [];
  // Sites and codes as two lists, so the unique index (site_id, uic) is used; pairs that match
  // only crosswise (a site of one, the code of another) are dropped below.
  const rows = await db
    .selectFrom("clients")
    .select(["site_id", "uic"])
    .where("site_id", "in", [...new Set(wanted.map((w) => w.siteId))])
    .where("uic", "in", [...new Set(wanted.map((w) => w.uic))])
    .where("voided_at", "is", null)
    .execute();
  const keys = new Set(wanted.map((w) => uicKey(w.siteId, w.uic)));
  return rows.map((r) => uicKey(r.site_id, r.uic)).filter((k) => keys.has(k));
}

export const uicKey = (siteId: string, uic: string) => `${siteId}:${uic}`;

export async function findLiveAttendances(db: Db, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom("group_attendances")
    .select(["session_id", "client_id"])
    .where("session_id", "in", sessionIds)
    .where("voided_at", "is", null)
    .execute();
}

export async function insertRows(
  db: Db,
  table: SyncedTable,
  rows: readonly Record<string, unknown>[],
) {
  if (rows.length === 0) return [];
  return db
    .insertInto(table)
    .values(rows as never)
    .returning(["id", "version"])
    .execute() as Promise<{ id: string; version: number }[]>;
}

/** Changes a record only if it is still at the version the device saw; returns the new version. */
export async function updateRowAtVersion(
  db: Db,
  table: SyncedTable,
  id: string,
  baseVersion: number,
  values: Record<string, unknown>,
): Promise<number | undefined> {
  const row = await db
    .updateTable(table)
    .set(values as never)
    .where("id", "=", id)
    .where("version", "=", baseVersion)
    .returning("version")
    .executeTakeFirst();
  return (row as { version: number } | undefined)?.version;
}

export async function insertReceipts(db: Db, receipts: readonly Insertable<SyncReceiptsTable>[]) {
  if (receipts.length === 0) return;
  await db
    .insertInto("sync_receipts")
    .values([...receipts])
    .execute();
}

/** Savepoints, so one refused write inside the batch's transaction can be undone alone. */
export async function sqlSavepoint(db: Db, name: string) {
  await sql`savepoint ${sql.id(name)}`.execute(db);
}

export async function sqlRelease(db: Db, name: string) {
  await sql`release savepoint ${sql.id(name)}`.execute(db);
}

export async function sqlRollbackTo(db: Db, name: string) {
  await sql`rollback to savepoint ${sql.id(name)}`.execute(db);
}
