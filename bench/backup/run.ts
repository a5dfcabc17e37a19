// Benchmark (not a test): how long `peerlink backup` and `peerlink restore` take — on the demo and
// on the large generated programme of bench/indicators — on PGlite or on PostgreSQL; the file's
// size; how long a query that arrives during the backup waits (on PGlite the backup holds the one
// connection); and how much the process's memory grows while backing up (the copy streams a page
// at a time). Figures go to docs/benchmarks.md with the machine and the date.
//
//   npx tsx bench/backup/run.ts --engine pglite --from /tmp/large.jsonl.gz
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
//     npx tsx bench/backup/run.ts --engine postgres --scale 0.25
//
// Options as bench/indicators' (--runs: timed runs on the demo, 3 by default; the large data set is
// timed once). The large data set is generated on the first run and cached (its datasets.ts), or,
// with --from FILE, is a backup of it (made on PostgreSQL, where generating is quicker: `DATABASE_URL=…
// npm run peerlink -- backup`), restored into a new data directory on disk and backed up again.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { writeBackup } from "../../src/backup/backup.js";
import { readBackupHeader, writeBackupFile } from "../../src/backup/format.js";
import { restoreBackup } from "../../src/backup/restore.js";
import {
  type Database,
  openMemoryDatabase,
  openPgliteDatabase,
  openPostgresDatabase,
} from "../../src/db/connection.js";
import { migrate } from "../../src/db/migrate.js";
import { loadDemo } from "../../src/demo/service.js";
import {
  type BenchOptions,
  createMarkerTable,
  openDataset,
  readOptions,
} from "../indicators/datasets.js";
import { recordBenchmark } from "../report.js";

const args = process.argv.slice(2);
const fromIndex = args.indexOf("--from");
const from = fromIndex >= 0 ? path.resolve(args.splice(fromIndex, 2)[1]!) : undefined;
const options: BenchOptions = readOptions(
  args.some((a) => a.startsWith("--runs")) ? args : [...args, "--runs", "3"],
);
const work = mkdtempSync(path.join(tmpdir(), "peerlink-bench-backup-"));
let files = 0;

/** A new empty database on the engine under test, and how to be rid of it. */
async function emptyDatabase(): Promise<Database> {
  if (options.engine === "pglite") return openMemoryDatabase();
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) throw new Error("--engine postgres needs BENCH_DATABASE_URL");
  const name = `peerlink_bench_backup_${randomBytes(4).toString("hex")}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgresDatabase(url.toString());
  return {
    ...database,
    close: async () => {
      await database.close();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

interface Timed {
  backupMs: number;
  restoreMs: number;
  bytes: number;
  rows: number;
  /** A `select 1` sent 100 ms into the backup: how long it took to answer. */
  waitMs: number;
  /** Growth of the process's resident memory while backing up, over what it was before. */
  memoryMb: number;
}

/** Backs `source` up into a file, timing it; the file is left for the caller. */
async function timeBackup(source: Database): Promise<Omit<Timed, "restoreMs"> & { file: string }> {
  const file = path.join(work, `backup-${++files}.jsonl.gz`);
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  let waitMs = 0;
  const probe = new Promise<void>((resolve) =>
    setTimeout(async () => {
      const sent = performance.now();
      await sql`select 1`.execute(source.db);
      waitMs = performance.now() - sent;
      resolve();
    }, 100),
  );
  const started = performance.now();
  const { header, bytes } = await writeBackupFile(file, (body) =>
    writeBackup(source.db, source.engine, body),
  );
  const backupMs = performance.now() - started;
  clearInterval(sampler);
  await probe;
  return {
    file,
    backupMs,
    bytes,
    rows: header.tables.reduce((n, t) => n + t.rows, 0),
    waitMs,
    memoryMb: (peak - baseline) / 2 ** 20,
  };
}

/** Backs `source` up, then restores the backup into a new empty database, timing both. */
async function timeOnce(
  source: Database,
  prepareTarget?: (target: Database) => Promise<void>,
): Promise<Timed> {
  const { file, ...backup } = await timeBackup(source);
  const target = await emptyDatabase();
  try {
    await prepareTarget?.(target);
    const started = performance.now();
    await restoreBackup(target, file, { detailsKey: undefined });
    return { ...backup, restoreMs: performance.now() - started };
  } finally {
    await target.close();
    rmSync(file);
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);

const rows: (string | number)[][] = [];
const load = [loadavg()[0]!.toFixed(1)];

{
  const demo = await emptyDatabase();
  await migrate(demo);
  await loadDemo(demo.db);
  const runs: Timed[] = [];
  for (let i = 0; i < options.runs; i++) runs.push(await timeOnce(demo));
  await demo.close();
  const t = runs[0]!;
  rows.push([
    "demo",
    t.rows,
    `${(t.bytes / 1024).toFixed(0)} KiB`,
    seconds(median(runs.map((r) => r.backupMs))),
    seconds(median(runs.map((r) => r.restoreMs))),
    Math.round(median(runs.map((r) => r.waitMs))),
    Math.round(median(runs.map((r) => r.memoryMb))),
  ]);
  console.log(rows.at(-1)!.join(" | "));
}

if (from) {
  // The backup restored into a new data directory, as an operator moving to this engine would,
  // then backed up from there.
  const header = await readBackupHeader(from);
  const dir = mkdtempSync(path.join(tmpdir(), "peerlink-bench-backup-pglite-"));
  const target = await openPgliteDatabase(dir);
  await createMarkerTable(target.db);
  const restoreStarted = performance.now();
  await restoreBackup(target, from, { detailsKey: undefined });
  const restoreMs = performance.now() - restoreStarted;
  const t = await timeBackup(target);
  await target.close();
  rmSync(dir, { recursive: true, force: true });
  rows.push([
    `large programme (${header.engine} backup, ${header.tables.find((x) => x.name === "clients")?.rows.toLocaleString("en-GB")} clients) into a new data directory`,
    t.rows,
    `${(t.bytes / 2 ** 20).toFixed(1)} MiB`,
    seconds(t.backupMs),
    seconds(restoreMs),
    Math.round(t.waitMs),
    Math.round(t.memoryMb),
  ]);
  console.log(rows.at(-1)!.join(" | "));
} else {
  const dataset = await openDataset(options);
  const t = await timeOnce(dataset.database, (target) => createMarkerTable(target.db));
  await dataset.database.close();
  rows.push([
    `large programme, scale ${options.scale}`,
    t.rows,
    `${(t.bytes / 2 ** 20).toFixed(1)} MiB`,
    seconds(t.backupMs),
    seconds(t.restoreMs),
    Math.round(t.waitMs),
    Math.round(t.memoryMb),
  ]);
  console.log(rows.at(-1)!.join(" | "));
}
load.push(loadavg()[0]!.toFixed(1));
rmSync(work, { recursive: true, force: true });

recordBenchmark(
  `backup and restore on ${options.engine}`,
  [
    `\`peerlink backup\` and \`peerlink restore\` as their services run them (\`bench/backup/run.ts --engine ${options.engine}${from ? " --from FILE" : ` --scale ${options.scale}`}\`${options.engine === "postgres" ? " with `BENCH_DATABASE_URL`" : ""}): the demo (median of ${options.runs} runs) and the large programme of bench/indicators${from ? ", from a backup of it made on PostgreSQL at scale 0.25, restored into a new data directory on disk and then backed up from there" : ` at scale ${options.scale}`} (one run). The backup is one snapshot read through a cursor in pages of about 4 MB (up to 5,000 rows), into gzip (level 6); the restore reads the file twice (checked first, then loaded in one transaction into an empty database: migrations to the backup's level, triggers off, foreign keys added back and checked, counts verified) and ends with ANALYZE. "Query waits" is a \`select 1\` sent 100 ms into the backup${options.engine === "pglite" ? ": PGlite has one connection, which the backup's transaction holds, so every request waits for the copy to end" : ""}. "Memory" is how much the process's resident memory grew during the backup${options.engine === "pglite" ? " (PGlite's own memory included)" : ""}.`,
    `Load average ${load[0]} when the timing began, ${load[1]} when it ended (the machine is shared).`,
  ].join("\n\n"),
  ["data set", "rows", "file", "backup (s)", "restore (s)", "query waits (ms)", "memory (MiB)"],
  rows,
);
