// Databases for tests: a fresh, migrated database per call. On PGlite (the default) each one is a
// clone of a migrated in-memory template; with TEST_DATABASE_URL each one is a new database on
// that PostgreSQL server, dropped again on close. `{ migrated: false }` gives one with nothing in
// it (a restore's target).
import { randomBytes } from "node:crypto";
import pg from "pg";
import {
  type Database,
  openMemoryDatabase,
  openPostgresDatabase,
  wrapPglite,
} from "../db/connection.js";
import { migrate } from "../db/migrate.js";

export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;

let template: Promise<Database> | undefined;

async function migratedTemplate(): Promise<Database> {
  const database = await openMemoryDatabase();
  await migrate(database);
  return database;
}

export async function openTestDatabase(options: { migrated?: boolean } = {}): Promise<Database> {
  const migrated = options.migrated ?? true;
  if (!testDatabaseUrl) {
    if (!migrated) return openMemoryDatabase();
    template ??= migratedTemplate();
    const source = await template;
    return wrapPglite(await source.pglite!.clone());
  }
  const name = `peerlink_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  const database = await openPostgresDatabase(url.toString(), { max: 4 });
  if (migrated) await migrate(database);
  return {
    ...database,
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: testDatabaseUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
