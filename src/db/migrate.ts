// Numbered SQL migrations (migrations/NNNN_name.sql), applied in order, each in its own
// transaction, under a PostgreSQL advisory lock so that two processes never migrate at once.
// An applied migration whose file has since changed stops the start: history is not rewritten.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { sql } from "kysely";
import type { Database, Db } from "./connection.js";

/** Any fixed number; it names "the Peerlink migration lock" among advisory locks. */
export const MIGRATION_LOCK = 72_617_001;

export interface Migration {
  version: number;
  name: string;
  script: string;
  checksum: string;
}

const migrationsDir = new URL("./migrations/", import.meta.url);

export function readMigrations(dir: URL = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const script = readFileSync(new URL(file, dir), "utf8");
      return {
        version: Number(file.slice(0, 4)),
        name: file.slice(5, -4),
        script,
        checksum: createHash("sha256").update(script).digest("hex"),
      };
    });
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

/** The history of applied migrations; `migrate` makes it, and so does a restore (src/backup/). */
export async function createMigrationsTable(db: Db): Promise<void> {
  await sql`create table if not exists schema_migrations (
    version integer primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`.execute(db);
}

/** Runs one migration and records it, on the caller's transaction. */
export async function applyMigration(trx: Db, migration: Migration): Promise<void> {
  await sql.raw(migration.script).execute(trx);
  await trx
    .insertInto("schema_migrations")
    .values({ version: migration.version, name: migration.name, checksum: migration.checksum })
    .execute();
}

/** `0015_data_quality_covering`: how a migration is named to an operator. */
export const migrationLabel = (migration: Pick<Migration, "version" | "name">): string =>
  `${String(migration.version).padStart(4, "0")}_${migration.name}`;

export async function migrate(
  database: Database,
  migrations = readMigrations(),
): Promise<MigrationReport> {
  return database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      await createMigrationsTable(conn);
      const done = new Map(
        (await conn.selectFrom("schema_migrations").selectAll().execute()).map((row) => [
          row.version,
          row,
        ]),
      );
      const applied: string[] = [];
      for (const migration of migrations) {
        const previous = done.get(migration.version);
        if (previous) {
          if (previous.checksum !== migration.checksum) {
            throw new Error(
              `migration ${migration.version}_${migration.name} was changed after it was applied; add a new migration instead`,
            );
          }
          continue;
        }
        await conn.transaction().execute((trx) => applyMigration(trx, migration));
        applied.push(migrationLabel(migration));
      }
      return { applied, alreadyApplied: done.size };
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}
