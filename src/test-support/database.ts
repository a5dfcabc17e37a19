// Databases for tests: a fresh, migrated database per call. On PGlite (the default) each one is a
// new database thread loaded from a migrated template; with TEST_DATABASE_URL each one is a new
// database on that PostgreSQL server, dropped again on close. `{ migrated: false }` gives one
// with nothing in it (a restore's target).
//
// The template is migrated once and kept as a tar in node_modules/.cache, named by a hash of the
// migrations and PGlite's version, so a test file loads it (a second or two) instead of creating
// and migrating a database of its own (twenty seconds and more); a changed migration makes a new one.
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import {
  type Database,
  openMemoryDatabase,
  openPgliteDatabase,
  openPostgresDatabase,
} from "../db/connection.js";
import { migrate, readMigrations } from "../db/migrate.js";

export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "../..");

function templateFile(): string {
  const hash = createHash("sha256");
  const pglite = path.resolve(path.dirname(require.resolve("@electric-sql/pglite")), "..");
  hash.update(readFileSync(path.join(pglite, "package.json")));
  for (const migration of readMigrations())
    hash.update(`${migration.version}:${migration.checksum}`);
  const name = `pglite-template-${hash.digest("hex").slice(0, 16)}.tar`;
  return path.join(root, "node_modules", ".cache", "peerlink", name);
}

let template: Promise<ArrayBuffer> | undefined;

/** The migrated template, from the cache or made (and cached) now. */
function migratedTemplate(): Promise<ArrayBuffer> {
  template ??= (async () => {
    const file = templateFile();
    try {
      const bytes = readFileSync(file);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    } catch {
      const database = await openMemoryDatabase();
      await migrate(database);
      const tar = await database.dumpDataDir!();
      await database.close();
      // Written aside and renamed: a test file running at the same time reads all or nothing.
      mkdirSync(path.dirname(file), { recursive: true });
      const partial = `${file}.${process.pid}`;
      writeFileSync(partial, Buffer.from(tar));
      renameSync(partial, file);
      return tar;
    }
  })();
  return template;
}

export interface TestDatabaseOptions {
  /** Migrated (the default), or empty: a restore's target. */
  migrated?: boolean;
  /**
   * PGlite: keep the data in a temporary directory on disk instead of in memory, for tests that
   * stop the database's thread and need it reopened with what was committed.
   */
  onDisk?: boolean;
  /** PostgreSQL: the pool's size (4 unless given); PGlite has one connection. */
  connections?: number;
}

export async function openTestDatabase(options: TestDatabaseOptions = {}): Promise<Database> {
  const migrated = options.migrated ?? true;
  if (!testDatabaseUrl) {
    if (!migrated && !options.onDisk) return openMemoryDatabase();
    const loadDataDir = migrated ? await migratedTemplate() : undefined;
    if (!options.onDisk) return openMemoryDatabase({ loadDataDir });
    const dir = mkdtempSync(path.join(tmpdir(), "peerlink-test-db-"));
    const database = await openPgliteDatabase(dir, { loadDataDir });
    return {
      ...database,
      close: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
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
  const database = await openPostgresDatabase(url.toString(), { max: options.connections ?? 4 });
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
