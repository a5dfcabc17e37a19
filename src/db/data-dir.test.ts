import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readOrCreateSecret } from "../lib/crypto.js";
import { lockDataDir, prepareDataDir } from "./data-dir.js";
import { openConfiguredDatabase } from "./open.js";

const tempDir = () => mkdtempSync(path.join(tmpdir(), "peerlink-datadir-"));

describe("prepareDataDir", () => {
  it("creates a missing directory and accepts Peerlink's own files", () => {
    const dir = path.join(tempDir(), "nested", "data");
    prepareDataDir(dir);
    expect(existsSync(dir)).toBe(true);
    writeFileSync(path.join(dir, "secret.key"), "x");
    // The mail written with no SMTP server configured (src/mail/transport.ts).
    mkdirSync(path.join(dir, "outbox"), { mode: 0o700 });
    expect(() => prepareDataDir(dir)).not.toThrow();
  });

  it("refuses a file, and a directory holding anything else", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "photo.jpg"), "");
    expect(() => prepareDataDir(dir)).toThrow(
      /not a Peerlink data directory \(it holds photo\.jpg\)/,
    );
    expect(() => prepareDataDir(path.join(dir, "photo.jpg"))).toThrow(/is a file, not a directory/);
  });
});

describe("lockDataDir", () => {
  it("refuses a directory locked by a running process", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "peerlink.lock"), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(
      `in use by another Peerlink process (pid ${process.ppid})`,
    );
  });

  it("takes over a lock left by a process that is gone, and releases it", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "peerlink.lock"), "2147483646");
    const release = lockDataDir(dir);
    expect(readFileSync(path.join(dir, "peerlink.lock"), "utf8")).toBe(String(process.pid));
    release();
    expect(existsSync(path.join(dir, "peerlink.lock"))).toBe(false);
  });
});

/** Every entry of the directory (itself included) that group or others may read, write or enter. */
function openToOthers(dir: string): string[] {
  const entries = [
    dir,
    ...readdirSync(dir, { recursive: true }).map((e) => path.join(dir, String(e))),
  ];
  return entries
    .filter((entry) => (lstatSync(entry).mode & 0o077) !== 0)
    .map((entry) => `${(lstatSync(entry).mode & 0o777).toString(8)} ${path.relative(dir, entry)}`);
}

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe.skipIf(process.platform === "win32")("an owner-only data directory", () => {
  it("holds the embedded database's files, the secret and the lock for its owner alone, and says when a start had to make it so", {
    timeout: 120_000,
  }, async () => {
    // As on the machine where files were found world-writable: nothing masked by the umask.
    const umask = process.umask(0);
    try {
      const dir = path.join(tempDir(), "data");
      const first = await openConfiguredDatabase({ dataDir: dir, databaseUrl: undefined });
      expect(modeOf(path.join(dir, "peerlink.lock"))).toBe(0o600);
      await first.close();
      readOrCreateSecret(dir);
      expect(first.permissionsNotice).toBeUndefined();
      expect(readdirSync(path.join(dir, "pgdata")).length).toBeGreaterThan(10);
      expect(openToOthers(dir)).toEqual([]);

      // Loosened by hand (a copy, a restore, a careless chmod): the next start puts it right.
      chmodSync(dir, 0o755);
      chmodSync(path.join(dir, "secret.key"), 0o644);
      chmodSync(path.join(dir, "pgdata", "PG_VERSION"), 0o666);
      const second = await openConfiguredDatabase({ dataDir: dir, databaseUrl: undefined });
      await second.close();
      expect(second.permissionsNotice).toMatch(
        /^made 3 entries in DATA_DIR .* owner-only: other users could read or write them \(the directory itself, (pgdata\/PG_VERSION|secret\.key), .*\)$/,
      );
      expect(second.permissionsNotice).not.toContain("\n");
      expect(openToOthers(dir)).toEqual([]);
    } finally {
      process.umask(umask);
    }
  });

  it("refuses to start when another user's file in it is open to others, naming it and changing nothing", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "secret.key"), "x");
    chmodSync(path.join(dir, "secret.key"), 0o644);
    const someoneElse = process.getuid!() + 1;
    expect(() => prepareDataDir(dir, { owner: someoneElse })).toThrow(
      `${path.join(dir, "secret.key")} in DATA_DIR can be read or written by other users (mode 644) and belongs to another user (uid ${process.getuid!()}); make it owner-only (chmod go-rwx) or run Peerlink as its owner`,
    );
    expect(modeOf(path.join(dir, "secret.key"))).toBe(0o644);
  });

  it("leaves a pgdata directory that is not a database to the database's own refusal, untouched", () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "pgdata"), { mode: 0o755 });
    chmodSync(path.join(dir, "pgdata"), 0o755);
    writeFileSync(path.join(dir, "pgdata", "notes.txt"), "keep me");
    chmodSync(path.join(dir, "pgdata", "notes.txt"), 0o644);
    prepareDataDir(dir);
    expect(modeOf(path.join(dir, "pgdata"))).toBe(0o755);
    expect(modeOf(path.join(dir, "pgdata", "notes.txt"))).toBe(0o644);
  });
});
