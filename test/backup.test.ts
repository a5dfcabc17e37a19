// `peerlink backup` and `peerlink restore` as an operator runs them: the real CLI against a real
// server process. On PGlite the running server makes the backup through its owner-only socket, a
// restore is refused while it runs, and the backup restored into a new data directory holds what
// the server's database held. With TEST_DATABASE_URL, the same on a PostgreSQL server.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openPgliteDatabase, openPostgresDatabase } from "../src/db/connection.js";
import { testDatabaseUrl } from "../src/test-support/database.js";
import { type DatabaseSnapshot, snapshotDatabase } from "../src/test-support/snapshot.js";

/**
 * The running server's mail lease (src/mail/worker.ts) is in the live backup, and the server
 * releases it when it stops, after the backup: the one row that rightly differs.
 */
function withoutLease(snapshot: DatabaseSnapshot): DatabaseSnapshot {
  const tables = Object.fromEntries(
    Object.entries(snapshot.tables).filter(([name]) => !name.endsWith(".mail_sender_lease")),
  );
  return { ...snapshot, tables };
}

const root = path.resolve(import.meta.dirname, "..");
/** tsx's loader by its path: the CLI runs in another directory, where `--import tsx` is not found. */
const tsx = createRequire(import.meta.url).resolve("tsx");
const tempDirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "peerlink-backup-cli-"));
  tempDirs.push(dir);
  return dir;
};
const baseEnv = () => ({
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "",
  LOG_LEVEL: "silent",
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Server {
  child: ChildProcess;
  stop(): Promise<void>;
}

const running = new Set<Server>();

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: { ...baseEnv(), ...env, PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const server: Server = {
    child,
    stop: async () => {
      running.delete(server);
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
  running.add(server);
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server stopped: ${stderr}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return server;
    if (Date.now() > deadline) throw new Error("the server did not start in time");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The CLI as `npm run peerlink` runs it, in the working directory `cwd`. */
function peerlink(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", tsx, path.join(root, "src/cli.ts"), ...args],
      {
        cwd,
        env: { ...baseEnv(), ...env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

afterAll(async () => {
  for (const server of running) await server.stop();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe("peerlink backup and restore on the embedded database", () => {
  it("backs up through the running server, refuses to restore under it, and restores elsewhere what it held", async () => {
    const work = tempDir();
    const dataDir = path.join(work, "data");
    const server = await startServer({ DATA_DIR: dataDir });
    const socket = path.join(dataDir, "backup.sock");
    expect(statSync(socket).isSocket()).toBe(true);
    expect(statSync(socket).mode & 0o777).toBe(0o600);

    const backup = await peerlink(
      ["backup", "--out", "live.jsonl.gz"],
      { DATA_DIR: dataDir },
      work,
    );
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/^backup written by the running server to .*live\.jsonl\.gz/);
    expect(backup.stdout).toMatch(/\d+ tables, [\d,]+ rows \(463 clients\), migration \d+, pglite/);
    expect(backup.stdout).toContain("The secret");
    expect(statSync(path.join(work, "live.jsonl.gz")).mode & 0o777).toBe(0o600);

    const again = await peerlink(["backup", "--out", "live.jsonl.gz"], { DATA_DIR: dataDir }, work);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/live\.jsonl\.gz already exists/);

    const underServer = await peerlink(
      ["restore", "live.jsonl.gz", "--yes"],
      { DATA_DIR: dataDir },
      work,
    );
    expect(underServer.code).toBe(1);
    expect(underServer.stderr).toMatch(
      /in use by another Peerlink process.*stop the server.*Nothing was restored/,
    );

    await server.stop();
    expect(existsSync(socket)).toBe(false);

    const newDataDir = path.join(work, "restored");
    const restore = await peerlink(["restore", "live.jsonl.gz"], { DATA_DIR: newDataDir }, work);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(
      /restored [\d,]+ rows; every table’s count and the file’s checksum verified/,
    );

    // The server stopped: the CLI opens the data directory itself.
    const offline = await peerlink(
      ["backup", "--out", "offline.jsonl.gz"],
      { DATA_DIR: dataDir },
      work,
    );
    expect(offline.code).toBe(0);
    expect(offline.stdout).toMatch(/^backup written to .*offline\.jsonl\.gz/);

    const original = await openPgliteDatabase(dataDir);
    const restored = await openPgliteDatabase(newDataDir);
    try {
      expect(withoutLease(await snapshotDatabase(restored.db))).toEqual(
        withoutLease(await snapshotDatabase(original.db)),
      );
    } finally {
      await original.close();
      await restored.close();
    }
  }, 600_000);
});

describe.skipIf(!testDatabaseUrl)("peerlink backup and restore on a PostgreSQL server", () => {
  const databases: string[] = [];
  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: testDatabaseUrl });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  };
  const newDatabase = async () => {
    const name = `peerlink_test_${randomBytes(6).toString("hex")}`;
    await admin(`create database ${name}`);
    databases.push(name);
    const url = new URL(testDatabaseUrl!);
    url.pathname = `/${name}`;
    return url.toString();
  };
  afterAll(async () => {
    for (const name of databases) await admin(`drop database if exists ${name} with (force)`);
  });

  it("backs up while the server runs, refuses to restore under it, and restores into another database", async () => {
    const work = tempDir();
    const env = { DATA_DIR: path.join(work, "data"), DATABASE_URL: await newDatabase() };
    const server = await startServer(env);
    const backup = await peerlink(["backup", "--out", "live.jsonl.gz"], env, work);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/^backup written to .*\(463 clients\), migration \d+, postgres/s);

    const underServer = await peerlink(["restore", "live.jsonl.gz", "--yes"], env, work);
    expect(underServer.code).toBe(1);
    expect(underServer.stderr).toMatch(
      /other connections? (is|are) open to this database.*Nothing was restored/,
    );
    await server.stop();

    const target = { ...env, DATABASE_URL: await newDatabase() };
    const restore = await peerlink(["restore", "live.jsonl.gz"], target, work);
    expect(restore.code).toBe(0);

    const original = await openPostgresDatabase(env.DATABASE_URL, { max: 1 });
    const restored = await openPostgresDatabase(target.DATABASE_URL, { max: 1 });
    try {
      expect(withoutLease(await snapshotDatabase(restored.db))).toEqual(
        withoutLease(await snapshotDatabase(original.db)),
      );
    } finally {
      await original.close();
      await restored.close();
    }
  }, 600_000);
});
