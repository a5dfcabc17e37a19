// The data directory (DATA_DIR): the embedded database (pgdata/), the generated secret, a lock
// file so that two processes never open the same embedded database, and the socket through which
// the server that holds it makes backups (src/backup/channel.ts). A directory that holds
// anything else is refused untouched, so a mistyped DATA_DIR never loses someone's files.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { AppError } from "../lib/errors.js";

const ours = new Set(["pgdata", "secret.key", "peerlink.lock", "backup.sock", "README.txt"]);

/** Creates DATA_DIR if needed and checks that it holds only Peerlink's files. */
export function prepareDataDir(dataDir: string): void {
  if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) {
    throw new AppError("data_dir_invalid", {
      detail: `DATA_DIR ${dataDir} is a file, not a directory`,
    });
  }
  mkdirSync(dataDir, { recursive: true });
  const foreign = readdirSync(dataDir).filter((name) => !ours.has(name) && !name.startsWith("."));
  if (foreign.length > 0) {
    throw new AppError("data_dir_invalid", {
      detail: `DATA_DIR ${dataDir} is not a Peerlink data directory (it holds ${foreign.slice(0, 3).join(", ")}${foreign.length > 3 ? ", …" : ""}); choose an empty or new directory. Nothing in it was changed`,
    });
  }
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
