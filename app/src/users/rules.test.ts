import { describe, expect, it } from "vitest";
import {
  passwordProblem,
  PASSWORD_MAX_LENGTH as serverMaxLength,
  PASSWORD_MIN_LENGTH as serverMinLength,
} from "../../../src/auth/passwords.js";
import { roles } from "../../../src/auth/policy.js";
import { USERNAME_PATTERN as serverUsernamePattern } from "../../../src/auth/users-service.js";
import {
  changesOf,
  checkUser,
  fieldOf,
  generatePassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordReason,
  roleList,
  sitesNeeded,
  USERNAME_PATTERN,
  type UserDraft,
} from "./rules.js";

const draft = (overrides: Partial<UserDraft> = {}): UserDraft => ({
  username: "lan.tg",
  displayName: "Lò Thị Lan",
  role: "outreach_worker",
  siteIds: ["site-a"],
  password: "mây-trắng-bay-qua",
  ...overrides,
});

describe("the users form's rules", () => {
  it("restate the server's constants and roles", () => {
    expect(USERNAME_PATTERN.source).toBe(serverUsernamePattern.source);
    expect(PASSWORD_MIN_LENGTH).toBe(serverMinLength);
    expect(PASSWORD_MAX_LENGTH).toBe(serverMaxLength);
    expect([...roleList].sort()).toEqual([...roles].sort());
  });

  it("accept a complete new account", () => {
    expect(checkUser(draft(), "create")).toEqual({});
    // Usernames are trimmed and lower-cased, as the server stores them.
    expect(checkUser(draft({ username: "  Lan.TG " }), "create")).toEqual({});
  });

  it("ask for what is missing", () => {
    expect(
      checkUser(draft({ username: " ", displayName: "  ", role: "", password: "" }), "create"),
    ).toEqual({
      username: "required",
      display_name: "required",
      role: "required",
      password: "required",
    });
  });

  it("refuse usernames the database would refuse", () => {
    for (const username of ["ab", "-lan", "lan tg", "lan@tg", "x".repeat(41), "lò.thị"])
      expect(checkUser(draft({ username }), "create").username, username).toBe("username_format");
    for (const username of ["lan", "lan.tg", "tcv_01", "0abc-d", "x".repeat(40)])
      expect(checkUser(draft({ username }), "create").username, username).toBeUndefined();
  });

  it("ask for the sites each role needs, as the server does", () => {
    expect(sitesNeeded("outreach_worker")).toBe("one");
    expect(sitesNeeded("site_coordinator")).toBe("some");
    expect(sitesNeeded("supervisor")).toBe("some");
    expect(sitesNeeded("programme_officer")).toBe("none");
    expect(sitesNeeded("administrator")).toBe("none");
    const sitesOf = (role: UserDraft["role"], siteIds: string[]) =>
      checkUser(draft({ role, siteIds }), "create").site_ids;
    expect(sitesOf("outreach_worker", [])).toBe("outreach_worker_one_site");
    expect(sitesOf("outreach_worker", ["a", "b"])).toBe("outreach_worker_one_site");
    expect(sitesOf("outreach_worker", ["a", "a"])).toBeUndefined();
    expect(sitesOf("site_coordinator", [])).toBe("role_needs_site");
    expect(sitesOf("supervisor", [])).toBe("role_needs_site");
    expect(sitesOf("supervisor", ["a", "b", "c"])).toBeUndefined();
    expect(sitesOf("programme_officer", [])).toBeUndefined();
    expect(sitesOf("administrator", ["a"])).toBeUndefined();
  });

  it("check passwords like the server, except its list of common ones", () => {
    const cases = [
      "short",
      "x".repeat(201),
      "lan.tg-2026-mật-khẩu",
      "Coordinator!2026",
      "mây-trắng-bay-qua",
    ];
    for (const password of cases) {
      const username = password.startsWith("Coord") ? "coordinator.tg" : "lan.tg";
      expect(passwordReason(password, username), password).toBe(
        passwordProblem(password, username),
      );
    }
    // An edit keeps the current password when none is given; a new one must follow the rules.
    expect(checkUser(draft({ password: "" }), "edit")).toEqual({});
    expect(checkUser(draft({ password: "ngắn" }), "edit").password).toBe("password_too_short");
    expect(checkUser(draft({ username: "", password: "" }), "edit")).toEqual({});
  });

  it("generate strong passwords the server accepts, without look-alike characters", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = generatePassword("lan.tg");
      expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{4}(-[a-km-zA-HJ-NP-Z2-9]{4}){3}$/);
      expect(passwordProblem(password, "lan.tg")).toBeUndefined();
      seen.add(password);
    }
    expect(seen.size).toBe(200);
  });

  it("generate again when a password would contain the username", () => {
    // A random source that first spells "abcd" (the username) and then anything else.
    let calls = 0;
    const random = (bytes: Uint8Array) => {
      calls += 1;
      bytes.forEach((_, i) => {
        bytes[i] = calls === 1 ? i % 4 : (i * 7 + calls) % 224;
      });
      return bytes;
    };
    const password = generatePassword("abcd", random);
    expect(password.toLowerCase()).not.toContain("abcd");
    expect(calls).toBeGreaterThan(1);
  });

  it("name the field a server refusal is about", () => {
    expect(fieldOf("site_ids.0")).toBe("site_ids");
    expect(fieldOf("password")).toBe("password");
    expect(fieldOf(undefined)).toBeUndefined();
  });

  it("send only what changed, role and sites together", () => {
    const before = {
      display_name: "Lan",
      role: "outreach_worker" as const,
      site_ids: ["a"],
      staff_id: null,
      locale: "vi" as const,
    };
    const same = {
      displayName: "Lan ",
      role: "outreach_worker" as const,
      siteIds: ["a"],
      staffId: "",
      locale: "vi" as const,
      password: "",
    };
    expect(changesOf(before, same)).toEqual({});
    expect(changesOf(before, { ...same, siteIds: ["b"] })).toEqual({
      role: "outreach_worker",
      site_ids: ["b"],
    });
    expect(
      changesOf(before, {
        ...same,
        displayName: "Lò Thị Lan",
        role: "site_coordinator",
        siteIds: ["a", "b"],
        staffId: "s1",
        locale: "en",
        password: "mây-trắng-bay-qua",
      }),
    ).toEqual({
      display_name: "Lò Thị Lan",
      role: "site_coordinator",
      site_ids: ["a", "b"],
      staff_id: "s1",
      locale: "en",
      password: "mây-trắng-bay-qua",
    });
  });
});
