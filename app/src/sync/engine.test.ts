import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { getMeta } from "../db/meta.js";
import { recordChanges } from "../db/record-changes.js";
import { clientRecord, openTestDb, signIn, testUser } from "../test-support/fixtures.js";
import { applyAll, scriptedApi } from "../test-support/scripted-api.js";
import { ApiError, NetworkError, ServerError } from "./api.js";
import { backoffDelay, periodMs, SyncEngine } from "./engine.js";

function manualTimers() {
  const timers: { ms: number; run: () => void }[] = [];
  return {
    timers,
    setTimer: (run: () => void, ms: number) => timers.push({ ms, run }),
    clearTimer: () => {
      timers.length = 0;
    },
  };
}

async function setUp() {
  const db = openTestDb();
  const user = testUser();
  await signIn(db, user);
  await recordChanges(db, user, [{ type: "client", op: "create", record: clientRecord() }]);
  const api = scriptedApi();
  const timers = manualTimers();
  const network = { online: true };
  const engine = new SyncEngine({
    db,
    api,
    random: () => 0.5,
    online: () => network.online,
    now: () => new Date("2026-03-02T07:00:00Z"),
    ...timers,
  });
  return { db, user, api, engine, timers, network };
}

describe("the sync engine", () => {
  it("pushes, pulls, refreshes the reference data and notes the time", async () => {
    const { db, api, engine, timers } = await setUp();
    api.answerPush(applyAll());
    const outcome = await engine.sync();
    expect(outcome).toMatchObject({ kind: "done", pushed: { applied: 1 }, pulled: 0 });
    expect(await db.outbox.count()).toBe(0);
    expect(await getMeta(db, "reference")).toEqual({ sites: [], staff: [], projects: [] });
    expect((await getMeta(db, "syncStatus"))?.lastSyncAt).toBeTruthy();
    expect(timers.timers.at(-1)?.ms).toBe(periodMs);
  });

  it("waits longer after each network failure, and keeps the outbox", async () => {
    const { db, api, engine, timers, network } = await setUp();
    network.online = false;
    api.answerPush(new NetworkError("offline"), new NetworkError("offline"));
    expect(await engine.sync()).toEqual({ kind: "offline", retryInMs: 5_000 });
    expect(await engine.sync()).toEqual({ kind: "offline", retryInMs: 10_000 });
    expect(timers.timers.at(-1)?.ms).toBe(10_000);
    expect(await db.outbox.count()).toBe(1);
    api.answerPush(applyAll());
    expect(await engine.sync()).toMatchObject({ kind: "done" });
    expect(await getMeta(db, "syncStatus")).toMatchObject({ failure: null, retryAt: null });
    api.answerPush(new NetworkError("offline"));
    await recordChanges(db, (await getMeta(db, "session"))!.user, [
      { type: "client", op: "create", record: clientRecord({ uic: "LATH285" }) },
    ]);
    // Success resets the back-off.
    expect(await engine.sync()).toEqual({ kind: "offline", retryInMs: 5_000 });
  });

  it("caps the back-off at ten minutes", () => {
    expect(backoffDelay(1, () => 0.5)).toBe(5_000);
    expect(backoffDelay(4, () => 0.5)).toBe(40_000);
    expect(backoffDelay(30, () => 0.5)).toBe(600_000);
    expect(backoffDelay(30, () => 0)).toBe(300_000);
  });

  it("401: the session is marked signed out, the outbox untouched, sync stops", async () => {
    const { db, api, engine, timers } = await setUp();
    api.answerPush(new ApiError(401, "unauthenticated", "Bạn cần đăng nhập để tiếp tục."));
    expect(await engine.sync()).toEqual({ kind: "signed_out" });
    expect((await getMeta(db, "session"))?.valid).toBe(false);
    expect(await db.outbox.toArray()).toMatchObject([{ status: "pending" }]);
    expect(timers.timers).toHaveLength(0);
    expect(await engine.sync()).toEqual({ kind: "signed_out" });
    expect(api.pushes).toHaveLength(1);
  });

  it("keeps the server's message when it refuses the request for another reason", async () => {
    const { db, api, engine } = await setUp();
    api.answerPush(new ApiError(403, "forbidden", "Tài khoản của bạn không có quyền."));
    expect(await engine.sync()).toEqual({
      kind: "refused",
      message: "Tài khoản của bạn không có quyền.",
      retryInMs: 5_000,
    });
    expect((await getMeta(db, "syncStatus"))?.failure).toEqual({
      kind: "refused",
      message: "Tài khoản của bạn không có quyền.",
    });
  });

  it("a server fault (500) is a server error, not a missing network; kept with the retry time", async () => {
    const { db, api, engine } = await setUp();
    api.answerPush(new ServerError(500, "Lỗi máy chủ"));
    expect(await engine.sync()).toEqual({ kind: "server_error", status: 500, retryInMs: 5_000 });
    expect(await getMeta(db, "syncStatus")).toMatchObject({
      failure: { kind: "server_error", status: 500 },
      retryAt: "2026-03-02T07:00:05.000Z",
    });
    expect(await db.outbox.count()).toBe(1);
  });

  it("no answer while the phone has a network (a lost answer) is told apart from being offline", async () => {
    const { db, api, engine } = await setUp();
    api.answerPush(new NetworkError("Failed to fetch"));
    expect(await engine.sync()).toEqual({ kind: "no_answer", retryInMs: 5_000 });
    expect(await getMeta(db, "syncStatus")).toMatchObject({
      lastAttemptAt: "2026-03-02T07:00:00.000Z",
      failure: { kind: "no_answer" },
      retryAt: "2026-03-02T07:00:05.000Z",
    });
    expect(await db.outbox.toArray()).toMatchObject([{ status: "pending", attempts: 1 }]);
  });

  it("two engines on one device (two tabs): one syncs, the other finds it busy", async () => {
    const { db, api, engine } = await setUp();
    const other = new SyncEngine({ db, api, ...manualTimers() });
    let release!: () => void;
    let started!: () => void;
    const pushStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    api.answerPush((request) => {
      started();
      return new Promise<void>((resolve) => {
        release = resolve;
      }).then(() => applyAll()(request)) as never;
    });
    const first = engine.sync();
    await pushStarted;
    expect(await other.sync()).toEqual({ kind: "busy" });
    release();
    expect(await first).toMatchObject({ kind: "done" });
    expect(api.pushes).toHaveLength(1);
  });
});
