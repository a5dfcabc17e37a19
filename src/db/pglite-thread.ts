// The server's side of the embedded database's thread (src/db/pglite-worker.ts): starts it, sends
// it one statement at a time, and watches each statement's clock.
//
// PGlite cannot interrupt a running statement: its WebAssembly runs a statement to the end in one
// call, PostgreSQL's statement_timeout waits for a timer signal that cannot arrive meanwhile, and
// the flags a signal would set (InterruptPending, QueryCancelPending) live in the thread's own
// memory, which no other thread can write. So a statement past its limit is ended by ending the
// thread: its caller gets `query_timeout`, the data directory is opened again in a new thread
// (PostgreSQL's crash recovery keeps everything committed; the stopped statement's transaction is
// gone with it), and the callers waiting for the connection are served by the new thread.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { AppError } from "../lib/errors.js";
import type { PgliteWorkerData, WorkerError, WorkerReply, WorkerRequest } from "./pglite-worker.js";
import { workerModule } from "./worker-module.js";

const require = createRequire(import.meta.url);

let wasm: Promise<WebAssembly.Module> | undefined;

/** PGlite's WebAssembly, compiled once per process and shared by its threads. */
function compiledWasm(): Promise<WebAssembly.Module> {
  const file = path.join(path.dirname(require.resolve("@electric-sql/pglite")), "pglite.wasm");
  wasm ??= WebAssembly.compile(readFileSync(file));
  return wasm;
}

export interface PgliteThreadOptions {
  /** The data directory on disk; null for a database in memory (tests). */
  pgdata: string | null;
  /** A dump (tar) of a data directory to start from: a new directory, or a database in memory. */
  loadDataDir?: ArrayBuffer | undefined;
}

/**
 * `open`: answering. `reopening`: a new thread is opening the data directory after the last one
 * was stopped. `failed`: it could not be opened again (or was in memory, and is lost).
 */
export type ThreadState = "open" | "reopening" | "failed" | "closed";

interface Pending {
  resolve(reply: WorkerReply): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout | undefined;
}

/** A request as the caller writes it; the thread numbers it. */
type Outgoing = {
  [K in WorkerRequest["kind"]]: Omit<Extract<WorkerRequest, { kind: K }>, "id">;
}[WorkerRequest["kind"]];

export interface Rows {
  rows: unknown[];
  affectedRows: number;
}

function databaseError(fields: WorkerError): Error {
  const { message, stack: _stack, ...rest } = fields;
  return Object.assign(new Error(message), rest);
}

export class PgliteThread {
  readonly #pgdata: string | null;
  #worker: Worker | undefined;
  #ready: Promise<void> = Promise.resolve();
  #state: ThreadState = "reopening";
  #pending = new Map<number, Pending>();
  #nextId = 1;
  #busySince: number | null = null;
  #closing = false;
  /** Raised each time the thread is replaced: a transaction never survives it. */
  generation = 0;
  /** Told of each change notice the database sends (src/db/change-notices.ts). */
  onNotice: (name: string) => void = () => {};
  /** Told when the thread is replaced: notices of its last moments may be lost. */
  onReplaced: () => void = () => {};

  private constructor(pgdata: string | null) {
    this.#pgdata = pgdata;
  }

  static async open(options: PgliteThreadOptions): Promise<PgliteThread> {
    const thread = new PgliteThread(options.pgdata);
    thread.#ready = thread.#start(options.loadDataDir ?? null);
    await thread.#ready;
    return thread;
  }

  get state(): ThreadState {
    return this.#state;
  }

  /** How long the statement in flight has run (ms); null when the database is idle. */
  get busyFor(): number | null {
    return this.#busySince === null ? null : performance.now() - this.#busySince;
  }

  async #start(loadDataDir: ArrayBuffer | null): Promise<void> {
    const workerData: PgliteWorkerData = {
      pgdata: this.#pgdata,
      loadDataDir,
      wasmModule: await compiledWasm(),
    };
    const worker = new Worker(await workerModule(), {
      workerData,
      // The thread's JavaScript only passes statements and rows between PGlite and the server: a
      // young generation of 4 MB semi-spaces is enough (V8's own grew to 8 MB ones at start and
      // kept them: about 4 MB more resident memory, idle).
      resourceLimits: { maxYoungGenerationSizeMb: 12 },
    });
    let opening: {
      message(reply: WorkerReply): void;
      error(error: Error): void;
      exit(code: number): void;
    };
    try {
      await new Promise<void>((resolve, reject) => {
        opening = {
          message: (reply) =>
            reply.kind === "ready"
              ? resolve()
              : reject(new Error(reply.kind === "open_failed" ? reply.message : reply.kind)),
          error: reject,
          exit: (code) => reject(new Error(`its thread stopped (exit code ${code})`)),
        };
        worker.once("message", opening.message);
        worker.once("error", opening.error);
        worker.once("exit", opening.exit);
      });
    } catch (cause) {
      await worker.terminate();
      this.#state = "failed";
      const where = this.#pgdata ? ` in ${this.#pgdata}` : "";
      throw new AppError("database_unavailable", {
        detail: `could not open the embedded database${where}: ${(cause as Error).message}`,
      });
    }
    worker.off("error", opening!.error);
    worker.off("exit", opening!.exit);
    worker.on("message", (reply: WorkerReply) => this.#settle(reply));
    const lost = (why: string) =>
      this.#replace(worker, new AppError("database_unavailable", { detail: why }));
    worker.on("error", (error) => lost(`the database thread failed: ${error.message}`));
    worker.on("exit", (code) => lost(`the database thread stopped (exit code ${code})`));
    this.#worker = worker;
    this.#state = "open";
  }

  #settle(reply: WorkerReply): void {
    if (reply.kind === "notice") {
      this.onNotice(reply.name);
      return;
    }
    if (!("id" in reply)) return;
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.#pending.delete(reply.id);
    this.#busySince = null;
    if (reply.kind === "error") pending.reject(databaseError(reply.error));
    else pending.resolve(reply);
  }

  /**
   * Ends the thread and opens the data directory in a new one. Whatever was in flight fails with
   * `error`; what waits for the thread is served by the new one once it is open.
   */
  #replace(worker: Worker, error: AppError): void {
    if (this.#worker !== worker || this.#closing) return;
    this.generation += 1;
    this.onReplaced();
    this.#worker = undefined;
    this.#busySince = null;
    this.#state = this.#pgdata === null ? "failed" : "reopening";
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.#pending.clear();
    const stopped = worker.terminate();
    this.#ready = (async () => {
      await stopped;
      if (this.#pgdata === null) {
        throw new AppError("database_unavailable", {
          detail: "the database in memory was lost with its stopped thread",
        });
      }
      await this.#start(null);
    })();
    // Whoever sends next meets the failure; nobody else has to.
    this.#ready.catch(() => {});
  }

  /** The thread, once it answers (after a reopening, the new one). */
  async #current(): Promise<Worker> {
    for (;;) {
      if (this.#state === "closed") {
        throw new AppError("database_unavailable", { detail: "the database is closed" });
      }
      await this.#ready;
      if (this.#worker) return this.#worker;
    }
  }

  async #send(request: Outgoing, timeoutMs?: number): Promise<WorkerReply> {
    const worker = await this.#current();
    const id = this.#nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              const seconds = Math.ceil(timeoutMs / 1000);
              this.#replace(
                worker,
                new AppError("query_timeout", {
                  values: { seconds },
                  detail: `a statement ran past its limit of ${timeoutMs} ms: the embedded database's thread was stopped and the database reopened`,
                }),
              );
            }, timeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      this.#busySince = performance.now();
      worker.postMessage({ ...request, id } as WorkerRequest);
    });
  }

  /** One statement with parameters; `timeoutMs` ends it (and the thread) when it runs longer. */
  async query(sql: string, params: unknown[], timeoutMs?: number): Promise<Rows> {
    return (await this.#send({ kind: "query", sql, params }, timeoutMs)) as Rows & WorkerReply;
  }

  /** A script of several statements; the last one's rows. */
  async exec(sql: string, timeoutMs?: number): Promise<Rows> {
    return (await this.#send({ kind: "exec", sql }, timeoutMs)) as Rows & WorkerReply;
  }

  /** The data directory as an uncompressed tar. */
  async dump(): Promise<ArrayBuffer> {
    const reply = await this.#send({ kind: "dump" });
    return (reply as Extract<WorkerReply, { kind: "dump" }>).data;
  }

  /** Shuts PostgreSQL down cleanly and ends the thread. */
  async close(): Promise<void> {
    if (this.#state === "closed") return;
    try {
      await this.#ready;
    } catch {
      this.#state = "closed";
      return;
    }
    const worker = this.#worker;
    this.#closing = true;
    try {
      if (worker) await this.#send({ kind: "close" });
    } finally {
      this.#state = "closed";
      this.#worker = undefined;
      await worker?.terminate();
    }
  }
}
