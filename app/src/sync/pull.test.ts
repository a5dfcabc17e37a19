import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { getMeta } from "../db/meta.js";
import { recordChanges } from "../db/record-changes.js";
import { clientRecord, openTestDb, testUser } from "../test-support/fixtures.js";
import { scriptedApi } from "../test-support/scripted-api.js";
import { pullChanges } from "./pull.js";

describe("pulling", () => {
  it("stores every page until the server has no more, and keeps the cursor", async () => {
    const db = openTestDb();
    const user = testUser();
    const api = scriptedApi();
    const [a, b] = [clientRecord({ uic: "AAAA101" }), clientRecord({ uic: "BBBB101" })];
    api.answerPull(
      { changes: [{ type: "client", version: 10, record: a }], cursor: 10, more: true },
      { changes: [{ type: "client", version: 11, record: b }], cursor: 11, more: false },
    );
    expect(await pullChanges(db, api, { userId: user.id })).toBe(2);
    expect(api.pulls).toEqual([0, 10]);
    expect(await getMeta(db, "cursor")).toBe(11);
    expect((await db.records("client").get(b.id))?.version).toBe(11);

    await pullChanges(db, api, { userId: user.id });
    expect(api.pulls.at(-1)).toBe(11);
    // Another user on this device starts from the beginning of their own scope.
    await pullChanges(db, api, { userId: testUser().id });
    expect(api.pulls.at(-1)).toBe(0);
  });

  it("the server wins, except over a record with a change still on the device", async () => {
    const db = openTestDb();
    const user = testUser();
    const api = scriptedApi();
    const mine = clientRecord({ uic: "MINE101" });
    const theirs = clientRecord({ uic: "SERV101" });
    await db.records("client").put({ ...theirs, version: 3 } as never);
    await recordChanges(db, user, [{ type: "client", op: "create", record: mine }]);
    api.answerPull({
      changes: [
        { type: "client", version: 8, record: { ...mine, population_group: "pwud" } },
        { type: "client", version: 9, record: { ...theirs, population_group: "msm" } },
      ],
      cursor: 9,
      more: false,
    });
    await pullChanges(db, api, { userId: user.id });
    expect(await db.records("client").get(mine.id)).toMatchObject({
      population_group: "partner_pwud",
      version: null,
    });
    expect(await db.records("client").get(theirs.id)).toMatchObject({
      population_group: "msm",
      version: 9,
    });
  });

  it("refreshes the server's copy in an open conflict instead of overwriting the person's", async () => {
    const db = openTestDb();
    const user = testUser();
    const api = scriptedApi();
    const client = clientRecord();
    await db.records("client").put({ ...client, version: 2 } as never);
    await db.problems.put({
      id: "change-1",
      seq: 1,
      kind: "conflict",
      type: "client",
      op: "update",
      record: client,
      base_version: 2,
      base_after: null,
      user_id: user.id,
      recordKey: `client:${client.id}`,
      recorded_at: "2026-03-01T00:00:00Z",
      answered_at: "2026-03-01T00:00:00Z",
      before: null,
      server_version: 4,
      server_record: client,
    });
    api.answerPull({
      changes: [{ type: "client", version: 6, record: { ...client, birth_year: 1984 } }],
      cursor: 6,
      more: false,
    });
    await pullChanges(db, api, { userId: user.id });
    expect(await db.problems.get("change-1")).toMatchObject({
      server_version: 6,
      server_record: { birth_year: 1984 },
    });
    expect((await db.records("client").get(client.id))?.version).toBe(2);
  });

  it("ignores record types this app does not know, and stops when the cursor stands still", async () => {
    const db = openTestDb();
    const api = scriptedApi();
    api.answerPull({
      changes: [{ type: "newsletter" as never, version: 1, record: { id: "x" } }],
      cursor: 1,
      more: true,
    });
    api.answerPull({ changes: [], cursor: 1, more: true });
    await pullChanges(db, api, { userId: "u" });
    expect(api.pulls).toEqual([0, 1]);
  });
});
