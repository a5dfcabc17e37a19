// `peerlink user …` as an operator runs it: a real process on a temporary embedded database
// (whatever TEST_DATABASE_URL says: the commands call the services the other tests run on both).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/connection.js";
import { openConfiguredDatabase } from "../db/open.js";
import { demoAccounts } from "../demo/users.js";
import { deriveKey } from "../lib/crypto.js";
import type { AppError } from "../lib/errors.js";
import { logIn } from "./service.js";

const root = path.resolve(import.meta.dirname, "../..");
const dataDir = mkdtempSync(path.join(tmpdir(), "peerlink-cli-"));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function peerlink(args: string[], stdin?: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        DATA_DIR: dataDir,
        ...env,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.stdin.end(stdin ?? "");
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: stdout.trim(), stderr: stderr.trim() });
    });
  });
}

/** The same data directory, opened in this process between commands (one process at a time). */
async function withDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const opened = await openConfiguredDatabase({ dataDir, databaseUrl: undefined });
  try {
    return await work(opened.database.db);
  } finally {
    await opened.close();
  }
}

const clock = () => new Date();
/** Any key will do: these sign-ins carry no device cookie. */
const key = deriveKey("a key for the cli tests' sign-ins only", "sign-in");

async function failLogIns(db: Db, username: string, times: number) {
  for (let i = 0; i < times; i++) {
    await logIn(db, { username, password: `no ${i}`, address: "::1" }, clock, key).catch(() => {});
  }
}

async function tryLogIn(username: string, password: string) {
  return withDatabase((db) =>
    logIn(db, { username, password, address: "192.0.2.1" }, clock, key).then(
      () => "ok",
      (error: AppError) => error.code,
    ),
  );
}

beforeAll(async () => {
  const loaded = await peerlink(["demo", "load"]);
  expect(loaded.code).toBe(0);
  for (const account of demoAccounts) {
    expect(loaded.stdout).toContain(`${account.username}`);
    expect(loaded.stdout).toContain(account.password);
  }
}, 120_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("peerlink user", () => {
  it("adds an account with a generated password, shown once, that signs in", async () => {
    const run = await peerlink([
      "user",
      "add",
      "lan.tg",
      "--role",
      "outreach_worker",
      "--site",
      "tg",
      "--name",
      "TCV H. Tuần Giáo 2",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^created lan\.tg \(outreach_worker, TG\)\npassword: [\w-]{20}\n/);
    const password = run.stdout.match(/password: ([\w-]{20})/)![1]!;
    expect(await tryLogIn("lan.tg", password)).toBe("ok");
  });

  it("reads the password from stdin when asked, and never prints it", async () => {
    const run = await peerlink(
      ["user", "add", "officer.two", "--role", "programme_officer", "--password-stdin"],
      "a typed passphrase 2011\n",
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("created officer.two (programme_officer)");
    expect(await tryLogIn("officer.two", "a typed passphrase 2011")).toBe("ok");
  });

  it.each([
    [["--role", "director"], 2, /unknown role “director”; expected one of administrator, /],
    [["--site", "TG"], 2, /--role is required/],
    [["--role", "outreach_worker", "--site", "XX"], 2, /unknown site “XX”/],
    [["--role", "outreach_worker"], 1, /--site: this role needs at least one site/],
  ])("refuses %j with a clear line", async (options, code, message) => {
    const run = await peerlink(["user", "add", "someone.new", ...options]);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.split("\n")).toHaveLength(1);
  });

  it("refuses a taken username and a weak password", async () => {
    const taken = await peerlink(["user", "add", "admin", "--role", "administrator"]);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toBe("peerlink: username: this username is already taken");
    const weak = await peerlink(
      ["user", "add", "weak.one", "--role", "administrator", "--password-stdin"],
      "password123\n",
    );
    expect(weak.stderr).toMatch(
      /^peerlink: password: this password \(or its main part\) is on the list of the most used passwords/,
    );
  });

  it("refuses a password built on the person's own name, spaced and with its diacritics", async () => {
    const named = await peerlink(
      [
        "user",
        "add",
        "tung.lv",
        "--role",
        "programme_officer",
        "--name",
        "Lò Văn Tùng",
        "--password-stdin",
      ],
      "Lò Văn Tùng 1990!\n",
    );
    expect(named.code).toBe(1);
    expect(named.stderr).toMatch(/^peerlink: password: the password is built on a word about you/);
  });

  it("lists accounts with their role, sites and state", async () => {
    await withDatabase((db) => failLogIns(db, "supervisor.db", 5));
    const run = await peerlink(["user", "list"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(/^username\s+role\s+sites\s+state$/);
    expect(lines).toContainEqual(expect.stringMatching(/^admin\s+administrator\s+-\s+active$/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^worker\.tg\s+outreach_worker\s+TG\s+active$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^supervisor\.db\s+supervisor\s+DB\s+sign-ins from new devices wait until \d{4}-/,
      ),
    );
  });

  // Two commands and four openings of the data directory: slow on a busy machine.
  it("resets a password: a new one is printed, sessions end and sign-in delays are lifted", {
    timeout: 120_000,
  }, async () => {
    const account = demoAccounts.find((a) => a.username === "supervisor.db")!;
    await withDatabase(async (db) => {
      // A session to be ended (the delay the test above left is forgotten first), then a delay
      // to be lifted.
      await db.deleteFrom("login_throttles").execute();
      await logIn(
        db,
        { username: account.username, password: account.password, address: "192.0.2.2" },
        clock,
        key,
      );
      await failLogIns(db, account.username, 5);
    });
    const run = await peerlink(["user", "password", "supervisor.db"]);
    expect(run.code).toBe(0);
    const password = run.stdout.match(/^new password for supervisor\.db: ([\w-]{20})$/m)![1]!;
    // Its sessions, and the audit log: the operator's reset is there, from the command line,
    // with no user and no address (as is the account `user add` made above).
    const { sessions, audit } = await withDatabase(async (db) => ({
      sessions: await db
        .selectFrom("sessions as s")
        .innerJoin("users as u", "u.id", "s.user_id")
        .select("s.token_hash")
        .where("u.username", "=", "supervisor.db")
        .execute(),
      audit: await db
        .selectFrom("audit_log as a")
        .innerJoin("users as u", (join) => join.onRef("a.target_id", "=", sql`u.id::text`))
        .select(["a.actor_id", "a.channel", "a.address", "a.action", "u.username"])
        .where("a.action", "in", ["user.created", "user.password_reset"])
        .orderBy("a.id")
        .execute(),
    }));
    expect(sessions).toEqual([]);
    expect(await tryLogIn("supervisor.db", account.password)).toBe("invalid_credentials");
    expect(await tryLogIn("supervisor.db", password)).toBe("ok");
    expect(audit).toContainEqual({
      actor_id: null,
      channel: "cli",
      address: null,
      action: "user.password_reset",
      username: "supervisor.db",
    });
    expect(audit).toContainEqual({
      actor_id: null,
      channel: "cli",
      address: null,
      action: "user.created",
      username: "lan.tg",
    });

    const unknown = await peerlink(["user", "password", "nobody"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe("peerlink: no user named nobody");
  });

  it("explains its commands in the help", async () => {
    const run = await peerlink(["help"]);
    expect(run.stdout).toMatch(/user add <username> --role ROLE/);
    expect(run.stdout).toMatch(/user password <username>/);
    expect(run.stdout).toMatch(/user list/);
    const wrong = await peerlink(["user", "remove", "admin"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/unknown command “user remove admin”/);
  });

  it("speaks Vietnamese in a Vietnamese shell (LANG=vi_VN.UTF-8): help, refusals and what it did", async () => {
    const vi = { LANG: "vi_VN.UTF-8" };
    const help = await peerlink(["help"], undefined, vi);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Cách dùng: peerlink <lệnh>/);
    expect(help.stdout).toContain("tạo một tài khoản");
    expect(help.stdout).toContain("ghi báo cáo của một dự án");
    expect(help.stdout).toContain("đưa một bản sao lưu trở lại");
    const wrongRole = await peerlink(["user", "add", "hoa.tg", "--role", "boss"], undefined, vi);
    expect(wrongRole.code).toBe(2);
    expect(wrongRole.stderr).toMatch(/^peerlink: không có vai trò “boss”; hãy chọn một trong: /);
    const added = await peerlink(
      ["user", "add", "hoa.tg", "--role", "outreach_worker", "--site", "TG"],
      undefined,
      vi,
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^đã tạo hoa\.tg \(outreach_worker, TG\)\nmật khẩu: [\w-]{20}\n/);
    const list = await peerlink(["user", "list"], undefined, vi);
    expect(list.stdout.split("\n")[0]).toMatch(/^tên\s+vai trò\s+địa bàn\s+trạng thái$/);
    expect(list.stdout).toMatch(/^hoa\.tg\s+outreach_worker\s+TG\s+đang dùng$/m);
    const nobody = await peerlink(["user", "password", "nobody"], undefined, vi);
    expect(nobody).toMatchObject({
      code: 1,
      stderr: "peerlink: không có tài khoản nào tên nobody",
    });
    const unknown = await peerlink(["export", "xlsx", "--project", "dien-bien"], undefined, vi);
    expect(unknown).toMatchObject({ code: 2, stderr: "peerlink: cần --period" });
    // English stays the default of a shell with no language, or another one.
    const english = await peerlink(["help"], undefined, { LANG: "C.UTF-8" });
    expect(english.stdout).toMatch(/^Usage: peerlink <command>/);
  });
});
