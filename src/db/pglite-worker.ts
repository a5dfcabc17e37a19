// The embedded database's own thread: it owns the PGlite instance, so a long statement blocks this
// thread and never the server's event loop. src/db/pglite-thread.ts starts it and talks to it; it
// answers one message at a time (a query, a script, a dump of the data directory, close), in order.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { pgliteParsers } from "./parsers.js";

export interface PgliteWorkerData {
  /** The data directory on disk; null for a database in memory. */
  pgdata: string | null;
  /** A dump (tar) of a data directory to start from, when the directory is new or in memory. */
  loadDataDir: ArrayBuffer | null;
  /** PGlite's WebAssembly, compiled once by the parent and shared by its threads. */
  wasmModule: WebAssembly.Module | null;
}

export type WorkerRequest =
  | { id: number; kind: "query"; sql: string; params: unknown[] }
  | { id: number; kind: "exec"; sql: string }
  | { id: number; kind: "dump" }
  | { id: number; kind: "close" };

/** A database error as plain data: its message and PostgreSQL's fields (code, detail, …). */
export type WorkerError = { message: string } & Record<string, string | number | undefined>;

export type WorkerReply =
  | { kind: "ready" }
  /** A notice on `peerlink_change` (src/db/change-notices.ts): `name` changed and committed. */
  | { kind: "notice"; name: string }
  | { kind: "open_failed"; message: string }
  | { id: number; kind: "rows"; rows: unknown[]; affectedRows: number }
  | { id: number; kind: "dump"; data: ArrayBuffer }
  | { id: number; kind: "closed" }
  | { id: number; kind: "error"; error: WorkerError };

const port = parentPort!;
const data = workerData as PgliteWorkerData;
const send = (reply: WorkerReply, transfer: ArrayBuffer[] = []) =>
  port.postMessage(reply, transfer);

function describe(error: unknown): WorkerError {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: WorkerError = { message: error.message };
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === "string" || typeof value === "number") fields[key] = value;
  }
  return fields;
}

async function answer(pglite: PGlite, request: WorkerRequest): Promise<void> {
  switch (request.kind) {
    case "query": {
      const result = await pglite.query(request.sql, request.params, { parsers: pgliteParsers });
      send({
        id: request.id,
        kind: "rows",
        rows: result.rows,
        affectedRows: result.affectedRows ?? 0,
      });
      return;
    }
    case "exec": {
      // A script of several statements (the simple protocol): the last statement's rows, as pg.
      const last = (await pglite.exec(request.sql, { parsers: pgliteParsers })).at(-1);
      send({
        id: request.id,
        kind: "rows",
        rows: last?.rows ?? [],
        affectedRows: last?.affectedRows ?? 0,
      });
      return;
    }
    case "dump": {
      const tar = await (await pglite.dumpDataDir("none")).arrayBuffer();
      send({ id: request.id, kind: "dump", data: tar }, [tar]);
      return;
    }
    case "close":
      await pglite.close();
      send({ id: request.id, kind: "closed" });
      port.close();
      return;
  }
}

let pglite: PGlite | undefined;
try {
  pglite = await PGlite.create({
    ...(data.pgdata === null ? {} : { dataDir: data.pgdata }),
    ...(data.loadDataDir ? { loadDataDir: new Blob([data.loadDataDir]) } : {}),
    ...(data.wasmModule ? { pgliteWasmModule: data.wasmModule } : {}),
    parsers: pgliteParsers,
    // PostgreSQL's own 128 MB of shared buffers was most of the server's memory (every page of it
    // is touched in WebAssembly memory, which never shrinks); with 32 MB the server holds about a
    // hundred megabytes less, and the tables the public pages read still fit (docs/benchmarks.md).
    // Work memory for the indicators' grouping sets, which sort every row once per set (a year of
    // a large programme is ~70 MB): set for the one session here, so those statements go alone
    // instead of each in a transaction with its own setting (runSorting, reading.ts). PGlite
    // runs one statement at a time, so one sort at most holds it; memory is taken as used.
    startParams: [
      ...PGlite.defaultStartParams,
      "-c",
      "shared_buffers=32MB",
      "-c",
      "work_mem=128MB",
    ],
  });
  // PGlite calls this while it reads the answer of the statement that committed, before that
  // statement's rows are sent back: the notice reaches the server first (change-notices.ts).
  await pglite.listen("peerlink_change", (name) => send({ kind: "notice", name }));
  send({ kind: "ready" });
} catch (error) {
  // The parent reports it and ends this thread.
  send({ kind: "open_failed", message: (error as Error).message });
}

// One message at a time, in order: the parent lends the connection to one caller at a time, and
// this chain keeps that order even if two messages ever arrive together.
let queue: Promise<void> = Promise.resolve();
port.on("message", (request: WorkerRequest) => {
  if (!pglite) return;
  const opened = pglite;
  queue = queue.then(() =>
    answer(opened, request).catch((error) =>
      send({ id: request.id, kind: "error", error: describe(error) }),
    ),
  );
});
