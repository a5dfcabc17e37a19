// One database interface above two engines: the embedded PGlite (default, data in DATA_DIR) and a
// PostgreSQL server through `pg` (when DATABASE_URL is set). Everything above this file sees a
// Kysely instance and never knows which engine answers. PGlite runs in a thread of its own
// (src/db/pglite-thread.ts), so its statements never hold up the server's event loop. Each statement
// is limited by the statement timeout of the request or job that sends it (./statement-timeout.ts).
// How answers read the database — one snapshot, sorting settings — is ./reading.ts.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  sql,
} from "kysely";
import pg from "pg";
import { AppError } from "../lib/errors.js";
import { ChangeNotices } from "./change-notices.js";
import { OID, parseDate, parseInt8 } from "./parsers.js";
import { PgliteThread } from "./pglite-thread.js";
import { markEmbedded, openingSnapshot } from "./reading.js";
import type { DB } from "./schema.js";
import { currentStatementTimeout } from "./statement-timeout.js";

export type Db = Kysely<DB>;

/**
 * What GET /healthz reports of the database. `ok`: it answered. `busy`: it is alive but did not
 * answer in time, because requests are waiting for it (PGlite: other requests' statements, each
 * ended by its limit, or reopening after one was stopped; PostgreSQL: every connection of the pool
 * in use). `unavailable`: it cannot answer (PGlite could not be reopened; the server does not
 * answer on a connection of its own).
 */
export type DatabaseHealth = "ok" | "busy" | "unavailable";

export interface Database {
  db: Db;
  engine: "pglite" | "postgres";
  /** Runs a script of several statements at once (benchmarks' maintenance). */
  execScript(script: string): Promise<void>;
  /** How the database is doing, said within `withinMs` whatever it is busy with. */
  checkHealth(withinMs: number): Promise<DatabaseHealth>;
  /** Versions of what the public website shows, raised by the database's notices of change. */
  changes: ChangeNotices;
  /** The embedded database's data directory as a tar (tests clone a migrated template). */
  dumpDataDir?(): Promise<ArrayBuffer>;
  close(): Promise<void>;
}

/** Resolves with the promise's value, or with undefined once `ms` have passed. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const isRollback = (text: string) => /^\s*rollback\s*;?\s*$/i.test(text);

/**
 * Adapts the PGlite thread to the pool interface Kysely's PostgresDialect drives. PGlite has a
 * single connection, so it is lent to one caller at a time (transactions included), and each
 * statement carries the caller's statement timeout to the thread's watchdog.
 *
 * When the thread is stopped under a caller (its statement ran too long, or the thread died), the
 * caller's transaction is gone with it: its later statements fail with the same error, except the
 * ROLLBACK that Kysely and our own clean-up send, which has nothing left to undo.
 */
class PgliteWorkerPool implements PostgresPool {
  /** Whether the connection is lent now, and who waits for it, in the order they asked. */
  #lent = false;
  readonly #waiting: Array<{ grant: () => void; reader: boolean; since: number }> = [];

  constructor(private readonly thread: PgliteThread) {}

  /**
   * The connection, once it is free and this caller's turn has come: in the order asked, except
   * that a snapshot a public page is read from (readSnapshot) goes before writers waiting less than
   * `READER_MAY_PASS_MS` — a visitor waits for a page, a phone's push does not wait for anyone —
   * so that devices pushing without pause do not put every page behind their queue.
   */
  #take(): Promise<void> {
    if (!this.#lent) {
      this.#lent = true;
      return Promise.resolve();
    }
    return new Promise<void>((grant) => {
      this.#waiting.push({ grant, reader: openingSnapshot(), since: Date.now() });
    });
  }

  #giveBack(): void {
    const oldest = this.#waiting[0];
    if (!oldest) {
      this.#lent = false;
      return;
    }
    const reader = this.#waiting.findIndex((w) => w.reader);
    const next = reader > 0 && Date.now() - oldest.since < READER_MAY_PASS_MS ? reader : 0;
    const [chosen] = this.#waiting.splice(next, 1);
    chosen!.grant();
  }

  async connect(): Promise<PostgresPoolClient> {
    await this.#take();
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.#giveBack();
    };
    const thread = this.thread;
    const generation = thread.generation;
    let failure: Error | undefined;
    return {
      // biome-ignore lint/suspicious/noExplicitAny: the PostgresPoolClient contract is generic over rows
      async query(text: string, parameters: readonly unknown[]): Promise<any> {
        if (!failure && thread.generation !== generation) {
          failure = new AppError("database_unavailable", {
            detail: "the embedded database was reopened during this transaction, which is lost",
          });
        }
        if (failure) {
          if (isRollback(text)) return { command: "ROLLBACK", rowCount: 0, rows: [] };
          throw failure;
        }
        const timeoutMs = currentStatementTimeout();
        try {
          // Without parameters, the simple protocol, as pg uses it: scripts of several statements.
          const result =
            parameters.length === 0
              ? await thread.exec(text, timeoutMs)
              : await thread.query(text, [...parameters], timeoutMs);
          return { command: commandOf(text), rowCount: result.affectedRows, rows: result.rows };
        } catch (error) {
          if (thread.generation !== generation) failure = error as Error;
          throw error;
        }
      },
      release,
    } as PostgresPoolClient;
  }

  async end(): Promise<void> {
    // Waits its turn like any caller: every transaction before it has ended.
    await this.#take();
    this.#giveBack();
  }
}

/** How long a writer may be passed by snapshots read for pages (PgliteWorkerPool). */
const READER_MAY_PASS_MS = 200;

function commandOf(sql: string): "INSERT" | "UPDATE" | "DELETE" | "SELECT" {
  const word = /^\s*(?:with\b[\s\S]*?\)\s*)?(insert|update|delete|select)/i.exec(sql)?.[1];
  return (word?.toUpperCase() as "INSERT" | "UPDATE" | "DELETE" | undefined) ?? "SELECT";
}

/** The embedded database in its thread, as a Database. */
function wrapPgliteThread(thread: PgliteThread): Database {
  const pool = new PgliteWorkerPool(thread);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  markEmbedded(db);
  // One probe at a time: health checks arriving while one waits share its answer.
  let probe: Promise<boolean> | undefined;
  // The thread posts each notice before the answer of the statement that committed it.
  const changes = new ChangeNotices({ listening: true });
  thread.onNotice = (name) => changes.notice(name);
  thread.onReplaced = () => changes.missed();
  return {
    db,
    engine: "pglite",
    changes,
    execScript: async (script) => {
      await db.executeQuery(CompiledQuery.raw(script));
    },
    checkHealth: async (withinMs) => {
      const lost = () => thread.state === "failed" || thread.state === "closed";
      if (lost()) return "unavailable";
      probe ??= sql`select 1`
        .execute(db)
        .then(
          () => true,
          () => false,
        )
        .finally(() => {
          probe = undefined;
        });
      if (await within(probe, withinMs)) return "ok";
      return lost() ? "unavailable" : "busy";
    },
    dumpDataDir: () => db.connection().execute(() => thread.dump()),
    close: async () => {
      await db.destroy();
      await thread.close();
    },
  };
}

export interface PgliteOpenOptions {
  /** A dump (tar) of a data directory to start from, instead of an empty database. */
  loadDataDir?: ArrayBuffer;
}

/** A database in memory, in its own thread: for tests, where each test gets its own. */
export async function openMemoryDatabase(options: PgliteOpenOptions = {}): Promise<Database> {
  return wrapPgliteThread(
    await PgliteThread.open({ pgdata: null, loadDataDir: options.loadDataDir }),
  );
}

/**
 * Opens (or creates) the embedded database in `<dataDir>/pgdata`. Refuses a directory that holds
 * something else, so a mistyped DATA_DIR never has its files overwritten.
 */
export async function openPgliteDatabase(
  dataDir: string,
  options: PgliteOpenOptions = {},
): Promise<Database> {
  const pgdata = path.join(dataDir, "pgdata");
  assertPgliteDirectory(pgdata);
  return wrapPgliteThread(await PgliteThread.open({ pgdata, loadDataDir: options.loadDataDir }));
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

/**
 * Hands out the pool's connections with the statement timeout of the code asking for one: each
 * connection's `statement_timeout` is set when it is lent, whenever it differs from what the last
 * borrower had, and reset to the server's default for code that runs without a limit, so a limit
 * never carries over to the next user of a pooled connection.
 */
class StatementTimeoutPool implements PostgresPool {
  readonly #timeouts = new WeakMap<pg.PoolClient, number | null>();

  constructor(readonly pool: pg.Pool) {}

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.pool.connect();
    const timeoutMs = currentStatementTimeout() ?? null;
    if (this.#timeouts.get(client) !== timeoutMs) {
      try {
        await client.query(
          timeoutMs === null
            ? "reset statement_timeout"
            : `set statement_timeout = ${Math.max(1, Math.round(timeoutMs))}`,
        );
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
      this.#timeouts.set(client, timeoutMs);
    }
    return {
      // biome-ignore lint/suspicious/noExplicitAny: the PostgresPoolClient contract is generic over rows
      query: (text: string, parameters: unknown[]): Promise<any> =>
        client.query(text, parameters).catch((error: unknown) => {
          // 57014 is query_canceled; with a limit in force, it is the limit that cancelled it.
          if (timeoutMs !== null && (error as { code?: string }).code === "57014") {
            throw new AppError("query_timeout", {
              values: { seconds: Math.ceil(timeoutMs / 1000) },
              detail: `a statement ran past its limit of ${timeoutMs} ms and PostgreSQL cancelled it`,
            });
          }
          throw error;
        }),
      release: () => client.release(),
    } as PostgresPoolClient;
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

/** Connects to a PostgreSQL server and checks that it answers, so a wrong URL stops the start. */
export async function openPostgresDatabase(
  url: string,
  options: { max?: number } = {},
): Promise<Database> {
  const types = {
    getTypeParser: ((oid: number, format?: "text" | "binary") => {
      if (oid === OID.int8) return parseInt8;
      if (oid === OID.date) return parseDate;
      return pg.types.getTypeParser(oid, format);
    }) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    types,
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
  const timedPool = new StatementTimeoutPool(pool);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: timedPool }) });
  // Health checks have a connection of their own, so they never wait behind requests.
  let healthPool: pg.Pool | undefined;
  const listener = new NoticeListener(url, types);
  return {
    db,
    engine: "postgres",
    changes: listener.changes,
    execScript: async (script) => {
      await db.executeQuery(CompiledQuery.raw(script));
    },
    checkHealth: async (withinMs) => {
      if (!healthPool) {
        healthPool = new pg.Pool({
          connectionString: url,
          max: 1,
          connectionTimeoutMillis: withinMs,
          statement_timeout: withinMs,
        });
        healthPool.on("error", () => {});
      }
      const answered = await within(
        healthPool.query("select 1").then(
          () => true,
          () => false,
        ),
        withinMs,
      );
      if (!answered) return "unavailable";
      return pool.waitingCount > 0 ? "busy" : "ok";
    },
    close: async () => {
      await listener.close();
      await db.destroy();
      await healthPool?.end();
    },
  };
}

/**
 * The connection that listens for notices of change on a PostgreSQL server (change-notices.ts).
 * It connects on first use; while it is down nothing may be cached, and it reconnects after a
 * second, counting every version as changed (notices sent meanwhile are lost).
 */
class NoticeListener {
  readonly changes: ChangeNotices;
  #client: pg.Client | undefined;
  #connecting = false;
  #closed = false;
  #retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly types: pg.CustomTypesConfig,
  ) {
    this.changes = new ChangeNotices({
      listening: false,
      start: () => this.#connect(),
      settle: async () => {
        // A query on the listening connection is answered after the notices committed before it.
        await this.#client?.query("select 1").catch(() => {});
      },
    });
  }

  #connect(): void {
    if (this.#client || this.#connecting || this.#closed || this.#retry) return;
    this.#connecting = true;
    const client = new pg.Client({ connectionString: this.url, types: this.types });
    const lost = () => {
      if (this.#client !== client) return;
      this.#client = undefined;
      this.changes.setListening(false);
      client.end().catch(() => {});
      if (!this.#closed) {
        this.#retry = setTimeout(() => {
          this.#retry = undefined;
          this.#connect();
        }, 1_000);
        this.#retry.unref();
      }
    };
    client.on("notification", (message) => {
      if (message.channel === "peerlink_change" && message.payload) {
        this.changes.notice(message.payload);
      }
    });
    client.on("error", lost);
    client.on("end", lost);
    client
      .connect()
      .then(() => client.query("listen peerlink_change"))
      .then(
        () => {
          this.#connecting = false;
          if (this.#closed) {
            client.end().catch(() => {});
            return;
          }
          this.#client = client;
          this.changes.setListening(true);
        },
        () => {
          this.#connecting = false;
          client.end().catch(() => {});
          if (this.#closed) return;
          this.#retry = setTimeout(() => {
            this.#retry = undefined;
            this.#connect();
          }, 1_000);
          this.#retry.unref();
        },
      );
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = undefined;
    this.changes.setListening(false);
    await client?.end().catch(() => {});
  }
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
