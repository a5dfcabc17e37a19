import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { getMeta, setMeta } from "../db/meta.js";
import { recordChanges } from "../db/record-changes.js";
import { ApiError } from "../sync/api.js";
import { clientRecord, openTestDb, testUser } from "../test-support/fixtures.js";
import { scriptedApi } from "../test-support/scripted-api.js";
import {
  canSignInOffline,
  markSessionEnded,
  signInOffline,
  signInOnline,
  signOut,
} from "./session.js";

function apiFor(user = testUser()) {
  const api = scriptedApi();
  api.login = async (username, password) => {
    if (password !== "mat-khau-dung") throw new ApiError(401, "unauthenticated", "Sai mật khẩu");
    return { user: { ...user, username }, csrf_token: "csrf-1" };
  };
  return { api, user };
}

describe("signing in on the phone", () => {
  it("online first; then the same person can sign in offline, nobody else can", async () => {
    const db = openTestDb();
    const { api, user } = apiFor();
    expect(await canSignInOffline(db)).toBe(false);
    await expect(signInOnline(db, api, "tcv.lan", "sai")).rejects.toThrow("Sai mật khẩu");
    await signInOnline(db, api, "tcv.lan", "mat-khau-dung");
    expect(await getMeta(db, "session")).toMatchObject({ valid: true, unlocked: true });
    expect(await canSignInOffline(db)).toBe(true);

    await signOut(db, api);
    expect(await getMeta(db, "session")).toBeUndefined();
    expect(await signInOffline(db, "tcv.lan", "sai")).toBe(false);
    expect(await signInOffline(db, "someone.else", "mat-khau-dung")).toBe(false);
    expect(await signInOffline(db, " TCV.LAN ", "mat-khau-dung")).toBe(true);
    // Unlocked to record work, but no server session: sync waits for an online sign-in.
    expect(await getMeta(db, "session")).toMatchObject({
      user: { id: user.id },
      valid: false,
      unlocked: true,
    });
  });

  it("signing out keeps every unsent change", async () => {
    const db = openTestDb();
    const { api, user } = apiFor();
    await signInOnline(db, api, "tcv.lan", "mat-khau-dung");
    await recordChanges(db, user, [{ type: "client", op: "create", record: clientRecord() }]);
    await signOut(db, api);
    expect(await db.outbox.count()).toBe(1);
    expect(await db.records("client").count()).toBe(1);
  });

  it("a 401 locks the app until the password is given again; nothing else changes", async () => {
    const db = openTestDb();
    const { api } = apiFor();
    await signInOnline(db, api, "tcv.lan", "mat-khau-dung");
    await markSessionEnded(db);
    expect(await getMeta(db, "session")).toMatchObject({ valid: false, unlocked: false });
  });

  it("another person's sign-in starts from an empty scope, unless work is still waiting", async () => {
    const db = openTestDb();
    const first = apiFor();
    await signInOnline(db, first.api, "tcv.lan", "mat-khau-dung");
    await db.records("client").put({ ...clientRecord(), version: 3 } as never);
    await setMeta(db, "cursor", 3);
    const second = apiFor(testUser({ username: "tcv.mai" }));
    await signInOnline(db, second.api, "tcv.mai", "mat-khau-dung");
    expect(await db.records("client").count()).toBe(0);
    expect(await getMeta(db, "cursor")).toBeUndefined();

    await recordChanges(db, second.user, [
      { type: "client", op: "create", record: clientRecord() },
    ]);
    await signInOnline(db, first.api, "tcv.lan", "mat-khau-dung");
    expect(await db.records("client").count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
  });
});
