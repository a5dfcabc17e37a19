// Attempts counted per key in fixed windows, in a real database: refused past the limit with how
// long to wait, counted afresh once the window has passed, each key on its own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { openTestDatabase } from "../test-support/database.js";
import { forgetOldAttempts, takeAttempt } from "./rate-limit.js";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const rule = { limit: 2, windowMs: 60 * 60_000, reason: "too_many_test_sends" };

describe("a rate limit", () => {
  it("refuses past the limit, saying how long to wait, and counts afresh after the window", async () => {
    const start = new Date("2026-12-06T01:00:00Z");
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    await takeAttempt(database.db, "test:a", rule, at(0));
    await takeAttempt(database.db, "test:a", rule, at(10));
    await expect(takeAttempt(database.db, "test:a", rule, at(15))).rejects.toMatchObject({
      code: "too_many_requests",
      details: { reason: "too_many_test_sends", values: { minutes: 45, seconds: 2700, limit: 2 } },
    });
    // Another key has its own count; a new window begins once the last one has passed.
    await takeAttempt(database.db, "test:b", rule, at(15));
    await takeAttempt(database.db, "test:a", rule, at(60));
    await forgetOldAttempts(database.db, at(30));
    const keys = await database.db.selectFrom("rate_limits").select("key").execute();
    expect(keys.map((row) => row.key)).toEqual(["test:a"]);
  });
});
