// The data directory (DATA_DIR): the embedded database (pgdata/), the generated secret, a lock
// file so that two processes never open the same embedded database, and the socket through which
// the server that holds it makes backups (src/backup/channel.ts). A directory that holds
// anything else is refused untouched, so a mistyped DATA_DIR never loses someone's files.
//
// Everything in it is the owner's alone (directories 0700, files 0600): it holds clients' records
// and the key to their details. Files are created so (umask 077), and each start checks: what
// other users could read or write is made owner-only when it is ours, and stops the start when it
// is another user's. The embedded database writes some files with modes of its own (0666, 0644),
// so the database's opening is followed by the same check (secureDataDir).
import {
  chmodSync,
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { isMainThread } from "node:worker_threads";
import { AppError } from "../lib/errors.js";

// outbox/: the .eml files of the mail sent with no SMTP server configured (src/mail/transport.ts).
const ours = new Set([
  "pgdata",
  "secret.key",
  "peerlink.lock",
  "backup.sock",
  "README.txt",
  "outbox",
]);

/** Group and others: no bit of theirs may be set on anything in DATA_DIR. */
const othersBits = 0o077;

export interface DataDirOptions {
  /** The user the files must belong to: this process's (tests name another to see a refusal). */
  owner?: number;
}

/**
 * Creates DATA_DIR if needed, checks that it holds only Peerlink's files, makes files created from
 * now on owner-only, and makes what is already there owner-only (secureDataDir). Returns the
 * one-line notice to print when it had to change anything.
 */
export function prepareDataDir(dataDir: string, options: DataDirOptions = {}): string | undefined {
  if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) {
    throw new AppError("data_dir_invalid", {
      detail: `DATA_DIR ${dataDir} is a file, not a directory`,
    });
  }
  restrictNewFiles();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const foreign = readdirSync(dataDir).filter((name) => !ours.has(name) && !name.startsWith("."));
  if (foreign.length > 0) {
    throw new AppError("data_dir_invalid", {
      detail: `DATA_DIR ${dataDir} is not a Peerlink data directory (it holds ${foreign.slice(0, 3).join(", ")}${foreign.length > 3 ? ", …" : ""}); choose an empty or new directory. Nothing in it was changed`,
    });
  }
  const fixed = secureDataDir(dataDir, options);
  if (fixed.length === 0) return undefined;
  return `made ${fixed.length} ${fixed.length === 1 ? "entry" : "entries"} in DATA_DIR ${dataDir} owner-only: other users could read or write ${fixed.length === 1 ? "it" : "them"} (${fixed.slice(0, 2).join(", ")}${fixed.length > 2 ? ", …" : ""})`;
}

/**
 * Files this process creates are its owner's alone (umask 077). The umask belongs to the process,
 * so it holds for the embedded database whichever thread opens it; only the main thread may set it.
 */
function restrictNewFiles(): void {
  if (isMainThread && process.platform !== "win32") process.umask(othersBits);
}

/**
 * Makes DATA_DIR and everything Peerlink keeps in it owner-only, returning the paths (relative to
 * DATA_DIR) it changed. Anything other users could read or write that belongs to another user stops
 * the start, named. A pgdata/ that is not an embedded database yet (no PG_VERSION) is left to the
 * database's own check, which refuses it untouched. Symbolic links are not followed.
 */
export function secureDataDir(dataDir: string, options: DataDirOptions = {}): string[] {
  const owner = options.owner ?? process.getuid?.();
  // Windows has no such modes.
  if (owner === undefined) return [];
  const pgdata = path.join(dataDir, "pgdata");
  const entries = [dataDir, ...readdirSync(dataDir).map((name) => path.join(dataDir, name))];
  if (existsSync(path.join(pgdata, "PG_VERSION"))) {
    for (const entry of readdirSync(pgdata, { recursive: true })) {
      entries.push(path.join(pgdata, String(entry)));
    }
  }
  const fixed: string[] = [];
  for (const entry of entries) {
    if (entry === pgdata && !existsSync(path.join(pgdata, "PG_VERSION"))) continue;
    const stat = lstatSync(entry, { throwIfNoEntry: false });
    if (!stat || stat.isSymbolicLink() || (stat.mode & othersBits) === 0) continue;
    const name = path.relative(dataDir, entry) || "the directory itself";
    if (stat.uid !== owner) {
      throw new AppError("data_dir_invalid", {
        detail: `${entry} in DATA_DIR can be read or written by other users (mode ${(stat.mode & 0o777).toString(8)}) and belongs to another user (uid ${stat.uid}); make it owner-only (chmod go-rwx) or run Peerlink as its owner`,
      });
    }
    chmodSync(entry, stat.mode & 0o700);
    fixed.push(name);
  }
  return fixed;
}

/**
 * Takes the data directory's lock for this process; returns a function that releases it. A lock
 * left by a process that no longer runs is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, "peerlink.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number(readFileSync(file, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid)) {
        throw new AppError("data_dir_in_use", {
          detail: `DATA_DIR ${dataDir} is in use by another Peerlink process (pid ${pid}); stop it first or use another DATA_DIR`,
        });
      }
      rmSync(file, { force: true });
    }
  }
  throw new AppError("data_dir_in_use", { detail: `could not take the lock ${file}` });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
