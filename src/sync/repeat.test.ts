// A change sent again — its answer lost, the app reloaded — gets the answer it first got
// (docs/api.md, "Sending a change again"): a conflict stays a conflict, a duplicate carries the
// version that change produced; and an edit of a voided record is refused.
import { beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/policy.js";
import type { Database } from "../db/connection.js";
import { newId } from "../lib/ids.js";
import { translator } from "../messages.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture, type ProjectFixture } from "../test-support/fixtures.js";
import { pushFromNewDevice } from "../test-support/push.js";
import { insertUser } from "../test-support/users.js";
import type { TPushRequest } from "./protocol.js";

let database: Database;
let f: ProjectFixture;
let worker: SessionUser;
let coordinator: SessionUser;

type Change = TPushRequest["changes"][number];
const push = (user: SessionUser, changes: Change[]) =>
  pushFromNewDevice(database.db, user, changes);

let referral: Record<string, unknown>;
let base: number;

beforeEach(async () => {
  database = await openTestDatabase();
  f = await insertProjectFixture(database.db);
  worker = await insertUser(database.db, "outreach_worker", { siteIds: [f.siteA.id] });
  coordinator = await insertUser(database.db, "site_coordinator", { siteIds: [f.siteA.id] });
  const client = {
    id: newId(),
    site_id: f.siteA.id,
    uic: "HOTH285",
    sex: "female",
    birth_year: 1985,
    population_group: "partner_pwud",
    registered_on: "2026-11-01",
  };
  referral = {
    id: newId(),
    site_id: f.siteA.id,
    client_id: client.id,
    service: "hiv_test",
    facility: "TTYT",
    referred_on: "2026-11-02",
  };
  const made = await push(worker, [
    { id: newId(), type: "client", op: "create", record: client, base_version: null },
    { id: newId(), type: "referral", op: "create", record: referral, base_version: null },
  ]);
  base = made[1]!.version!;
  return () => database.close();
});

const edit = (fields: Record<string, unknown>, baseVersion: number): Change => ({
  id: newId(),
  type: "referral",
  op: "update",
  record: { ...referral, ...fields },
  base_version: baseVersion,
});
const facility = async () =>
  (
    await database.db
      .selectFrom("referrals")
      .select("facility")
      .where("id", "=", referral.id as string)
      .executeTakeFirstOrThrow()
  ).facility;

describe("a change sent again", () => {
  it("that conflicted is a conflict again, with the server's current copy, and is never applied", async () => {
    const [theirs] = await push(coordinator, [edit({ facility: "Bệnh viện tỉnh" }, base)]);
    const mine = edit({ facility: "TTYT huyện" }, base);
    const [first] = await push(worker, [mine]);
    expect(first).toMatchObject({ status: "conflict", version: theirs!.version });
    // The answer was lost: the app sends it again, twice, in two orders with other work.
    const [again] = await push(worker, [mine]);
    expect(again).toEqual(first);
    const [, inBatch, thenAgain] = await push(worker, [edit({ facility: "x" }, 1), mine, mine]);
    expect([inBatch, thenAgain]).toEqual([first, first]);
    expect(await facility()).toBe("Bệnh viện tỉnh");
  });

  it("that conflicted shows neither copy nor version once its pusher may no longer read the record", async () => {
    await push(coordinator, [edit({ facility: "Bệnh viện tỉnh" }, base)]);
    const mine = edit({ facility: "TTYT huyện" }, base);
    expect((await push(worker, [mine]))[0]!.status).toBe("conflict");
    // Moved to site B: the client and the referral of site A are out of the worker's sight.
    const moved = { ...worker, siteIds: [f.siteB.id] };
    expect(await push(moved, [mine])).toEqual([{ id: mine.id, status: "conflict" }]);
  });

  it("that was applied is a duplicate carrying the version it produced, not a later one", async () => {
    const mine = edit({ facility: "TTYT huyện" }, base);
    const [applied] = await push(worker, [mine]);
    expect(applied!.status).toBe("applied");
    const [theirs] = await push(coordinator, [
      edit({ facility: "Bệnh viện tỉnh" }, applied!.version!),
    ]);
    expect(theirs!.version).toBeGreaterThan(applied!.version!);
    // The worker's answer was lost; sent again it says what the worker's change did.
    const [again] = await push(worker, [mine]);
    expect(again).toEqual({ id: mine.id, status: "duplicate", version: applied!.version });
    // So the worker's next edit, built on that version, meets the coordinator's as a conflict.
    const [next] = await push(worker, [edit({ facility: "Trạm y tế xã" }, again!.version!)]);
    expect(next).toMatchObject({
      status: "conflict",
      server_record: { facility: "Bệnh viện tỉnh" },
    });
    expect(await facility()).toBe("Bệnh viện tỉnh");
  });

  it("within its own batch is answered duplicate with the first copy's version", async () => {
    const client = {
      id: newId(),
      site_id: f.siteA.id,
      uic: "LATH190",
      sex: "male",
      birth_year: 1990,
      population_group: "partner_pwud",
      registered_on: "2026-11-01",
    };
    const change: Change = {
      id: newId(),
      type: "client",
      op: "create",
      record: client,
      base_version: null,
    };
    const [first, second] = await push(worker, [change, change]);
    expect(first).toMatchObject({ status: "applied" });
    expect(second).toEqual({ id: change.id, status: "duplicate", version: first!.version });
  });

  it("that created a record the server already had, with the same content, stays a duplicate of that version", async () => {
    // Two phones of the worker send the same new record under two change ids.
    const contact = {
      id: newId(),
      site_id: f.siteA.id,
      client_id: referral.client_id,
      contact_date: "2026-11-03",
      commune_id: f.siteA.communes[0],
      topics: [],
    };
    const create = (): Change => ({
      id: newId(),
      type: "contact",
      op: "create",
      record: contact,
      base_version: null,
    });
    const [made] = await push(worker, [create()]);
    const second = create();
    const [same] = await push(worker, [second]);
    expect(same).toEqual({ id: second.id, status: "duplicate", version: made!.version });
    await push(coordinator, [
      {
        id: newId(),
        type: "contact",
        op: "update",
        record: { ...contact, topics: ["hiv_testing"] },
        base_version: made!.version!,
      },
    ]);
    expect(await push(worker, [second])).toEqual([same]);
  });
});

describe("an edit of a voided record", () => {
  it("is refused with record_voided, an update as a void, whatever its base version", async () => {
    const [voided] = await push(coordinator, [
      {
        id: newId(),
        type: "referral",
        op: "void",
        record: { id: referral.id, void_reason: "registered twice" },
        base_version: base,
      },
    ]);
    expect(voided!.status).toBe("applied");
    for (const baseVersion of [base, voided!.version!]) {
      const [update, again] = await push(worker, [
        edit({ facility: "TTYT huyện" }, baseVersion),
        {
          id: newId(),
          type: "referral",
          op: "void",
          record: { id: referral.id, void_reason: "voiding it too" },
          base_version: baseVersion,
        },
      ]);
      for (const answer of [update, again])
        expect(answer).toMatchObject({ status: "rejected", code: "record_voided", field: "id" });
    }
    expect(await facility()).toBe("TTYT");
  });

  it("is explained in Vietnamese and English", () => {
    expect(translator("vi").t("sync.reason.record_voided")).toMatch(/đã bị hủy/);
    expect(translator("en").t("sync.reason.record_voided")).toMatch(/was voided/);
  });
});
