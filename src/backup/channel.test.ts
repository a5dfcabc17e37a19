// The running server's backup socket: owner-only, one backup at a time, nothing but backups, and a
// client that goes away mid-copy leaves the database free (on PGlite the copy holds its only
// connection, so a copy left open would stall the server for good).
import { mkdtempSync, rmSync, statSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { openTestDatabase } from "../test-support/database.js";
import { waitFor } from "../test-support/jobs.js";
import { type BackupChannel, backupSocketPath, requestBackup, serveBackups } from "./channel.js";
import { readBackupHeader, writeBackupFile } from "./format.js";

const silent = { info() {}, warn() {}, error() {} };

/** Connects and asks, returning the socket and its first bytes (the copy has begun). */
async function startRequest(
  dataDir: string,
  request: string,
): Promise<{ socket: net.Socket; first: Buffer }> {
  const socket = net.createConnection(backupSocketPath(dataDir));
  await new Promise((resolve) => socket.once("connect", resolve));
  socket.write(request);
  const first = await new Promise<Buffer>((resolve) => socket.once("data", resolve));
  socket.pause();
  return { socket, first };
}

describe("the backup socket", () => {
  let database: Database;
  let channel: BackupChannel;
  const dataDir = mkdtempSync(path.join(tmpdir(), "peerlink-channel-"));

  beforeAll(async () => {
    database = await openTestDatabase();
    // Megabytes of rows that do not compress away: a copy that outlasts the socket's buffers.
    await sql`insert into login_throttles (kind, key, level, updated_at, last_failure_at)
      select 'address', md5(g::text) || md5((g * 7)::text), 1, now(), now()
        from generate_series(1, 60000) g`.execute(database.db);
    channel = (await serveBackups({ dataDir, database, log: silent }))!;
  });
  afterAll(async () => {
    await channel?.close();
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("is open to its owner only and gives a whole backup", async () => {
    const socket = backupSocketPath(dataDir);
    expect(statSync(socket).isSocket()).toBe(true);
    expect(statSync(socket).mode & 0o777).toBe(0o600);
    const file = path.join(dataDir, ".test-whole.jsonl.gz");
    await writeBackupFile(file, (body) => requestBackup(dataDir, body));
    const header = await readBackupHeader(file);
    expect(header.tables.find((t) => t.name === "login_throttles")?.rows).toBe(60000);
  });

  it("makes one backup at a time, and answers nothing but a backup request", async () => {
    const first = await startRequest(dataDir, '{"command":"backup"}\n');
    const file = path.join(dataDir, ".test-second.jsonl.gz");
    await expect(writeBackupFile(file, (body) => requestBackup(dataDir, body))).rejects.toThrow(
      /making another backup/,
    );
    first.socket.destroy();
    const other = await startRequest(dataDir, '{"command":"restore"}\n');
    expect(other.first.subarray(5).toString()).toMatch(/makes backups only/);
    other.socket.destroy();
  });

  it("lets the database go when the client goes away mid-copy", async () => {
    // (The previous test's copy, cut short, may still be letting go: ask until one starts.)
    const { socket } = await waitFor(async () => {
      const started = await startRequest(dataDir, '{"command":"backup"}\n');
      if (started.first[0] === 0x42) return started;
      started.socket.destroy();
      return undefined;
    }, "a backup to start");
    socket.destroy();
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from login_throttles`.execute(database.db);
    expect(rows[0]!.n).toBe(60000);
    const file = path.join(dataDir, ".test-after.jsonl.gz");
    await writeBackupFile(file, (body) => requestBackup(dataDir, body));
    expect((await readBackupHeader(file)).tables.length).toBeGreaterThan(30);
  });
});
