// How `peerlink backup` gets a copy of an embedded database that a running server holds. PGlite is
// opened by one process at a time (the server holds DATA_DIR/peerlink.lock), so only the server can
// read it: it listens on a Unix socket, DATA_DIR/backup.sock, and makes the backup (backup.ts) into
// the connection; the CLI writes the file.
//
// Why a socket in DATA_DIR: whoever may connect to it — the server's own user (and root), by the
// socket's 0600 mode inside the owner-only data directory — can already read everything the backup
// holds (pgdata/, secret.key). It grants nothing more, needs no password or token to keep, and no
// network port. It does one thing: stream a backup; it takes no other request.
//
// Messages are frames: a type byte, a 4-byte big-endian length, the payload. The server sends body
// chunks (B), then the header as JSON (H) — or an error (E: `{ code, message }`) and closes.
import { chmodSync, existsSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import type { Database } from "../db/connection.js";
import { writeBackup } from "./backup.js";
import { BackupError, type BackupErrorCode } from "./errors.js";
import { type TBackupHeader, ZBackupHeaderSchema } from "./format.js";

const SOCKET_NAME = "backup.sock";
/** Unix socket paths are at most 107 bytes on Linux, 103 on macOS. */
const MAX_SOCKET_PATH = 100;
const MAX_REQUEST = 1024;
const REQUEST_TIMEOUT_MS = 10_000;
const Frame = { body: 0x42, header: 0x48, error: 0x45 } as const;

export const backupSocketPath = (dataDir: string): string => path.resolve(dataDir, SOCKET_NAME);

function frame(type: number, payload: Buffer | string): Buffer {
  const data = typeof payload === "string" ? Buffer.from(payload) : payload;
  const head = Buffer.alloc(5);
  head[0] = type;
  head.writeUInt32BE(data.length, 1);
  return Buffer.concat([head, data]);
}

export interface BackupLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface BackupChannel {
  close(): Promise<void>;
}

/** Reads the client's one-line request (`{"command":"backup"}`), bounded in size and time. */
function readRequest(socket: net.Socket): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error("no request")), REQUEST_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      text += chunk.toString("utf8");
      const end = text.indexOf("\n");
      if (end === -1 && text.length <= MAX_REQUEST) return;
      clearTimeout(timer);
      socket.off("data", onData);
      try {
        resolve(JSON.parse(text.slice(0, end === -1 ? 0 : end)));
      } catch {
        reject(new Error("not a request"));
      }
    };
    socket.on("data", onData);
  });
}

/** The socket as the writable end of a backup's body, with its backpressure. */
function bodyFrames(socket: net.Socket): Writable {
  const body = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (socket.destroyed) return done(new Error("the client went away"));
      if (socket.write(frame(Frame.body, chunk))) done();
      else socket.once("drain", () => done());
    },
  });
  socket.once("close", () => {
    if (!body.writableFinished) body.destroy(new Error("the client went away"));
  });
  return body;
}

/** Sets the process's umask while `listen` binds, so the socket is never open to others. */
function withPrivateUmask(bind: () => void): void {
  let previous: number | undefined;
  try {
    previous = process.umask(0o177);
  } catch {
    // Worker threads may not set it: the chmod after binding and the owner-only DATA_DIR remain.
  }
  try {
    bind();
  } finally {
    if (previous !== undefined) process.umask(previous);
  }
}

/**
 * Serves backups of `database` on DATA_DIR/backup.sock until closed. Call it only while holding the
 * data directory's lock (a socket file found there was left by a server that died). Returns
 * undefined, after saying why in the log, when the socket cannot be made.
 */
export async function serveBackups(options: {
  dataDir: string;
  database: Database;
  log: BackupLog;
}): Promise<BackupChannel | undefined> {
  const { database, log } = options;
  const file = backupSocketPath(options.dataDir);
  if (Buffer.byteLength(file) > MAX_SOCKET_PATH) {
    log.warn(
      { path: file },
      "peerlink backup cannot reach this server: DATA_DIR's path is too long for a socket; stop the server to back up, or use a shorter DATA_DIR",
    );
    return undefined;
  }
  rmSync(file, { force: true });
  /** The backup being made, if any: one at a time, and closing waits for it to let go. */
  let current: Promise<void> | undefined;
  const sockets = new Set<net.Socket>();
  const fail = (socket: net.Socket, code: BackupErrorCode, message: string) => {
    if (!socket.destroyed) socket.end(frame(Frame.error, JSON.stringify({ code, message })));
  };
  const makeBackup = async (socket: net.Socket) => {
    const started = performance.now();
    try {
      const header = await writeBackup(database.db, database.engine, bodyFrames(socket));
      socket.end(frame(Frame.header, JSON.stringify(header)));
      log.info(
        {
          tables: header.tables.length,
          bytes: header.body.bytes,
          ms: Math.round(performance.now() - started),
        },
        "made a backup for peerlink backup",
      );
    } catch (error) {
      log.error({ err: error }, "a backup for peerlink backup failed");
      fail(
        socket,
        error instanceof BackupError ? error.code : "unavailable",
        `the server could not make the backup: ${(error as Error).message}`,
      );
    }
  };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    // A client that goes away mid-backup ends it (bodyFrames); nothing else to do.
    socket.on("error", () => {});
    readRequest(socket).then(
      (request) => {
        if ((request as { command?: unknown } | null)?.command !== "backup") {
          return fail(socket, "unavailable", "this socket makes backups only");
        }
        if (current) {
          return fail(
            socket,
            "unavailable",
            "the server is making another backup; try again when it has finished",
          );
        }
        current = makeBackup(socket).finally(() => {
          current = undefined;
        });
      },
      () => socket.destroy(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    withPrivateUmask(() => server.listen(file, () => resolve()));
  });
  chmodSync(file, 0o600);
  server.on("error", (error) => log.error({ err: error }, "the backup socket failed"));
  return {
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      // A backup cut short rolls its transaction back before the database closes.
      await current;
      await closed;
      rmSync(file, { force: true });
    },
  };
}

/**
 * Asks the server that holds DATA_DIR for a backup, writing its body into `body` (ended when it is
 * complete); returns the header.
 */
export async function requestBackup(dataDir: string, body: Writable): Promise<TBackupHeader> {
  const file = backupSocketPath(dataDir);
  if (!existsSync(file)) {
    throw new BackupError(
      "unavailable",
      `the server using ${dataDir} offers no backup socket (${file} is missing: it may be starting, or an older Peerlink); try again, or stop it and run the backup again`,
    );
  }
  const socket = net.createConnection(file);
  return new Promise<TBackupHeader>((resolve, reject) => {
    let pending: Buffer = Buffer.alloc(0);
    let settled = false;
    let complete = false;
    const settle = (error: Error | undefined, header?: TBackupHeader) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (error) {
        body.destroy();
        reject(error);
      } else resolve(header!);
    };
    const onFrame = (type: number, payload: Buffer) => {
      if (type === Frame.body) {
        if (!body.write(payload)) {
          socket.pause();
          body.once("drain", () => socket.resume());
        }
      } else if (type === Frame.header) {
        complete = true;
        body.end();
        finished(body).then(
          () => settle(undefined, ZBackupHeaderSchema.parse(JSON.parse(payload.toString("utf8")))),
          (error: Error) => settle(error),
        );
      } else {
        const { code, message } = JSON.parse(payload.toString("utf8")) as {
          code: BackupErrorCode;
          message: string;
        };
        settle(new BackupError(code, message));
      }
    };
    socket.on("connect", () => socket.write(`${JSON.stringify({ command: "backup" })}\n`));
    socket.on("data", (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= 5) {
        const length = pending.readUInt32BE(1);
        if (pending.length < 5 + length) break;
        const type = pending[0]!;
        const payload = pending.subarray(5, 5 + length);
        pending = pending.subarray(5 + length);
        onFrame(type, payload);
      }
    });
    socket.on("error", (error: NodeJS.ErrnoException) =>
      settle(
        new BackupError(
          "unavailable",
          `the server using ${dataDir} does not answer on ${file} (${error.code ?? error.message}); try again, or stop it and run the backup again`,
        ),
      ),
    );
    socket.on("close", () => {
      if (complete) return;
      settle(
        new BackupError(
          "unavailable",
          "the server closed the connection before the backup was complete",
        ),
      );
    });
    body.on("error", (error) => settle(error));
  });
}
