// Making a backup: every table of our schema and pg-boss's, the sequences and the migration level,
// read in one REPEATABLE READ READ ONLY transaction — one snapshot, however long the copy takes and
// whatever is written meanwhile — and streamed, a page of rows at a time through a cursor, into a
// gzip body (format.ts). Memory stays bounded by a page (a few megabytes) whatever the size.
//
// On PostgreSQL the snapshot leaves writers free. On PGlite, which has one connection, the
// transaction holds it for the copy's duration: requests wait that long (docs/operations.md has
// the figures), as they would for any transaction.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { Database, Db } from "../db/connection.js";
import { BOSS_SCHEMA } from "../jobs/runner.js";
import { countClientsWithDetails } from "../people/service.js";
import { BackupError } from "./errors.js";
import { newBackupHeader, sectionLine, type TBackupHeader } from "./format.js";
import {
  type CatalogTable,
  closeRowCursor,
  currentSchema,
  fetchRowLines,
  listAppliedMigrations,
  listSequences,
  listTables,
  openRowCursor,
  readSequence,
  schemaExists,
  type TableName,
  transactionTime,
  useExactText,
} from "./queries.js";

/** This Peerlink's version, as package.json says (src/ and dist/ both sit one level below it). */
const peerlinkVersion: string = JSON.parse(
  readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
).version;

/**
 * Pages read from the cursor hold about PAGE_BYTES: a table's first page is a few rows, and each
 * next page as many rows as the widest row of the last one allows (at most MAX_PAGE_ROWS), so a
 * table of narrow records goes in few round trips and one of stored files (exports) a few rows at
 * a time — memory stays bounded whatever the rows hold.
 */
const PAGE_BYTES = 4 * 1024 * 1024;
const FIRST_PAGE_ROWS = 16;
const MAX_PAGE_ROWS = 5000;

/** The schemas a backup holds: ours first, then pg-boss's when the server has made it. */
export async function backupSchemas(db: Db): Promise<{ ours: string; all: string[] }> {
  const ours = await currentSchema(db);
  const all = (await schemaExists(db, BOSS_SCHEMA)) ? [ours, BOSS_SCHEMA] : [ours];
  return { ours, all };
}

/** A table's name in a backup: ours bare, pg-boss's with its schema (format.ts). */
export const nameInBackup = (t: TableName, ours: string): string =>
  t.schema === ours ? t.name : `${t.schema}.${t.name}`;

/**
 * Writes a backup's gzip body into `body` (and ends it); returns its header. `engine` is recorded
 * in the header: a backup restores into either engine.
 */
export async function writeBackup(
  db: Db,
  engine: Database["engine"],
  body: Writable,
): Promise<TBackupHeader> {
  return db
    .transaction()
    .setIsolationLevel("repeatable read")
    .setAccessMode("read only")
    .execute(async (trx) => {
      await useExactText(trx);
      // The first query takes the snapshot; sequences are read after it, so each is at least what
      // any row of the snapshot holds (a sequence is not transactional: it may be a little ahead).
      const schemas = await backupSchemas(trx);
      const sequences = [];
      for (const sequence of await listSequences(trx, schemas.all)) {
        sequences.push({
          name: nameInBackup(sequence, schemas.ours),
          ...(await readSequence(trx, sequence)),
        });
      }
      const migrations = await listAppliedMigrations(trx);
      if (migrations.length === 0) {
        throw new BackupError(
          "incompatible",
          "this database has no Peerlink schema (no migration was ever applied): there is nothing to back up",
        );
      }
      const createdAt = await transactionTime(trx);
      const encryptedDetails = await countClientsWithDetails(trx);
      const tables = await listTables(trx, schemas.all);

      const hash = createHash("sha256");
      let bytes = 0;
      const counts: TBackupHeader["tables"] = [];
      const take = (text: string) => {
        const chunk = Buffer.from(text);
        hash.update(chunk);
        bytes += chunk.length;
        return chunk;
      };
      async function* lines(): AsyncGenerator<Buffer> {
        for (const t of tables) {
          const name = nameInBackup(t, schemas.ours);
          yield take(sectionLine({ table: name, columns: t.columns }));
          yield* tableRows(trx, t, take, (rows) => counts.push({ name, rows }));
        }
      }
      await pipeline(Readable.from(lines()), createGzip(), body);

      return newBackupHeader({
        peerlink: peerlinkVersion,
        engine,
        createdAt: createdAt.toISOString(),
        migrationLevel: Math.max(...migrations.map((m) => m.version)),
        migrations,
        tables: counts,
        sequences,
        encryptedDetails,
        body: { sha256: hash.digest("hex"), bytes },
      });
    });
}

/** A table's rows, a page at a time, as one chunk of lines per page. */
async function* tableRows(
  trx: Db,
  t: CatalogTable,
  take: (text: string) => Buffer,
  done: (rows: number) => void,
): AsyncGenerator<Buffer> {
  await openRowCursor(trx, t);
  let rows = 0;
  let pageRows = FIRST_PAGE_ROWS;
  for (;;) {
    const page = await fetchRowLines(trx, pageRows);
    if (page.length === 0) break;
    rows += page.length;
    const widest = Math.max(...page.map((line) => line.length));
    pageRows = Math.max(1, Math.min(MAX_PAGE_ROWS, Math.floor(PAGE_BYTES / widest)));
    yield take(`${page.join("\n")}\n`);
  }
  await closeRowCursor(trx);
  done(rows);
}
