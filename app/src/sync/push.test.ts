import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { MAX_BATCH as serverMaxBatch } from "../../../src/sync/protocol.js";
import { recordChanges } from "../db/record-changes.js";
import { newId } from "../lib/ids.js";
import { clientRecord, openTestDb, siteId, testUser } from "../test-support/fixtures.js";
import { applyAll, scriptedApi } from "../test-support/scripted-api.js";
import { ApiError, NetworkError } from "./api.js";
import { resendProblem } from "./problems.js";
import { applyPulled } from "./pull.js";
import { MAX_BATCH, pushOutbox, releaseInterruptedSends } from "./push.js";

const deviceId = newId();

async function setUp(count = 1) {
  const db = openTestDb();
  const user = testUser();
  const clients = Array.from({ length: count }, (_, i) =>
    clientRecord({ uic: `HOTH${String(i).padStart(3, "0")}` }),
  );
  const changeIds: string[] = [];
  for (const client of clients)
    changeIds.push(
      ...(await recordChanges(db, user, [{ type: "client", op: "create", record: client }])),
    );
  const api = scriptedApi();
  const push = () => pushOutbox(db, api, { userId: user.id, deviceId });
  return { db, user, clients, changeIds, api, push };
}

describe("the outbox and the server's answers", () => {
  it("sends batches no larger than the server takes", () => {
    expect(MAX_BATCH).toBe(serverMaxBatch);
  });

  it("applied: the change leaves the outbox and the record takes the server's version", async () => {
    const { db, clients, api, push } = await setUp();
    api.answerPush(applyAll(501));
    expect(await push()).toEqual({ sent: 1, applied: 1, problems: 0 });
    expect(await db.outbox.count()).toBe(0);
    expect((await db.records("client").get(clients[0]!.id))?.version).toBe(501);
    expect(api.pushes[0]).toMatchObject({ device_id: deviceId });
  });

  it("duplicate (a retry the server had applied): done, like applied", async () => {
    const { db, clients, changeIds, api, push } = await setUp();
    api.answerPush({ results: [{ id: changeIds[0]!, status: "duplicate", version: 77 }] });
    await push();
    expect(await db.outbox.count()).toBe(0);
    expect((await db.records("client").get(clients[0]!.id))?.version).toBe(77);
  });

  it("conflict: both copies kept for a person, the local record untouched", async () => {
    const { db, clients, changeIds, api, push } = await setUp();
    const server_record = { ...clients[0], population_group: "pwud" };
    api.answerPush({
      results: [{ id: changeIds[0]!, status: "conflict", version: 12, server_record }],
    });
    expect(await push()).toMatchObject({ problems: 1 });
    expect(await db.outbox.count()).toBe(0);
    const [problem] = await db.problems.toArray();
    expect(problem).toMatchObject({
      id: changeIds[0],
      kind: "conflict",
      server_version: 12,
      server_record,
      record: clients[0],
    });
    expect((await db.records("client").get(clients[0]!.id))?.population_group).toBe("partner_pwud");
  });

  it("rejected: the server's reason kept with the change, to fix or discard", async () => {
    const { db, changeIds, api, push } = await setUp();
    api.answerPush({
      results: [
        {
          id: changeIds[0]!,
          status: "rejected",
          code: "invalid_record",
          field: "birth_year",
          message: "Năm sinh không hợp lệ",
        },
      ],
    });
    await push();
    expect(await db.problems.get(changeIds[0]!)).toMatchObject({
      kind: "rejected",
      field: "birth_year",
      message: "Năm sinh không hợp lệ",
    });
  });

  it("a dropped answer leaves the change in place; the retry sends the same change id", async () => {
    const { db, clients, changeIds, api, push } = await setUp(2);
    api.answerPush(new NetworkError("connection reset"));
    await expect(push()).rejects.toBeInstanceOf(NetworkError);
    expect(await db.outbox.toArray()).toMatchObject([
      { id: changeIds[0], status: "pending", attempts: 1 },
      { id: changeIds[1], status: "pending", attempts: 1 },
    ]);
    api.answerPush({
      results: [
        { id: changeIds[0]!, status: "duplicate", version: 5 },
        { id: changeIds[1]!, status: "applied", version: 6 },
      ],
    });
    await push();
    expect(api.pushes[1]!.changes.map((c) => c.id)).toEqual(changeIds);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.records("client").get(clients[1]!.id))?.version).toBe(6);
  });

  it("an answer that leaves a change out keeps that change for the next push", async () => {
    const { db, changeIds, api, push } = await setUp(2);
    api.answerPush({ results: [{ id: changeIds[0]!, status: "applied", version: 9 }] });
    api.answerPush({ results: [] });
    await push();
    // Sent again at once, then left for later when the server still says nothing about it.
    expect(api.pushes.map((p) => p.changes.length)).toEqual([2, 1]);
    expect(await db.outbox.toArray()).toMatchObject([{ id: changeIds[1], attempts: 2 }]);
  });

  it("a send interrupted by a closed tab is released and sent again", async () => {
    const { db, changeIds, api, push } = await setUp();
    await db.outbox.toCollection().modify({ status: "sending" });
    await releaseInterruptedSends(db);
    api.answerPush({ results: [{ id: changeIds[0]!, status: "duplicate", version: 3 }] });
    await push();
    expect(api.pushes[0]!.changes[0]!.id).toBe(changeIds[0]);
    expect(await db.outbox.count()).toBe(0);
  });

  it("sends at most 500 changes per request, in the order they were recorded", async () => {
    const { db, changeIds, api, push } = await setUp(1201);
    api.answerPush(applyAll(1), applyAll(501), applyAll(1001));
    await push();
    expect(api.pushes.map((p) => p.changes.length)).toEqual([500, 500, 201]);
    expect(api.pushes.flatMap((p) => p.changes.map((c) => c.id))).toEqual(changeIds);
    expect(await db.outbox.count()).toBe(0);
  }, 30_000);

  it("413: the server takes fewer at once, so the batch is halved", async () => {
    const { db, api, push } = await setUp(4);
    api.answerPush(new ApiError(413, "payload_too_large", "too large"), applyAll(), applyAll());
    await push();
    expect(api.pushes.map((p) => p.changes.length)).toEqual([4, 2, 2]);
    expect(await db.outbox.count()).toBe(0);
  });

  it("400 for a whole request: the malformed change is found and set aside as a problem", async () => {
    const { db, changeIds, api, push } = await setUp(3);
    const bad = changeIds[1]!;
    const refuseBad = (request: { changes: { id: string }[] }) =>
      request.changes.some((c) => c.id === bad)
        ? new ApiError(400, "invalid_body", "Dữ liệu gửi lên không đúng định dạng")
        : applyAll()(request as never);
    api.answerPush(refuseBad, refuseBad, refuseBad, refuseBad, refuseBad);
    await push();
    expect(await db.outbox.count()).toBe(0);
    expect(await db.problems.toArray()).toMatchObject([
      { id: bad, kind: "rejected", code: "invalid_body" },
    ]);
  });

  it("an update built on an unanswered create waits for its version", async () => {
    const { db, user, clients, changeIds, api, push } = await setUp();
    await db.outbox.toCollection().modify({ attempts: 1 });
    const [update] = await recordChanges(db, user, [
      { type: "client", op: "update", record: { id: clients[0]!.id, population_group: "pwud" } },
    ]);
    api.answerPush({ results: [{ id: changeIds[0]!, status: "duplicate", version: 40 }] });
    api.answerPush({ results: [{ id: update!, status: "applied", version: 41 }] });
    await push();
    expect(api.pushes.map((p) => p.changes.map((c) => [c.op, c.base_version]))).toEqual([
      [["create", null]],
      [["update", 40]],
    ]);
    expect((await db.records("client").get(clients[0]!.id))?.version).toBe(41);
  });

  it("pushes only the signed-in user's changes; another user's wait for them", async () => {
    const { db, api, push } = await setUp(1);
    const other = testUser({ username: "tcv.mai" });
    await recordChanges(db, other, [
      {
        type: "supervision_visit",
        op: "create",
        record: {
          id: newId(),
          site_id: siteId,
          visited_on: "2026-03-01",
          findings: "",
          actions: "",
        },
      },
    ]);
    api.answerPush(applyAll());
    await push();
    expect(api.pushes).toHaveLength(1);
    expect(await db.outbox.toArray()).toMatchObject([{ user_id: other.id, status: "pending" }]);
  });

  it("a retry answered conflict (the first answer was lost) is kept for a person, never dropped", async () => {
    const { db, user, clients, api, push } = await setUp();
    await db.records("client").update(clients[0]!.id, { version: 7 });
    await db.outbox.clear();
    const [edit] = await recordChanges(db, user, [
      { type: "client", op: "update", record: { id: clients[0]!.id, birth_year: 1986 } },
    ]);
    const server_record = { ...clients[0], birth_year: 1984, version: 8 };
    api.answerPush(new NetworkError("answer lost"), {
      results: [{ id: edit!, status: "conflict", version: 8, server_record }],
    });
    await expect(push()).rejects.toBeInstanceOf(NetworkError);
    await push();
    expect(await db.outbox.count()).toBe(0);
    expect(await db.problems.get(edit!)).toMatchObject({ kind: "conflict", server_version: 8 });
    expect((await db.records("client").get(clients[0]!.id))?.birth_year).toBe(1986);

    // "Keep mine" goes on version 8; if that is a conflict again, it is a problem again.
    await resendProblem(db, user, (await db.problems.get(edit!))!, {});
    const [again] = await db.outbox.toArray();
    expect(again).toMatchObject({ base_version: 8 });
    api.answerPush({
      results: [{ id: again!.id, status: "conflict", version: 9, server_record }],
    });
    await push();
    expect(await db.problems.toArray()).toMatchObject([{ id: again!.id, kind: "conflict" }]);
  });

  it("duplicate: the version this change produced becomes the base of the next edit", async () => {
    const { db, user, clients, changeIds, api, push } = await setUp();
    api.answerPush({ results: [{ id: changeIds[0]!, status: "duplicate", version: 40 }] });
    await push();
    await recordChanges(db, user, [
      { type: "client", op: "update", record: { id: clients[0]!.id, population_group: "pwud" } },
    ]);
    expect(await db.outbox.toArray()).toMatchObject([{ op: "update", base_version: 40 }]);
  });

  it("a newer server copy pulled while the change waited replaces the record once it is taken", async () => {
    const { db, clients, changeIds, api, push } = await setUp();
    await applyPulled(db, [
      { type: "client", version: 45, record: { ...clients[0], population_group: "msm" } },
    ]);
    expect((await db.records("client").get(clients[0]!.id))?.population_group).toBe("partner_pwud");
    api.answerPush({ results: [{ id: changeIds[0]!, status: "duplicate", version: 40 }] });
    await push();
    expect(await db.records("client").get(clients[0]!.id)).toMatchObject({
      population_group: "msm",
      version: 45,
    });
  });
});
