// Signing in with a clock the test moves: lock-outs that start and end, limits per address,
// sessions that expire when idle and after 30 days, and password changes.
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { openTestDatabase } from "../test-support/database.js";
import { createAccount } from "../test-support/sessions.js";
import { changePassword, logIn } from "./service.js";
import { resolveSession } from "./sessions.js";

const MINUTE = 60_000;
let database: Database;
let time: number;
const now = () => new Date(time);
const pass = (minutes: number) => {
  time += minutes * MINUTE;
};

beforeEach(async () => {
  database = await openTestDatabase();
  time = Date.parse("2026-11-23T02:00:00Z");
  return () => database.close();
});

async function attempt(username: string, password: string, address = "203.0.113.7") {
  try {
    await logIn(database.db, { username, password, address }, now);
    return "ok";
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return error.code === "too_many_attempts"
      ? `locked ${error.details.values?.minutes}`
      : error.code;
  }
}

async function failTimes(n: number, username: string, address?: string) {
  const answers = [];
  for (let i = 0; i < n; i++) answers.push(await attempt(username, `wrong ${i}`, address));
  return answers;
}

describe("logIn", () => {
  it("opens a session for the right password and names the user's sites", async () => {
    const account = await createAccount(database.db, { role: "programme_officer" });
    const result = await logIn(
      database.db,
      {
        username: ` ${account.username.toUpperCase()} `,
        password: account.password,
        address: "::1",
      },
      now,
    );
    expect(result.user).toMatchObject({ id: account.id, role: "programme_officer", siteIds: [] });
    expect((await resolveSession(database.db, result.token, now()))?.user.id).toBe(account.id);
  });

  it("locks an account for 15 minutes after 5 failures within 15 minutes, then lets it in", async () => {
    const { username, password } = await createAccount(database.db, { role: "programme_officer" });
    expect(await failTimes(5, username)).toEqual([
      "invalid_credentials",
      "invalid_credentials",
      "invalid_credentials",
      "invalid_credentials",
      "locked 15",
    ]);
    pass(6);
    expect(await attempt(username, password)).toBe("locked 9");
    pass(9);
    expect(await attempt(username, password)).toBe("ok");
    // The success reset the count: four more failures do not lock.
    expect(await failTimes(4, username)).not.toContain("locked 15");
    expect(await attempt(username, password)).toBe("ok");
  });

  it("counts failures only within 15 minutes of the first", async () => {
    const { username, password } = await createAccount(database.db, { role: "programme_officer" });
    await failTimes(4, username);
    pass(16);
    expect(await failTimes(4, username)).not.toContain("locked 15");
    expect(await attempt(username, password)).toBe("ok");
  });

  it("treats an unknown username like an account, so lock-out does not reveal which exist", async () => {
    const { username } = await createAccount(database.db, { role: "programme_officer" });
    const known = await failTimes(5, username);
    const unknown = await failTimes(5, "nobody.here");
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toBe("locked 15");
    // Only a hash of the unknown name is kept.
    const keys = await database.db.selectFrom("login_throttle").select("key").execute();
    expect(keys.map((k) => k.key).join(" ")).not.toContain("nobody");
  });

  it("refuses a disabled account with the same answer as a wrong password", async () => {
    const { id, username, password } = await createAccount(database.db, {
      role: "programme_officer",
    });
    await database.db
      .updateTable("users")
      .set({ disabled_at: now() })
      .where("id", "=", id)
      .execute();
    expect(await attempt(username, password)).toBe("invalid_credentials");
  });

  it("refuses an address for 15 minutes after 20 failures, even with a right password", async () => {
    const { username, password } = await createAccount(database.db, { role: "programme_officer" });
    const answers = [];
    // Twenty different names, so no single account is locked.
    for (let i = 0; i < 20; i++) answers.push(await attempt(`guess.${i}`, "wrong", "198.51.100.9"));
    expect(answers.slice(0, 19).every((a) => a === "invalid_credentials")).toBe(true);
    expect(answers[19]).toBe("locked 15");
    expect(await attempt(username, password, "198.51.100.9")).toBe("locked 15");
    expect(await attempt(username, password, "198.51.100.10")).toBe("ok");
    pass(15);
    expect(await attempt(username, password, "198.51.100.9")).toBe("ok");
  });
});

describe("sessions", () => {
  it("end after 12 hours without a request", async () => {
    const account = await createAccount(database.db, { role: "programme_officer" });
    const { token } = await logIn(
      database.db,
      { username: account.username, password: account.password, address: "::1" },
      now,
    );
    pass(11 * 60);
    expect(await resolveSession(database.db, token, now())).toBeDefined();
    pass(11 * 60);
    expect(await resolveSession(database.db, token, now())).toBeDefined();
    pass(12 * 60 + 1);
    expect(await resolveSession(database.db, token, now())).toBeUndefined();
  });

  it("end 30 days after log-in however busy, and note activity at most once a minute", async () => {
    const account = await createAccount(database.db, { role: "programme_officer" });
    const { token } = await logIn(
      database.db,
      { username: account.username, password: account.password, address: "::1" },
      now,
    );
    const lastSeen = async () =>
      (
        await database.db
          .selectFrom("sessions")
          .select("last_seen_at")
          .where("user_id", "=", account.id)
          .executeTakeFirstOrThrow()
      ).last_seen_at.getTime();
    const start = time;
    time += 30_000;
    await resolveSession(database.db, token, now());
    expect(await lastSeen()).toBe(start);
    time += 30_000;
    await resolveSession(database.db, token, now());
    expect(await lastSeen()).toBe(start + MINUTE);

    // A request every 10 hours keeps it alive until the 30th day, not after.
    const end = start + 30 * 24 * 60 * MINUTE;
    while (time + 10 * 60 * MINUTE < end) {
      pass(10 * 60);
      expect(await resolveSession(database.db, token, now())).toBeDefined();
    }
    pass(10 * 60);
    expect(await resolveSession(database.db, token, now())).toBeUndefined();
  });
});

describe("changePassword", () => {
  it("counts wrong current passwords towards the lock-out", async () => {
    const account = await createAccount(database.db, { role: "programme_officer" });
    const session = await logIn(
      database.db,
      { username: account.username, password: account.password, address: "::1" },
      now,
    );
    const resolved = (await resolveSession(database.db, session.token, now()))!;
    const codes = [];
    for (let i = 0; i < 5; i++) {
      codes.push(
        await changePassword(
          database.db,
          resolved.user,
          resolved.tokenHash,
          { currentPassword: `wrong ${i}`, newPassword: "another passphrase 2011" },
          now,
        ).catch((error: AppError) => error.code),
      );
    }
    expect(codes).toEqual([
      "invalid_parameter",
      "invalid_parameter",
      "invalid_parameter",
      "invalid_parameter",
      "too_many_attempts",
    ]);
  });

  it("refuses a new password that breaks the rules or equals the current one", async () => {
    const account = await createAccount(database.db, {
      role: "programme_officer",
      username: "lan.nguyen",
    });
    const session = await logIn(
      database.db,
      { username: account.username, password: account.password, address: "::1" },
      now,
    );
    const resolved = (await resolveSession(database.db, session.token, now()))!;
    const reasonFor = (newPassword: string) =>
      changePassword(
        database.db,
        resolved.user,
        resolved.tokenHash,
        { currentPassword: account.password, newPassword },
        now,
      ).catch((error: AppError) => error.details.reason);
    expect(await reasonFor("short")).toBe("password_too_short");
    expect(await reasonFor("my-Nguyen-password")).toBe("password_contains_username");
    expect(await reasonFor("Matkhau123")).toBe("password_too_common");
    expect(await reasonFor(account.password)).toBe("password_unchanged");
  });
});
