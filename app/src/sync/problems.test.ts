import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { recordChanges } from "../db/record-changes.js";
import { newId } from "../lib/ids.js";
import { oneOfEveryType } from "../test-support/every-record.js";
import { clientRecord, openTestDb, siteId, testUser } from "../test-support/fixtures.js";
import { scriptedApi } from "../test-support/scripted-api.js";
import {
  dependantsOf,
  discardProblem,
  groupProblems,
  resendProblem,
  takeServerCopy,
} from "./problems.js";
import { applyPulled } from "./pull.js";
import { pushOutbox } from "./push.js";

async function withProblem(status: "conflict" | "rejected", op: "create" | "update" = "create") {
  const db = openTestDb();
  const user = testUser();
  const client = clientRecord();
  if (op === "update") await db.records("client").put({ ...client, version: 4 } as never);
  const [changeId] = await recordChanges(db, user, [
    op === "create"
      ? { type: "client", op, record: client }
      : { type: "client", op, record: { id: client.id, birth_year: 1986 } },
  ]);
  const api = scriptedApi();
  api.answerPush({
    results: [
      status === "conflict"
        ? {
            id: changeId!,
            status,
            version: 9,
            server_record: { ...client, birth_year: 1984, version: 9 },
          }
        : { id: changeId!, status, code: "uic_taken", field: "uic", message: "Mã UIC này đã có" },
    ],
  });
  await pushOutbox(db, api, { userId: user.id, deviceId: "d" });
  const problem = (await db.problems.get(changeId!))!;
  return { db, user, client, problem };
}

describe("resolving problems", () => {
  it("a refused client, fixed: sent again as a new create with the fixed code", async () => {
    const { db, user, client, problem } = await withProblem("rejected");
    const changeId = await resendProblem(db, user, problem, { uic: "HOTN285" });
    expect(changeId).not.toBe(problem.id);
    expect(await db.problems.count()).toBe(0);
    expect(await db.outbox.toArray()).toMatchObject([
      { id: changeId, op: "create", base_version: null, record: { id: client.id, uic: "HOTN285" } },
    ]);
    expect((await db.records("client").get(client.id))?.uic).toBe("HOTN285");
  });

  it("a conflict, keeping mine: an update based on the server's version", async () => {
    const { db, user, client, problem } = await withProblem("conflict", "update");
    await resendProblem(db, user, problem, {});
    expect(await db.outbox.toArray()).toMatchObject([
      { op: "update", base_version: 9, record: { id: client.id, birth_year: 1986 } },
    ]);
  });

  it("a conflict, taking the server's copy: the device's copy gives way", async () => {
    const { db, client, problem } = await withProblem("conflict", "update");
    await takeServerCopy(db, problem);
    expect(await db.records("client").get(client.id)).toMatchObject({
      birth_year: 1984,
      version: 9,
    });
    expect(await db.problems.count()).toBe(0);
  });

  it("discarding a refused create removes the record the server never had", async () => {
    const { db, client, problem } = await withProblem("rejected");
    await discardProblem(db, problem);
    expect(await db.records("client").get(client.id)).toBeUndefined();
  });

  it("discarding a refused update puts the record back as it was", async () => {
    const { db, client, problem } = await withProblem("rejected", "update");
    await discardProblem(db, problem);
    expect(await db.records("client").get(client.id)).toMatchObject({
      birth_year: 1985,
      version: 4,
    });
  });
});

describe("a refused create and the changes that point at its record", () => {
  async function refusedClientWithItsRecords() {
    const db = openTestDb();
    const user = testUser();
    const changes = oneOfEveryType({
      siteId,
      projectId: newId(),
      communeId: null,
      participants: [newId()],
    }).filter((c) => ["client", "contact", "commodity_distribution", "referral"].includes(c.type));
    const ids = await recordChanges(db, user, changes);
    const client = changes[0]!.record;
    // As the server answers: the client's code is taken; the rest point at a client it lacks
    // (the distribution at both the client and the contact: the client is named first).
    const api = scriptedApi();
    api.answerPush({
      results: ids.map((id, i) =>
        i === 0
          ? { id, status: "rejected", code: "uic_taken", field: "uic", message: "Mã đã có" }
          : {
              id,
              status: "rejected",
              code: "missing_reference",
              field: "client_id",
              message: "Không có bản ghi liên quan",
            },
      ),
    });
    await pushOutbox(db, api, { userId: user.id, deviceId: "d" });
    const problem = (await db.problems.get(ids[0]!))!;
    return { db, user, changes, client, problem };
  }

  it("fixing the client sends its contact, condoms and referral again after it", async () => {
    const { db, user, changes, client, problem } = await refusedClientWithItsRecords();
    expect(await dependantsOf(db, problem)).toHaveLength(3);
    await resendProblem(db, user, problem, { uic: "NGVB285" });
    expect(await db.problems.count()).toBe(0);
    const queued = await db.outbox.orderBy("seq").toArray();
    expect(queued.map((e) => [e.type, e.record.id])).toEqual(
      changes.map((c) => [c.type, c.record.id]),
    );
    expect(queued[0]!.record).toMatchObject({ id: client.id, uic: "NGVB285" });
    expect(queued[1]!.record).toEqual(changes[1]!.record);
  });

  it("discarding the client drops the records that cannot exist without it", async () => {
    const { db, changes, problem } = await refusedClientWithItsRecords();
    await discardProblem(db, problem);
    expect(await db.problems.count()).toBe(0);
    for (const change of changes)
      expect(await db.anyRecords(change.type).get(change.record.id)).toBeUndefined();
  });

  it("a refusal of its own is not a dependant: it stays for the person", async () => {
    const { db, problem } = await refusedClientWithItsRecords();
    const [, contact] = await db.problems.orderBy("seq").toArray();
    await db.problems.update(contact!.id, { code: "future_date", field: "contact_date" });
    expect((await dependantsOf(db, problem)).map((p) => p.type)).toEqual([
      "commodity_distribution",
      "referral",
    ]);
    expect((await groupProblems(db, problem.user_id)).map((g) => g.problem.type)).toEqual([
      "client",
      "contact",
    ]);
  });
});

describe("the server's copy pulled while a change waits", () => {
  it("discarding a refused edit of a record voided meanwhile puts back the server's copy", async () => {
    const db = openTestDb();
    const user = testUser();
    const client = clientRecord();
    await db.records("client").put({ ...client, version: 4 } as never);
    const [changeId] = await recordChanges(db, user, [
      { type: "client", op: "update", record: { id: client.id, birth_year: 1986 } },
    ]);
    // The pull of the void arrives while the edit waits: the person's row stays as they left it.
    await applyPulled(db, [
      {
        type: "client",
        version: 6,
        record: { ...client, voided_at: "2026-03-03T01:00:00.000Z", void_reason: "trùng" },
      },
    ]);
    expect((await db.records("client").get(client.id))?.birth_year).toBe(1986);
    const api = scriptedApi();
    api.answerPush({
      results: [
        { id: changeId!, status: "rejected", code: "voided", message: "Bản ghi đã bị hủy" },
      ],
    });
    await pushOutbox(db, api, { userId: user.id, deviceId: "d" });
    await discardProblem(db, (await db.problems.get(changeId!))!);
    expect(await db.records("client").get(client.id)).toMatchObject({
      birth_year: 1985,
      voided_at: "2026-03-03T01:00:00.000Z",
      version: 6,
    });
  });
});
