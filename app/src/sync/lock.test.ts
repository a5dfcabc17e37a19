import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { openTestDb } from "../test-support/fixtures.js";
import { leaseMs, withLease } from "./lock.js";

describe("the IndexedDB sync lease (browsers without Web Locks)", () => {
  it("lets one owner in at a time", async () => {
    const db = openTestDb();
    let inside!: () => void;
    const held = new Promise<void>((resolve) => {
      inside = resolve;
    });
    let finish!: () => void;
    const first = withLease(db, "tab-a", async () => {
      inside();
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      return "a";
    });
    await held;
    expect(await withLease(db, "tab-b", async () => "b")).toEqual({ busy: true });
    finish();
    expect(await first).toEqual({ busy: false, value: "a" });
    expect(await withLease(db, "tab-b", async () => "b")).toEqual({ busy: false, value: "b" });
  });

  it("is taken over once a closed tab's lease has expired", async () => {
    const db = openTestDb();
    await db.meta.put({ key: "syncLock", value: { owner: "closed-tab", expires: 1_000 } });
    expect(
      await withLease(
        db,
        "tab-b",
        async () => "b",
        () => 500,
      ),
    ).toEqual({ busy: true });
    expect(
      await withLease(
        db,
        "tab-b",
        async () => "b",
        () => 1_000 + leaseMs,
      ),
    ).toEqual({
      busy: false,
      value: "b",
    });
  });
});
