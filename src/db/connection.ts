// One database interface above two engines: the embedded PGlite (default, data in DATA_DIR) and a
// PostgreSQL server through `pg` (when DATABASE_URL is set). Everything above this file sees a
// Kysely instance and never knows which engine answers.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { PGlite, type PGliteInterface } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from "kysely";
import pg from "pg";
import { AppError } from "../lib/errors.js";
import type { DB } from "./schema.js";

export type Db = Kysely<DB>;

export interface Database {
  db: Db;
  engine: "pglite" | "postgres";
  /** The embedded engine itself, when that is the engine (tests clone it). */
  pglite?: PGlite;
  /** Runs a script of several statements at once (migrations, demo reset). */
  execScript(script: string): Promise<void>;
  close(): Promise<void>;
}

const OID = { int8: 20, date: 1082 } as const;

/** int8 as a JS number: counts and versions stay far below 2^53; refuse silently wrong values. */
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n))
    throw new Error(`int8 value ${value} exceeds the safe integer range`);
  return n;
}

/** Calendar dates stay strings (YYYY-MM-DD): a JS Date would shift them by the time zone. */
const parseDate = (value: string): string => value;

/** Passed with every query: a cloned PGlite instance does not inherit its parent's parsers. */
const pgliteParsers = { [OID.int8]: parseInt8, [OID.date]: parseDate };

/**
 * Adapts one PGlite instance to the pool interface Kysely's PostgresDialect drives. PGlite has a
 * single connection, so a connection is lent to one caller at a time (transactions included).
 */
class PgliteKyselyPool implements PostgresPool {
  #queue: Promise<void> = Promise.resolve();

  constructor(private readonly pglite: PGliteInterface) {}

  async connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const previous = this.#queue;
    this.#queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    const pglite = this.pglite;
    return {
      // biome-ignore lint/suspicious/noExplicitAny: the PostgresPoolClient contract is generic over rows
      async query(sql: string, parameters: readonly unknown[]): Promise<any> {
        if (parameters.length === 0) {
          // The simple protocol, as pg uses it without parameters: scripts of several statements.
          const results = await pglite.exec(sql, { parsers: pgliteParsers });
          const last = results.at(-1);
          return {
            command: commandOf(sql),
            rowCount: last?.affectedRows ?? 0,
            rows: last?.rows ?? [],
          };
        }
        const result = await pglite.query(sql, parameters as unknown[], { parsers: pgliteParsers });
        return { command: commandOf(sql), rowCount: result.affectedRows ?? 0, rows: result.rows };
      },
      release,
    } as PostgresPoolClient;
  }

  async end(): Promise<void> {
    await this.#queue;
  }
}

function commandOf(sql: string): "INSERT" | "UPDATE" | "DELETE" | "SELECT" {
  const word = /^\s*(?:with\b[\s\S]*?\)\s*)?(insert|update|delete|select)/i.exec(sql)?.[1];
  return (word?.toUpperCase() as "INSERT" | "UPDATE" | "DELETE" | undefined) ?? "SELECT";
}

/** Wraps an open PGlite instance (created with this module's parsers) as a Database. */
export function wrapPglite(pglite: PGlite | PGliteInterface): Database {
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: new PgliteKyselyPool(pglite) }),
  });
  return {
    db,
    engine: "pglite",
    pglite: pglite as PGlite,
    execScript: async (script) => {
      await pglite.exec(script, { parsers: pgliteParsers });
    },
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

/** A fresh database in memory: for tests, where each test file gets its own. */
export async function openMemoryDatabase(): Promise<Database> {
  return wrapPglite(await PGlite.create({ parsers: pgliteParsers }));
}

/**
 * Opens (or creates) the embedded database in `<dataDir>/pgdata`. Refuses a directory that holds
 * something else, so a mistyped DATA_DIR never has its files overwritten.
 */
export async function openPgliteDatabase(dataDir: string): Promise<Database> {
  const pgdata = path.join(dataDir, "pgdata");
  assertPgliteDirectory(pgdata);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(pgdata, { parsers: pgliteParsers });
  } catch (cause) {
    throw new AppError("database_unavailable", {
      detail: `could not open the embedded database in ${pgdata}: ${(cause as Error).message}`,
    });
  }
  return wrapPglite(pglite);
}

function assertPgliteDirectory(pgdata: string): void {
  if (!existsSync(pgdata)) return;
  if (!statSync(pgdata).isDirectory()) {
    throw new AppError("data_dir_invalid", {
      detail: `${pgdata} is a file, not a database directory`,
    });
  }
  if (readdirSync(pgdata).length === 0) return;
  const versionFile = path.join(pgdata, "PG_VERSION");
  if (!existsSync(versionFile)) {
    throw new AppError("data_dir_invalid", {
      detail: `${pgdata} is not a PGlite database (it has no PG_VERSION file); nothing in it was changed`,
    });
  }
  const major = readFileSync(versionFile, "utf8").trim();
  if (major !== "18") {
    throw new AppError("data_dir_invalid", {
      detail: `${pgdata} holds a PostgreSQL ${major} database; this PGlite reads PostgreSQL 18 data. Nothing in it was changed`,
    });
  }
}

/** Connects to a PostgreSQL server and checks that it answers, so a wrong URL stops the start. */
export async function openPostgresDatabase(
  url: string,
  options: { max?: number } = {},
): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") => {
        if (oid === OID.int8) return parseInt8;
        if (oid === OID.date) return parseDate;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on("error", () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (cause) {
    await pool.end().catch(() => {});
    throw new AppError("database_unavailable", {
      detail: `could not connect to DATABASE_URL (${redactUrl(url)}): ${(cause as Error).message}`,
    });
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: "postgres",
    execScript: async (script) => {
      await pool.query(script);
    },
    close: () => db.destroy(),
  };
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}
