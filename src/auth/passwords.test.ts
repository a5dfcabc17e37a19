import * as common from "@zxcvbn-ts/language-common";
import { describe, expect, it } from "vitest";
import { authMessages } from "./messages.js";
import {
  contextWords,
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

/** The organisation's names as the demo has them (listPasswordContextNames reads them). */
const organisation = [
  "scdi",
  "SCDI",
  "Trung tâm SCDI",
  "dien-bien",
  "Điện Biên",
  "TG",
  "Tuần Giáo",
];

describe("passwordProblem", () => {
  it.each([
    ["short", "lan", "password_too_short"],
    ["x".repeat(PASSWORD_MAX_LENGTH + 1), "lan", "password_too_long"],
    ["I am Worker.TG here", "worker.tg", "password_contains_username"],
    ["my coordinator pass", "coordinator.tg", "password_contains_username"],
    ["Matkhau123", "lan", "password_too_common"],
    ["1234567890", "lan", "password_too_common"],
    ["Password123!", "lan", "password_too_common"],
    ["P@ssw0rd2011", "lan", "password_too_common"],
    ["anhyeuem2011", "lan", "password_too_common"],
    ["yeuem123456", "lan", "password_too_common"],
    ["1q2w3e4r5t6y", "lan", "password_too_common"],
    ["zxcvbnm,./;'", "lan", "password_keyboard_pattern"],
    ["aaaaaaaaaaaa", "lan", "password_repeated"],
    ["ababababab", "lan", "password_repeated"],
    ["abcdefghijk", "lan", "password_sequence"],
    ["hoanganh1995", "lan", "password_common_words"],
    ["peerlink2024!", "lan", "password_context_word"],
  ])("refuses %j for %s: %s", (password, username, reason) => {
    expect(passwordProblem(password, username, organisation)).toBe(reason);
  });

  it("checks every one of the 10,000 commonest passwords that is long enough to be offered", () => {
    const top = common.dictionary["passwords-common"].slice(0, 10_000);
    const long = top.filter((password) => password.length >= PASSWORD_MIN_LENGTH);
    expect(long.length).toBeGreaterThan(100);
    const allowed = long.filter((password) => passwordProblem(password, "someone") === undefined);
    expect(allowed).toEqual([]);
    // With a capital, a digit or a symbol added, as people are told to do.
    for (const password of long.slice(0, 40)) {
      expect(
        passwordProblem(`${password[0]!.toUpperCase()}${password.slice(1)}1!`, "x"),
      ).toBeDefined();
    }
  });

  it("refuses the person's name, the organisation's and the site's, with or without diacritics", () => {
    const problem = (password: string, personName = "") =>
      passwordProblem(password, "an.nv", organisation, personName);
    expect(problem("Nguyễn Văn An 1990", "Nguyễn Văn An")).toBe("password_context_word");
    expect(problem("nguyenvanan@1990", "Nguyễn Văn An")).toBe("password_context_word");
    expect(problem("TuanGiao2011!")).toBe("password_context_word");
    expect(problem("Tuần Giáo 2011")).toBe("password_context_word");
    expect(problem("dienbien@2024")).toBe("password_context_word");
    // A name among other, unrelated words is not guessable any more.
    expect(problem("đi bộ tới Tuần Giáo lúc bình minh")).toBeUndefined();
  });

  it("accepts long, uncommon pass-phrases and random passwords", () => {
    expect(passwordProblem("tiep-can-2011-demo", "worker.tg", organisation)).toBeUndefined();
    expect(passwordProblem("đi bộ tới Tuần Giáo", "lan")).toBeUndefined();
    expect(passwordProblem("mây trắng bay qua đồi", "lan", organisation)).toBeUndefined();
    expect(passwordProblem("correct horse battery staple", "lan")).toBeUndefined();
    expect(passwordProblem("k7Qx-m2Pw-Zr9t-Hy4v", "lan")).toBeUndefined();
  });

  it("gives each reason in Vietnamese and English", () => {
    const reasons = [
      "password_too_common",
      "password_context_word",
      "password_keyboard_pattern",
      "password_repeated",
      "password_sequence",
      "password_dates",
      "password_common_words",
      "password_too_guessable",
    ] as const;
    for (const reason of reasons) {
      expect(authMessages.vi[`reason.${reason}`]).toMatch(
        /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/,
      );
      expect(authMessages.en[`reason.${reason}`]).toBeTruthy();
    }
  });

  it("says the minimum length its message states", () => {
    expect(authMessages.en["reason.password_too_short"]).toContain(String(PASSWORD_MIN_LENGTH));
    expect(authMessages.vi["reason.password_too_short"]).toContain(String(PASSWORD_MIN_LENGTH));
    expect(authMessages.en["reason.password_too_long"]).toContain(String(PASSWORD_MAX_LENGTH));
  });
});

describe("contextWords", () => {
  it("splits names into words without diacritics, runs them together, and adds peerlink", () => {
    expect(contextWords(["Nguyễn Thị Lan", "TG", "Điện Biên"])).toEqual([
      "peerlink",
      "nguyen",
      "thi",
      "lan",
      "nguyenthilan",
      "dien",
      "bien",
      "dienbien",
    ]);
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
