import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/policy.js";
import type { Database } from "../db/connection.js";
import { newId } from "../lib/ids.js";
import { openClientDetails } from "../people/details.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture, type ProjectFixture } from "../test-support/fixtures.js";
import { testPushOptions } from "../test-support/push.js";
import { insertUser } from "../test-support/users.js";
import type { TPushRequest } from "./protocol.js";
import { pushChanges } from "./push.js";

let database: Database;
let f: ProjectFixture;
let worker: SessionUser;
let coordinator: SessionUser;
let supervisor: SessionUser;
const device = newId();

beforeEach(async () => {
  database = await openTestDatabase();
  f = await insertProjectFixture(database.db);
  worker = await insertUser(database.db, "outreach_worker", {
    siteIds: [f.siteA.id],
    staffId: f.staffA,
  });
  coordinator = await insertUser(database.db, "site_coordinator", { siteIds: [f.siteA.id] });
  supervisor = await insertUser(database.db, "supervisor", { siteIds: [f.siteA.id] });
});
afterEach(async () => database.close());

const push = (user: SessionUser, changes: TPushRequest["changes"]) =>
  pushChanges(database.db, user, { device_id: device, changes }, testPushOptions);

let uicCounter = 100;
function client(overrides: Record<string, unknown> = {}) {
  uicCounter += 1;
  return {
    id: newId(),
    site_id: f.siteA.id,
    uic: `HOTH2${uicCounter}`,
    sex: "female",
    birth_year: 1986,
    population_group: "partner_pwud",
    registered_on: "2026-11-20",
    ...overrides,
  };
}
const create = (type: string, record: Record<string, unknown>) => ({
  id: newId(),
  type,
  op: "create",
  record,
  base_version: null,
});
const contact = (clientId: string, overrides: Record<string, unknown> = {}) => ({
  id: newId(),
  site_id: f.siteA.id,
  client_id: clientId,
  contact_date: "2026-11-21",
  commune_id: f.siteA.communes[0],
  topics: ["condom_use"],
  ...overrides,
});

describe("push", () => {
  it("applies new records, including ones that point at records earlier in the batch", async () => {
    const c = client();
    const { results } = await push(worker, [create("client", c), create("contact", contact(c.id))]);
    expect(results.map((r) => r.status)).toEqual(["applied", "applied"]);
    expect(results[1]!.version).toBeGreaterThan(results[0]!.version!);
    const row = await database.db.selectFrom("contacts").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      client_id: c.id,
      created_by: worker.id,
      staff_id: f.staffA,
      contact_date: "2026-11-21",
    });
  });

  it("answers a repeated batch with duplicate for every change and changes nothing", async () => {
    const c = client();
    const batch = [create("client", c), create("contact", contact(c.id))];
    const first = await push(worker, batch);
    const again = await push(worker, batch);
    expect(again.results.map((r) => r.status)).toEqual(["duplicate", "duplicate"]);
    expect(again.results.map((r) => r.version)).toEqual(first.results.map((r) => r.version));
    const counts = await database.db
      .selectFrom("contacts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(counts.n)).toBe(1);
  });

  it("applies the valid changes of a batch and rejects the others, each with its reason", async () => {
    const c = client();
    const results = (
      await push(worker, [
        create("client", c),
        create("client", client({ birth_year: 1850 })),
        create("spaceship", { id: newId() }),
        create("contact", contact(newId())),
        create("client", client({ site_id: f.siteB.id })),
        create("training", {
          id: newId(),
          project_id: f.projectId,
          kind: "initial",
          title: "x",
          starts_on: "2026-11-01",
          ends_on: "2026-11-02",
        }),
        create("contact", contact(c.id, { contact_date: "2027-01-01" })),
        { id: newId(), type: "contact", op: "explode", record: {}, base_version: null },
        create("contact", contact(c.id)),
      ])
    ).results;
    expect(results.map((r) => r.status)).toEqual([
      "applied",
      "rejected",
      "rejected",
      "rejected",
      "rejected",
      "rejected",
      "rejected",
      "rejected",
      "applied",
    ]);
    expect(results.map((r) => r.message)).toEqual([
      undefined,
      "invalid_field:birth_year",
      "unknown_type:type",
      "missing_reference:client_id",
      "outside_scope:site_id",
      "outside_scope:site_id",
      "future_date:contact_date",
      "invalid_change:op",
      undefined,
    ]);
  });

  it("refuses a UIC that a live client already has, and one change id reused for other content", async () => {
    const c = client();
    const first = create("client", c);
    await push(worker, [first]);
    const twin = await push(worker, [create("client", client({ uic: c.uic }))]);
    // Nothing of the other client: only the change's id and why.
    expect(twin.results[0]).toEqual({
      id: expect.any(String),
      status: "rejected",
      code: "uic_taken",
      field: "uic",
      message: "uic_taken:uic",
    });
    const reused = await push(worker, [{ ...first, record: { ...c, birth_year: 1990 } }]);
    expect(reused.results[0]).toMatchObject({ status: "rejected", code: "change_reused" });
  });

  it("answers conflict with the server's copy when the record changed since the device saw it", async () => {
    const r = { id: newId(), site_id: f.siteA.id, service: "hiv_test", referred_on: "2026-11-01" };
    const c = client();
    const created = await push(worker, [
      create("client", c),
      create("referral", { ...r, client_id: c.id }),
    ]);
    const base = created.results[1]!.version!;
    const arrived = { ...r, client_id: c.id, arrived_on: "2026-11-03", result: "negative" };
    const update = await push(coordinator, [
      { id: newId(), type: "referral", op: "update", record: arrived, base_version: base },
    ]);
    expect(update.results[0]).toMatchObject({ status: "applied" });
    const stale = await push(worker, [
      {
        id: newId(),
        type: "referral",
        op: "update",
        record: { ...arrived, arrived_on: "2026-11-04" },
        base_version: base,
      },
    ]);
    expect(stale.results[0]!.status).toBe("conflict");
    expect(stale.results[0]!.server_record).toMatchObject({
      id: r.id,
      arrived_on: "2026-11-03",
      result: "negative",
      result_on: "2026-11-03",
    });
  });

  it("voids a record with a reason, and lets only its author among outreach workers change it", async () => {
    const c = client();
    const made = await push(worker, [create("client", c), create("contact", contact(c.id))]);
    const contactId = (
      await database.db.selectFrom("contacts").select("id").executeTakeFirstOrThrow()
    ).id;
    const otherWorker = await insertUser(database.db, "outreach_worker", { siteIds: [f.siteA.id] });
    const voidChange = {
      id: newId(),
      type: "contact",
      op: "void",
      record: { id: contactId, void_reason: "entered twice" },
      base_version: made.results[1]!.version!,
    };
    // Another worker and a supervisor may not read it: for them it does not exist.
    expect((await push(otherWorker, [voidChange])).results[0]).toMatchObject({
      status: "rejected",
      code: "not_found",
    });
    expect((await push(supervisor, [{ ...voidChange, id: newId() }])).results[0]).toMatchObject({
      status: "rejected",
      code: "not_found",
    });
    // A contact the coordinator made with the worker's client: the worker reads it, may not change it.
    const coordinators = contact(c.id);
    const theirs = await push(coordinator, [create("contact", coordinators)]);
    expect(
      (
        await push(worker, [
          {
            id: newId(),
            type: "contact",
            op: "void",
            record: { id: coordinators.id, void_reason: "not mine" },
            base_version: theirs.results[0]!.version!,
          },
        ])
      ).results[0],
    ).toMatchObject({ status: "rejected", code: "outside_scope" });
    expect((await push(worker, [{ ...voidChange, id: newId() }])).results[0]!.status).toBe(
      "applied",
    );
    const row = await database.db
      .selectFrom("contacts")
      .selectAll()
      .where("id", "=", contactId)
      .executeTakeFirstOrThrow();
    expect(row.void_reason).toBe("entered twice");
  });

  it("stores a client's optional name and phone only encrypted", async () => {
    const c = client({ name: "Lò Thị Hoà", phone: "0912 345 678" });
    await push(worker, [create("client", c)]);
    const row = await database.db
      .selectFrom("clients")
      .selectAll()
      .where("id", "=", c.id)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(row.name_encrypted!).toString("utf8")).not.toContain("Hoà");
    expect(openClientDetails(testPushOptions.clientDetailsKey, c.id, row)).toEqual({
      name: "Lò Thị Hoà",
      phone: "0912 345 678",
    });
  });

  it("rejects alone a change only the database refuses, and applies the rest", async () => {
    const c = client();
    const bad = {
      id: newId(),
      site_id: f.siteA.id,
      client_id: c.id,
      service: "hiv_test",
      referred_on: "2026-11-01",
      arrived_on: "2026-11-05",
      result: "negative",
      result_on: "2026-11-02",
    };
    const { results } = await push(worker, [
      create("client", c),
      create("referral", bad),
      create("contact", contact(c.id)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["applied", "rejected", "applied"]);
    expect(results[1]!.code).toBe("database_refused");
  });

  it("answers 413 for more than 500 changes", async () => {
    const many = Array.from({ length: 501 }, () => create("client", client()));
    await expect(push(worker, many)).rejects.toMatchObject({ code: "payload_too_large" });
  });
});

describe("a UIC is unique per site", () => {
  it("accepts the same UIC at another site, and refuses it again at either site", async () => {
    const officer = await insertUser(database.db, "programme_officer");
    const atA = client();
    expect((await push(worker, [create("client", atA)])).results[0]!.status).toBe("applied");
    const atB = client({ uic: atA.uic, site_id: f.siteB.id });
    expect((await push(officer, [create("client", atB)])).results[0]!.status).toBe("applied");
    const again = await push(officer, [
      create("client", client({ uic: atA.uic })),
      create("client", client({ uic: atA.uic, site_id: f.siteB.id })),
    ]);
    expect(again.results.map((r) => r.code)).toEqual(["uic_taken", "uic_taken"]);
  });

  it("frees a code at its site when its client is voided or recoded earlier in the batch", async () => {
    const first = client();
    const second = client();
    const made = await push(worker, [create("client", first), create("client", second)]);
    const { results } = await push(worker, [
      {
        id: newId(),
        type: "client",
        op: "void",
        record: { id: first.id, void_reason: "registered twice" },
        base_version: made.results[0]!.version!,
      },
      create("client", client({ uic: first.uic })),
      {
        id: newId(),
        type: "client",
        op: "update",
        record: { ...second, uic: "RECODED285" },
        base_version: made.results[1]!.version!,
      },
      create("client", client({ uic: second.uic })),
    ]);
    expect(results.map((r) => r.status)).toEqual(["applied", "applied", "applied", "applied"]);
  });
});

describe("push, found by the convergence property", () => {
  it("does not answer duplicate for a repeat of a change that was refused earlier in the batch", async () => {
    const c = client();
    const child = create("contact", contact(c.id));
    const { results } = await push(worker, [child, child, create("client", c)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "applied"]);
    expect((await push(worker, [child])).results[0]!.status).toBe("applied");
  });
});
