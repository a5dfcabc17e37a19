import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { recordChanges } from "../db/record-changes.js";
import { clientRecord, openTestDb, testUser } from "../test-support/fixtures.js";
import { scriptedApi } from "../test-support/scripted-api.js";
import { discardProblem, resendProblem, takeServerCopy } from "./problems.js";
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
