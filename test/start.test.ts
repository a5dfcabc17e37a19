// The server as an operator starts it: bad configuration stops the start with one clear line, and
// a data directory that is not ours is left exactly as it was.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        LOG_LEVEL: "silent",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr: stderr.trim() });
    });
  });
}

const tempDir = () => mkdtempSync(path.join(tmpdir(), "peerlink-start-"));

describe("starting the server", () => {
  it("stops with one line naming a bad variable", async () => {
    const { code, stderr } = await start({ PORT: "eighty", DATA_DIR: tempDir() });
    expect(code).toBe(1);
    expect(stderr).toBe(
      'peerlink: cannot start: PORT: expected a whole number from 1 to 65535 (got "eighty")',
    );
  });

  it("refuses a data directory that holds other files, and changes nothing in it", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "thesis.docx"), "years of work");
    const { code, stderr } = await start({ DATA_DIR: dir, PORT: "39999" });
    expect(code).toBe(1);
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/is not a Peerlink data directory \(it holds thesis\.docx\)/);
    expect(readdirSync(dir)).toEqual(["thesis.docx"]);
    expect(readFileSync(path.join(dir, "thesis.docx"), "utf8")).toBe("years of work");
  });

  it("refuses a pgdata directory that is not a PGlite database, and changes nothing in it", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "pgdata"));
    writeFileSync(path.join(dir, "pgdata", "notes.txt"), "keep me");
    const { code, stderr } = await start({ DATA_DIR: dir, PORT: "39999" });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /pgdata is not a PGlite database \(it has no PG_VERSION file\); nothing in it was changed/,
    );
    expect(readdirSync(dir)).toEqual(["pgdata"]);
    expect(readdirSync(path.join(dir, "pgdata"))).toEqual(["notes.txt"]);
  });

  it("stops with a clear line when DATABASE_URL does not answer, without showing its password", async () => {
    const { code, stderr } = await start({
      DATA_DIR: tempDir(),
      PORT: "39999",
      DATABASE_URL: "postgres://peerlink:hunter2@127.0.0.1:1/peerlink",
    });
    expect(code).toBe(1);
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).toMatch(
      /^peerlink: cannot start: could not connect to DATABASE_URL \(postgres:\/\/peerlink:\*\*\*@127\.0\.0\.1:1\/peerlink\)/,
    );
    expect(stderr).not.toContain("hunter2");
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("starting on a PostgreSQL server", () => {
  it("stops with a clear line when DATABASE_URL names a database that does not exist", async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = "/no_such_peerlink_database";
    const { code, stderr } = await start({
      DATA_DIR: tempDir(),
      PORT: "39999",
      DATABASE_URL: url.toString(),
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^peerlink: cannot start: could not connect to DATABASE_URL .*no_such_peerlink_database/,
    );
    expect(stderr.split("\n")).toHaveLength(1);
  });
});
