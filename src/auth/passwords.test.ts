import { describe, expect, it } from "vitest";
import { authMessages } from "./messages.js";
import {
  generatePassword,
  hashPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordProblem,
  verifyPassword,
} from "./passwords.js";

describe("password hashes", () => {
  it("are argon2id with OWASP's costs (19 MiB, 2 passes, 1 lane), salted, and verify", async () => {
    const first = await hashPassword("correct horse battery");
    const second = await hashPassword("correct horse battery");
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(second).not.toBe(first);
    expect(await verifyPassword(first, "correct horse battery")).toBe(true);
    expect(await verifyPassword(first, "correct horse batterY")).toBe(false);
  });

  it("never let a malformed stored hash in", async () => {
    expect(await verifyPassword("not-a-hash", "anything at all")).toBe(false);
  });
});

describe("passwordProblem", () => {
  it.each([
    ["short", "lan", "password_too_short"],
    ["x".repeat(PASSWORD_MAX_LENGTH + 1), "lan", "password_too_long"],
    ["I am Worker.TG here", "worker.tg", "password_contains_username"],
    ["my coordinator pass", "coordinator.tg", "password_contains_username"],
    ["Matkhau123", "lan", "password_too_common"],
    ["1234567890", "lan", "password_too_common"],
    ["aaaaaaaaaaaa", "lan", "password_too_common"],
    ["ababababab", "lan", "password_too_common"],
  ])("refuses %j for %s: %s", (password, username, reason) => {
    expect(passwordProblem(password, username)).toBe(reason);
  });

  it("accepts a long, uncommon pass-phrase, and short name parts inside it", () => {
    expect(passwordProblem("tiep-can-2011-demo", "worker.tg")).toBeUndefined();
    expect(passwordProblem("đi bộ tới Tuần Giáo", "lan")).toBeUndefined();
  });

  it("says the minimum length its message states", () => {
    expect(authMessages.en["reason.password_too_short"]).toContain(String(PASSWORD_MIN_LENGTH));
    expect(authMessages.vi["reason.password_too_short"]).toContain(String(PASSWORD_MIN_LENGTH));
    expect(authMessages.en["reason.password_too_long"]).toContain(String(PASSWORD_MAX_LENGTH));
  });
});

describe("generatePassword", () => {
  it("makes 20 random characters the rules accept", () => {
    const passwords = new Set(Array.from({ length: 50 }, () => generatePassword("abc")));
    expect(passwords.size).toBe(50);
    for (const password of passwords) {
      expect(password).toMatch(/^[\w-]{20}$/);
      expect(passwordProblem(password, "abc")).toBeUndefined();
    }
  });
});
