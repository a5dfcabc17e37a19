// The backup file: one gzip file of JSON lines, engine-neutral, readable with ordinary tools.
//
//   line 1          the header (what made the backup, when, the migration level, every table's
//                   row count, the sequences, the SHA-256 of the body), padded to HEADER_BYTES
//   then per table  {"table": "clients", "columns": [{"name": "id", "type": "uuid"}, …]}
//                   one JSON array per row: each value as PostgreSQL's own text form (what COPY
//                   writes), or null
//
// `zcat FILE | head -1` shows the header. The header is the file's first gzip member, stored
// uncompressed at a fixed size, so it can be written after the body (whose row counts and checksum
// it holds) over a placeholder, while the body streams straight to disk. Tables of our schema are
// named bare (`clients`), pg-boss's with theirs (`pgboss.job`).
import { createHash } from "node:crypto";
import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { createGunzip, gzipSync } from "node:zlib";
import { z } from "zod";
import { BackupError } from "./errors.js";

const BACKUP_FORMAT = "peerlink-backup";
const FORMAT_VERSION = 1;
/** Room for the header: about 130 bytes per migration and 50 per table, so years of growth. */
const HEADER_BYTES = 32 * 1024;

const ZMigrationSchema = z.object({
  version: z.number().int().positive(),
  name: z.string(),
  checksum: z.string(),
});

export const ZBackupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  /** The version of Peerlink (package.json) that made it. */
  peerlink: z.string(),
  engine: z.enum(["pglite", "postgres"]),
  /** The snapshot's time (the database's clock), ISO 8601. */
  createdAt: z.string(),
  /** The highest migration applied, and every applied migration with its file's checksum. */
  migrationLevel: z.number().int().nonnegative(),
  migrations: z.array(ZMigrationSchema),
  tables: z.array(z.object({ name: z.string(), rows: z.number().int().nonnegative() })),
  /** Each sequence as `pg_sequences` states it: its last value and whether it was handed out. */
  sequences: z.array(
    z.object({ name: z.string(), lastValue: z.string().regex(/^-?\d+$/), isCalled: z.boolean() }),
  ),
  /** Clients with encrypted details (name, phone): the secret is needed to read them. */
  encryptedDetails: z.number().int().nonnegative(),
  body: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int() }),
});
export type TBackupHeader = z.infer<typeof ZBackupHeaderSchema>;

export const newBackupHeader = (
  fields: Omit<TBackupHeader, "format" | "formatVersion">,
): TBackupHeader => ({ format: BACKUP_FORMAT, formatVersion: FORMAT_VERSION, ...fields });

const ZColumnSchema = z.object({ name: z.string().min(1), type: z.string().min(1) });
const ZSectionSchema = z.object({ table: z.string().min(1), columns: z.array(ZColumnSchema) });
export type TBackupSection = z.infer<typeof ZSectionSchema>;

/** A table's first line in the body. */
export const sectionLine = (section: TBackupSection): string => `${JSON.stringify(section)}\n`;

/** The header as a gzip member of fixed size: stored, padded with spaces to HEADER_BYTES. */
function headerMember(header: TBackupHeader | undefined): Buffer {
  const text = Buffer.from(header ? JSON.stringify(header) : "");
  if (text.length > HEADER_BYTES - 1) {
    throw new Error(`the backup header needs ${text.length} bytes, more than ${HEADER_BYTES - 1}`);
  }
  const padded = Buffer.alloc(HEADER_BYTES, " ");
  text.copy(padded);
  padded[HEADER_BYTES - 1] = 0x0a;
  return gzipSync(padded, { level: 0 });
}

/**
 * Writes a backup file: `produce` writes the gzip body into the stream it is given (and ends it),
 * then returns the header, which is written over the placeholder at the start. The file is made as
 * FILE.partial, readable by its owner only (it holds personal data), and renamed when complete, so
 * FILE never exists half-written; an existing FILE is never overwritten.
 */
export async function writeBackupFile(
  out: string,
  produce: (body: Writable) => Promise<TBackupHeader>,
): Promise<{ header: TBackupHeader; bytes: number }> {
  if (existsSync(out))
    throw new BackupError("file_exists", `${out} already exists; choose another name`);
  const partial = `${out}.partial`;
  let fd: number;
  try {
    fd = openSync(partial, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new BackupError(
        "file_exists",
        `${partial} exists (left by an interrupted backup?); remove it and run the backup again`,
      );
    }
    throw error;
  }
  const placeholder = headerMember(undefined);
  // The stream writes the body after the placeholder and, finished, leaves the descriptor open
  // (autoClose: false) for the header to be written over the placeholder; a stream destroyed by a
  // failure closes it itself.
  const body = createWriteStream(partial, { fd, start: placeholder.length, autoClose: false });
  // Whatever fails the body fails `produce` (or `finished` below), which is where it is handled.
  body.on("error", () => {});
  let closed = false;
  try {
    writeSync(fd, placeholder, 0, placeholder.length, 0);
    const header = await produce(body);
    if (!body.writableFinished) await finished(body);
    const member = headerMember(header);
    if (member.length !== placeholder.length) throw new Error("the backup header changed size");
    writeSync(fd, member, 0, member.length, 0);
    fsyncSync(fd);
    closeSync(fd);
    closed = true;
    if (existsSync(out)) {
      throw new BackupError(
        "file_exists",
        `${out} appeared while the backup was made; the backup is left in ${partial}`,
      );
    }
    renameSync(partial, out);
    return { header, bytes: statSync(out).size };
  } catch (error) {
    if (!closed) {
      if (!body.destroyed) body.destroy();
      if (!body.closed) await new Promise<void>((resolve) => body.once("close", () => resolve()));
    }
    if (!(error instanceof BackupError && error.code === "file_exists")) {
      rmSync(partial, { force: true });
    }
    throw error;
  }
}

/** What reading a backup's body gives: a table begins, or some of its rows (raw JSON lines). */
export type BackupEntry =
  | { kind: "table"; section: TBackupSection }
  | { kind: "rows"; section: TBackupSection; lines: string[] };

/** Rows per `rows` entry at most, and their bytes: memory stays bounded whatever the size. */
const BATCH_ROWS = 1000;
const BATCH_BYTES = 4 * 1024 * 1024;

/** The lines of a gzip file, as buffers without their newline; the gzip's own errors surface. */
async function* gzipLines(file: string): AsyncGenerator<Buffer> {
  const input = createReadStream(file).pipe(createGunzip());
  let carry: Buffer[] = [];
  let started = false;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      started = true;
      let start = 0;
      for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, start)) {
        const piece = chunk.subarray(start, i);
        yield carry.length ? Buffer.concat([...carry, piece]) : piece;
        carry = [];
        start = i + 1;
      }
      if (start < chunk.length) carry.push(chunk.subarray(start));
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new BackupError("not_a_backup", `${file} does not exist`);
    if (!started && code === "Z_DATA_ERROR") {
      throw new BackupError("not_a_backup", `${file} is not a Peerlink backup (not a gzip file)`);
    }
    throw damaged(file, describeGzipError(code, error));
  }
  if (carry.length) yield Buffer.concat(carry);
}

function describeGzipError(code: string | undefined, error: unknown): string {
  if (code === "Z_BUF_ERROR") return "it ends too early (truncated)";
  if (code === "Z_DATA_ERROR") return "its compressed data is corrupt";
  return (error as Error).message;
}

const damaged = (file: string, why: string) =>
  new BackupError("damaged", `${file} is damaged: ${why}. Nothing was restored from it`);

/**
 * Reads a backup: checks its header first, then yields its tables and rows, checking each line's
 * shape as it goes; when the body has been read, checks every table's row count and the body's
 * SHA-256 against the header, and throws if they differ. A caller that writes as it reads does so
 * in a transaction it rolls back on any error.
 */
export async function* readBackup(
  file: string,
): AsyncGenerator<BackupEntry, TBackupHeader, undefined> {
  const lines = gzipLines(file);
  const first = await lines.next();
  if (first.done) throw damaged(file, "it is empty");
  const header = parseHeader(file, first.value);
  const hash = createHash("sha256");
  let bytes = 0;
  const expected = [...header.tables];
  let section: TBackupSection | undefined;
  let rows = 0;
  let batch: string[] = [];
  let batchSize = 0;
  const endSection = () => {
    if (!section) return;
    const want = expected.shift();
    if (want?.name !== section.table || want.rows !== rows) {
      throw damaged(
        file,
        want?.name === section.table
          ? `table ${section.table} has ${rows} rows, the header says ${want.rows}`
          : `table ${section.table} is not the one the header lists next`,
      );
    }
  };
  for await (const line of lines) {
    hash.update(line).update("\n");
    bytes += line.length + 1;
    const text = line.toString("utf8");
    if (text.startsWith("[")) {
      if (!section) throw damaged(file, "rows come before any table");
      checkRow(file, section, text);
      rows++;
      batch.push(text);
      batchSize += line.length;
      if (batch.length >= BATCH_ROWS || batchSize >= BATCH_BYTES) {
        yield { kind: "rows", section, lines: batch };
        batch = [];
        batchSize = 0;
      }
      continue;
    }
    if (batch.length) {
      yield { kind: "rows", section: section!, lines: batch };
      batch = [];
      batchSize = 0;
    }
    endSection();
    section = parseSection(file, text);
    rows = 0;
    yield { kind: "table", section };
  }
  if (batch.length) yield { kind: "rows", section: section!, lines: batch };
  endSection();
  if (expected.length) throw damaged(file, `table ${expected[0]!.name} is missing (truncated?)`);
  if (bytes !== header.body.bytes || hash.digest("hex") !== header.body.sha256) {
    throw damaged(file, "its checksum does not match its content");
  }
  return header;
}

function parseHeader(file: string, line: Buffer): TBackupHeader {
  let json: unknown;
  try {
    json = JSON.parse(line.toString("utf8"));
  } catch {
    json = undefined;
  }
  const format = (json as { format?: unknown } | undefined)?.format;
  if (format !== BACKUP_FORMAT) {
    throw new BackupError("not_a_backup", `${file} is not a Peerlink backup`);
  }
  const version = (json as { formatVersion?: unknown }).formatVersion;
  if (typeof version === "number" && version > FORMAT_VERSION) {
    throw new BackupError(
      "too_new",
      `${file} was made by a newer Peerlink (backup format ${version}); upgrade Peerlink to restore it`,
    );
  }
  const parsed = ZBackupHeaderSchema.safeParse(json);
  if (!parsed.success) throw damaged(file, "its header is incomplete");
  return parsed.data;
}

function parseSection(file: string, text: string): TBackupSection {
  try {
    return ZSectionSchema.parse(JSON.parse(text));
  } catch {
    throw damaged(file, "a line is neither a table nor a row");
  }
}

function checkRow(file: string, section: TBackupSection, text: string): void {
  let row: unknown;
  try {
    row = JSON.parse(text);
  } catch {
    throw damaged(file, `a row of ${section.table} is cut short`);
  }
  if (
    !Array.isArray(row) ||
    row.length !== section.columns.length ||
    !row.every((v) => v === null || typeof v === "string")
  ) {
    throw damaged(file, `a row of ${section.table} does not fit its columns`);
  }
}

/** The header alone (the first line): what a backup is, before reading the rest. */
export async function readBackupHeader(file: string): Promise<TBackupHeader> {
  const lines = gzipLines(file);
  try {
    const first = await lines.next();
    if (first.done) throw damaged(file, "it is empty");
    return parseHeader(file, first.value);
  } finally {
    await lines.return(undefined);
  }
}

/** Reads a whole backup to check it, without keeping it; returns its header. */
export async function verifyBackup(
  file: string,
  onEntry?: (entry: BackupEntry) => void,
): Promise<TBackupHeader> {
  const reader = readBackup(file);
  for (;;) {
    const next = await reader.next();
    if (next.done) return next.value;
    onEntry?.(next.value);
  }
}
