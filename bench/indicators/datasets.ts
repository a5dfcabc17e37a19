// Where the generated programme lives between runs, so timing it again does not generate it
// again: on PGlite a data directory under /tmp per scale and seed; on PostgreSQL a database
// `peerlink_bench_indicators_<scale>_seed<seed>` on the server BENCH_DATABASE_URL names (a user
// that may create databases). A marker table written after generation says the data set is
// complete and how it was made; a data set without it (an interrupted run), from another version
// of the generator, or whose migrations no longer match the code, is dropped and made again.
import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import {
  type Database,
  type Db,
  openPgliteDatabase,
  openPostgresDatabase,
  redactUrl,
} from "../../src/db/connection.js";
import { migrate } from "../../src/db/migrate.js";
import { type GenerationReport, generateProgramme } from "./programme.js";

/** Bump when the generator draws different data: cached data sets are then made again. */
const GENERATOR_VERSION = 1;
const cacheDir = path.join(tmpdir(), "peerlink-bench-indicators");

export interface BenchOptions {
  engine: "pglite" | "postgres";
  scale: number;
  seed: number;
  /** Make the data set again even when a complete one exists. */
  fresh: boolean;
  /** Timed runs per workload (after one warm-up run). */
  runs: number;
  /** Also time candidate indexes and settings (trials.ts). */
  trials: boolean;
}

export function readOptions(args = process.argv.slice(2)): BenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      engine: { type: "string", default: "pglite" },
      scale: { type: "string", default: "1" },
      seed: { type: "string", default: "1" },
      fresh: { type: "boolean", default: false },
      runs: { type: "string", default: "10" },
      trials: { type: "boolean", default: false },
    },
  });
  if (values.engine !== "pglite" && values.engine !== "postgres") {
    throw new Error(`--engine must be pglite or postgres, not ${values.engine}`);
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer`);
  return {
    engine: values.engine,
    scale: Number(values.scale),
    seed: Number(values.seed),
    fresh: values.fresh,
    runs,
    trials: values.trials,
  };
}

export interface Dataset {
  database: Database;
  /** The data directory or the database's URL (without password). */
  location: string;
  /** How the data set was made (when it was first generated, not in this run). */
  generation: GenerationReport & { generatedAt: string };
  /** True when this run generated it. */
  generatedNow: boolean;
  /** Opens a new connection to the data set (to pick up a changed database setting). */
  open(): Promise<Database>;
}

const scaleTag = (scale: number) => String(scale).replace(".", "_");

/** The marker's row, when the data set is complete and was made by this generator. */
async function readMarker(database: Database, options: BenchOptions) {
  const exists = await sql<{
    name: string | null;
  }>`select to_regclass('bench_dataset')::text as name`.execute(database.db);
  if (!exists.rows[0]?.name) return undefined;
  const { rows } = await sql<{ report: GenerationReport; generated_at: Date }>`
    select report, generated_at from bench_dataset
     where generator = ${GENERATOR_VERSION} and scale = ${options.scale} and seed = ${options.seed}`.execute(
    database.db,
  );
  const row = rows[0];
  return row && { ...row.report, generatedAt: row.generated_at.toISOString() };
}

/** The marker's table; bench/backup makes it in a restore's target, which then takes the data set. */
export async function createMarkerTable(db: Db): Promise<void> {
  await sql`create table bench_dataset (
    generator integer not null, scale numeric not null, seed integer not null,
    report jsonb not null, generated_at timestamptz not null default now())`.execute(db);
}

async function writeMarker(database: Database, options: BenchOptions, report: GenerationReport) {
  await createMarkerTable(database.db);
  await sql`insert into bench_dataset (generator, scale, seed, report)
    values (${GENERATOR_VERSION}, ${options.scale}, ${options.seed}, ${JSON.stringify(report)})`.execute(
    database.db,
  );
}

/** Applies the code's migrations; false when the data set's history no longer matches them. */
async function migrateOrDiscard(database: Database): Promise<boolean> {
  try {
    await migrate(database);
    return true;
  } catch (error) {
    console.log(`cached data set discarded: ${(error as Error).message}`);
    return false;
  }
}

function openPglite(options: BenchOptions) {
  const dir = path.join(cacheDir, `pglite-scale-${scaleTag(options.scale)}-seed-${options.seed}`);
  if (options.fresh) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const open = () => openPgliteDatabase(dir);
  const discard = async (database: Database) => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    return open();
  };
  return { location: dir, open, discard };
}

async function openPostgres(options: BenchOptions) {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl)
    throw new Error(
      "--engine postgres needs BENCH_DATABASE_URL (a user that may create databases)",
    );
  const name = `peerlink_bench_indicators_${scaleTag(options.scale)}_seed${options.seed}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const create = async () => {
    await admin(`drop database if exists ${name} with (force)`);
    await admin(`create database ${name}`);
  };
  const exists = (await admin(`select 1 from pg_database where datname = '${name}'`)).rowCount;
  if (options.fresh || !exists) await create();
  const open = () => openPostgresDatabase(url.toString());
  const discard = async (database: Database) => {
    await database.close();
    await create();
    return open();
  };
  return { location: redactUrl(url.toString()), open, discard };
}

/** Opens the data set for these options, generating it first when there is no complete one. */
export async function openDataset(options: BenchOptions): Promise<Dataset> {
  const store = options.engine === "pglite" ? openPglite(options) : await openPostgres(options);
  let database = await store.open();
  if (!(await migrateOrDiscard(database))) {
    database = await store.discard(database);
    await migrate(database);
  }
  const marker = await readMarker(database, options);
  if (marker) {
    return {
      database,
      location: store.location,
      generation: marker,
      generatedNow: false,
      open: store.open,
    };
  }

  const empty = await sql<{ n: number }>`select count(*)::int as n from organisations`.execute(
    database.db,
  );
  if (empty.rows[0]!.n > 0) {
    console.log(`${store.location} holds an incomplete or older data set: making it again`);
    database = await store.discard(database);
    await migrate(database);
  }
  console.log(`generating scale ${options.scale} (seed ${options.seed}) into ${store.location}`);
  const report = await generateProgramme(database, options);
  await writeMarker(database, options, report);
  return {
    database,
    location: store.location,
    generation: { ...report, generatedAt: new Date().toISOString() },
    generatedNow: true,
    open: store.open,
  };
}
