// Signing in with a clock the test moves: the throttling that slows a guesser without locking the
// real user out (device cookies, counts per account and per address, growing delays), sessions
// that expire when idle and after 30 days, and password changes.
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { deriveKey } from "../lib/crypto.js";
import { AppError } from "../lib/errors.js";
import { testSecret } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { createAccount } from "../test-support/sessions.js";
import { changePassword, logIn } from "./service.js";
import { resolveSession } from "./sessions.js";

const MINUTE = 60_000;
const key = deriveKey(testSecret, "sign-in");
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

/** A phone or browser: its address and the device cookie it keeps. */
interface Device {
  address: string;
  cookie?: string;
}
const stranger = (): Device => ({ address: "203.0.113.7" });

/** One attempt, as the visitor sees it: "ok", "invalid_credentials" or "wait <seconds>". */
async function attempt(username: string, password: string, device: Device = stranger()) {
  try {
    const result = await logIn(
      database.db,
      { username, password, address: device.address, deviceCookie: device.cookie },
      now,
      key,
    );
    device.cookie = result.deviceCookie;
    return "ok";
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return error.code === "too_many_attempts"
      ? `wait ${error.details.values?.seconds}`
      : error.code;
  }
}

async function failTimes(n: number, username: string, device?: Device) {
  const answers = [];
  for (let i = 0; i < n; i++) answers.push(await attempt(username, `wrong ${i}`, device));
  return answers;
}

/**
 * The waits that began with a failure (the wait jumps up there: the failure that earns a delay
 * answers it whole, and attempts refused during it answer what is left).
 */
function delaysStarted(answers: readonly string[]): number[] {
  const waits = answers.map((a) => (a.startsWith("wait") ? Number(a.split(" ")[1]) : 0));
  return waits.filter((w, i) => w > (waits[i - 1] ?? 0));
}

/** How many attempts got their password checked: refused ones are answered before that. */
const checkedCount = (answers: readonly string[]) =>
  answers.filter((a) => a === "invalid_credentials").length + delaysStarted(answers).length;

const account = (username?: string) =>
  createAccount(database.db, { role: "programme_officer", ...(username ? { username } : {}) });

describe("logIn", () => {
  it("opens a session for the right password and names the user's sites", async () => {
    const user = await account();
    const result = await logIn(
      database.db,
      { username: ` ${user.username.toUpperCase()} `, password: user.password, address: "::1" },
      now,
      key,
    );
    expect(result.user).toMatchObject({ id: user.id, role: "programme_officer", siteIds: [] });
    expect((await resolveSession(database.db, result.token, now()))?.user.id).toBe(user.id);
  });

  it("lets the real user in from their own phone while a stranger guesses from elsewhere", async () => {
    const user = await account();
    const phone: Device = { address: "198.51.100.20" };
    expect(await attempt(user.username, user.password, phone)).toBe("ok");
    // A stranger guesses as fast as they are let, from many addresses, for two hours.
    for (let minute = 0; minute < 120; minute++) {
      await attempt(user.username, `guess ${minute}`, { address: `203.0.113.${minute % 50}` });
      pass(1);
      if (minute % 10 === 0) {
        expect(await attempt(user.username, user.password, phone), `minute ${minute}`).toBe("ok");
      }
    }
    // Even from the stranger's own address: the phone's cookie is what counts.
    expect(await attempt(user.username, user.password, { ...phone, address: "203.0.113.1" })).toBe(
      "ok",
    );
  });

  it("slows a guesser without the device cookie to a try every few minutes, with growing delays", async () => {
    const user = await account();
    const answers: string[] = [];
    // Two hours of trying every 30 seconds, from changing addresses.
    for (let second = 0; second < 2 * 60 * 60; second += 30) {
      time += 30_000;
      answers.push(
        await attempt(user.username, `guess ${second}`, { address: `192.0.2.${second % 200}` }),
      );
    }
    const delays = delaysStarted(answers);
    expect(delays.slice(0, 5)).toEqual([30, 60, 120, 240, 480]);
    expect(Math.max(...delays)).toBe(900);
    // 5 quick tries, the growing delays, then about one every 15 minutes.
    expect(answers.filter((a) => a === "invalid_credentials")).toHaveLength(4);
    expect(checkedCount(answers)).toBeGreaterThanOrEqual(10);
    expect(checkedCount(answers)).toBeLessThanOrEqual(20);
    // Waiting out the delay is enough for the real password from a new device.
    pass(15);
    expect(await attempt(user.username, user.password, { address: "192.0.2.250" })).toBe("ok");
  });

  it("does not lock out everyone behind an office's shared address", async () => {
    const office = "198.51.100.77";
    const colleague = await account();
    const phone: Device = { address: office };
    expect(await attempt(colleague.username, colleague.password, phone)).toBe("ok");
    // Sixty failed sign-ins from the office within a few minutes, at many usernames.
    for (let i = 0; i < 60; i++) await attempt(`typo.${i}`, "wrong", { address: office });
    // The colleague's phone, signed in before, goes straight in.
    expect(await attempt(colleague.username, colleague.password, phone)).toBe("ok");
    // A new device at the office waits (15 minutes at most) and is then let in.
    const newcomer = await account();
    const laptop: Device = { address: office };
    const first = await attempt(newcomer.username, newcomer.password, laptop);
    expect(first).toMatch(/^wait \d+$/);
    expect(Number(first.split(" ")[1])).toBeLessThanOrEqual(900);
    time += Number(first.split(" ")[1]) * 1000;
    expect(await attempt(newcomer.username, newcomer.password, laptop)).toBe("ok");
    // Elsewhere nobody noticed.
    expect(await attempt(newcomer.username, newcomer.password, { address: "192.0.2.1" })).toBe(
      "ok",
    );
  });

  it("bounds the guesses from one address at all usernames to about 20 an hour", async () => {
    const answers: string[] = [];
    for (let second = 0; second < 60 * 60; second += 15) {
      time += 15_000;
      answers.push(await attempt(`name.${second}`, "password123", { address: "192.0.2.66" }));
    }
    // 20 at once, then about 20 an hour as the count drains (one every 3 minutes).
    expect(checkedCount(answers)).toBeGreaterThanOrEqual(21);
    expect(checkedCount(answers)).toBeLessThanOrEqual(20 + 20 + 3);
  });

  it("slows a device that keeps failing, without touching the account's other devices", async () => {
    const user = await account();
    const phone: Device = { address: "198.51.100.1" };
    const office: Device = { address: "198.51.100.2" };
    await attempt(user.username, user.password, phone);
    await attempt(user.username, user.password, office);
    expect(await failTimes(5, user.username, phone)).toEqual([
      "invalid_credentials",
      "invalid_credentials",
      "invalid_credentials",
      "invalid_credentials",
      "wait 30",
    ]);
    expect(await attempt(user.username, user.password, phone)).toBe("wait 30");
    expect(await attempt(user.username, user.password, office)).toBe("ok");
    expect(await attempt(user.username, user.password, stranger())).toBe("ok");
    pass(0.5);
    expect(await attempt(user.username, user.password, phone)).toBe("ok");
  });

  it("trusts a device cookie only for its own account, unaltered and under a year old", async () => {
    const user = await account();
    const other = await account();
    const phone: Device = { address: "198.51.100.3" };
    await attempt(user.username, user.password, phone);
    await failTimes(5, other.username, stranger());
    // The phone's cookie names `user`, not `other`: it is a stranger's device for `other`.
    expect(await attempt(other.username, other.password, phone)).toMatch(/^wait/);
    // After signing in as `other` on it, the phone carries both accounts.
    pass(1);
    expect(await attempt(other.username, other.password, phone)).toBe("ok");
    await failTimes(5, user.username, stranger());
    expect(await attempt(user.username, user.password, { ...phone })).toBe("ok");

    await failTimes(5, user.username, stranger());
    const tampered = phone.cookie!.replace(/\.(\d+)\./g, (_, s) => `.${Number(s) + 1}.`);
    expect(
      await attempt(user.username, user.password, { address: "198.51.100.3", cookie: tampered }),
    ).toMatch(/^wait/);
    pass(366 * 24 * 60);
    await failTimes(5, user.username, stranger());
    expect(await attempt(user.username, user.password, { ...phone })).toMatch(/^wait/);
  });

  it("treats an unknown username like an account, so nothing reveals which exist", async () => {
    const user = await account();
    const known = await failTimes(7, user.username);
    const unknown = await failTimes(7, "nobody.here", { address: "192.0.2.9" });
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toMatch(/^wait/);
    // Only a keyed hash of the unknown name is kept.
    const keys = await database.db.selectFrom("login_throttles").select("key").execute();
    expect(keys.map((k) => k.key).join(" ")).not.toContain("nobody");
  });

  it("refuses a disabled account with the same answer as a wrong password", async () => {
    const user = await account();
    await database.db
      .updateTable("users")
      .set({ disabled_at: now() })
      .where("id", "=", user.id)
      .execute();
    expect(await attempt(user.username, user.password)).toBe("invalid_credentials");
  });
});

describe("sessions", () => {
  it("end after 12 hours without a request", async () => {
    const account = await createAccount(database.db, { role: "programme_officer" });
    const { token } = await logIn(
      database.db,
      { username: account.username, password: account.password, address: "::1" },
      now,
      key,
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
      key,
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
  it("counts wrong current passwords like failed sign-ins, with growing delays", async () => {
    const account = await createAccount(database.db, { role: "programme_officer" });
    const session = await logIn(
      database.db,
      { username: account.username, password: account.password, address: "::1" },
      now,
      key,
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
          { now, key, actor: { channel: "api", userId: account.id, address: "::1" } },
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
      key,
    );
    const resolved = (await resolveSession(database.db, session.token, now()))!;
    const reasonFor = (newPassword: string) =>
      changePassword(
        database.db,
        resolved.user,
        resolved.tokenHash,
        { currentPassword: account.password, newPassword },
        { now, key, actor: { channel: "api", userId: account.id, address: "::1" } },
      ).then(
        () => "changed",
        (error: AppError) => error.details.reason,
      );
    expect(await reasonFor("short")).toBe("password_too_short");
    expect(await reasonFor("my-Nguyen-password")).toBe("password_contains_username");
    expect(await reasonFor("Matkhau123")).toBe("password_too_common");
    expect(await reasonFor(account.password)).toBe("password_unchanged");
    expect(await reasonFor("a new and private passphrase")).toBe("changed");
    const entries = await database.db
      .selectFrom("audit_log")
      .select(["actor_id", "action", "target_id", "address"])
      .where("action", "=", "user.password_changed")
      .execute();
    expect(entries).toEqual([
      {
        actor_id: account.id,
        action: "user.password_changed",
        target_id: account.id,
        address: "::1",
      },
    ]);
  });
});
