// pg-boss's tables as a restore (src/backup/) needs them. They live in our database (schema
// `pgboss`) and are copied like ours, with one difference: pg-boss keeps each queue's jobs in a
// partition of `pgboss.job` that its own `create_queue` makes, so before jobs are loaded the
// database must have exactly the backup's queues, each with its partition. Only pg-boss's own
// plans and functions create or drop them, so nothing here imitates its internals.
import { sql } from "kysely";
import PgBoss from "pg-boss";
import type { Database, Db } from "../db/connection.js";
import { BOSS_SCHEMA } from "./runner.js";

/** Whether pg-boss has made its schema here (the server does at its first start). */
export async function hasJobTables(db: Db): Promise<boolean> {
  const { rows } = await sql<{
    name: string | null;
  }>`select to_regclass(${`${BOSS_SCHEMA}.version`})::text as name`.execute(db);
  return rows[0]?.name != null;
}

/**
 * Makes pg-boss's schema with its own construction plan, as its first start would. The plan is a
 * transaction of its own (it commits), so this runs before a restore's transaction, never inside.
 */
export async function createJobTables(database: Database): Promise<void> {
  await database.execScript(PgBoss.getConstructionPlans(BOSS_SCHEMA));
}

/** Drops pg-boss's schema (a restore of a backup that has none); pg-boss makes it at next start. */
export async function dropJobTables(trx: Db): Promise<void> {
  await sql`drop schema ${sql.id(BOSS_SCHEMA)} cascade`.execute(trx);
}

/**
 * Leaves exactly these queues, each with its partition: the others are deleted with their jobs
 * (pg-boss's delete_queue), the missing ones created (create_queue, default options: the
 * backup's queue rows are loaded over them). Runs inside the restore's transaction.
 */
export async function matchJobQueues(trx: Db, names: readonly string[]): Promise<void> {
  const queue = sql.id(BOSS_SCHEMA, "queue");
  const { rows } = await sql<{ name: string }>`select name from ${queue}`.execute(trx);
  const present = new Set(rows.map((r) => r.name));
  const wanted = new Set(names);
  // A queue may be another's dead letter queue: unlink them first, so any can be deleted (the
  // queue rows are replaced by the backup's afterwards).
  await sql`update ${queue} set dead_letter = null where dead_letter is not null`.execute(trx);
  for (const name of present) {
    if (!wanted.has(name)) {
      await sql`select ${sql.id(BOSS_SCHEMA, "delete_queue")}(${name})`.execute(trx);
    }
  }
  for (const name of wanted) {
    if (!present.has(name)) {
      await sql`select ${sql.id(BOSS_SCHEMA, "create_queue")}(${name}, '{}'::json)`.execute(trx);
    }
  }
}
