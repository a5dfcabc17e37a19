import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { newId } from "../lib/ids.js";
import { oneOfEveryType } from "../test-support/every-record.js";
import { clientRecord, openTestDb, siteId, testUser } from "../test-support/fixtures.js";
import { recordChanges } from "./record-changes.js";

describe("recording a change", () => {
  it("writes the record and its outbox entry together", async () => {
    const db = openTestDb();
    const user = testUser();
    const client = clientRecord({ name: "Lò Thị Hoa" });
    const [changeId] = await recordChanges(db, user, [
      { type: "client", op: "create", record: client },
    ]);
    const row = await db.records("client").get(client.id);
    expect(row).toMatchObject({ uic: "HOTH285", version: null, created_by: user.id });
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({
      id: changeId,
      type: "client",
      op: "create",
      base_version: null,
      status: "pending",
      user_id: user.id,
      recordKey: `client:${client.id}`,
    });
    // The change carries the protocol's fields only, never the device's own.
    expect(entry!.record).toEqual(client);
  });

  it("writes nothing at all when one change of several fails", async () => {
    const db = openTestDb();
    const user = testUser();
    const client = clientRecord();
    const contact = {
      id: newId(),
      site_id: siteId,
      client_id: client.id,
      contact_date: "2026-03-02",
      commune_id: null,
      topics: ["condom_use"],
    };
    await expect(
      recordChanges(db, user, [
        { type: "client", op: "create", record: client },
        { type: "contact", op: "create", record: contact },
        // An update of a record this device never had: the whole transaction fails.
        { type: "referral", op: "update", record: { id: newId(), arrived_on: "2026-03-03" } },
      ]),
    ).rejects.toThrow(/not on this device/);
    expect(await db.records("client").count()).toBe(0);
    expect(await db.records("contact").count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it("folds an edit into a change never sent, and keeps a sent one as it was", async () => {
    const db = openTestDb();
    const user = testUser();
    const referral = {
      id: newId(),
      site_id: siteId,
      client_id: newId(),
      service: "hiv_test",
      facility: "",
      referred_on: "2026-03-02",
      arrived_on: null,
      result: null,
      result_on: null,
    };
    const [created] = await recordChanges(db, user, [
      { type: "referral", op: "create", record: referral },
    ]);
    await recordChanges(db, user, [
      { type: "referral", op: "update", record: { id: referral.id, arrived_on: "2026-03-04" } },
    ]);
    let entries = await db.outbox.toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ id: created, op: "create" });
    expect(entries[0]!.record.arrived_on).toBe("2026-03-04");

    // Once sent (even without an answer), the create may be on the server: a new change follows.
    await db.outbox.update(entries[0]!.seq!, { attempts: 1 });
    await recordChanges(db, user, [
      { type: "referral", op: "update", record: { id: referral.id, result: "negative" } },
    ]);
    entries = await db.outbox.toArray();
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({ op: "update", base_after: created, base_version: null });
    expect(entries[1]!.record).toMatchObject({ arrived_on: "2026-03-04", result: "negative" });
    expect(entries[1]!.before).toMatchObject({ arrived_on: "2026-03-04", result: null });
  });

  it("bases an update on the version the device last saw", async () => {
    const db = openTestDb();
    const user = testUser();
    const client = clientRecord();
    await db.records("client").put({ ...client, version: 41 } as never);
    await recordChanges(db, user, [
      { type: "client", op: "update", record: { id: client.id, population_group: "pwud" } },
    ]);
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({ op: "update", base_version: 41, base_after: null });
    expect(entry!.record).not.toHaveProperty("version");
  });

  it("voids a record: kept, marked, and sent as { id, void_reason }", async () => {
    const db = openTestDb();
    const user = testUser();
    const client = clientRecord();
    await db.records("client").put({ ...client, version: 7 } as never);
    await recordChanges(db, user, [
      { type: "client", op: "void", record: { id: client.id, void_reason: "trùng" } },
    ]);
    expect((await db.records("client").get(client.id))?.void_reason).toBe("trùng");
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({ op: "void", base_version: 7 });
    expect(entry!.record).toEqual({ id: client.id, void_reason: "trùng" });
  });
});

describe("what a change carries to the server", () => {
  const places = {
    siteId,
    projectId: newId(),
    communeId: newId(),
    participants: [newId(), newId()],
  };

  it("every type: the record as the screen made it, no field rewritten or left out", async () => {
    const db = openTestDb();
    const user = testUser({ role: "site_coordinator" });
    const changes = oneOfEveryType(places);
    await recordChanges(db, user, changes);
    const sent = await db.outbox.toArray();
    expect(sent.map((entry) => [entry.type, entry.record])).toEqual(
      changes.map((change) => [change.type, change.record]),
    );
  });

  it("a training participant keeps the staff member ticked, not the person recording", async () => {
    const db = openTestDb();
    const user = testUser({ role: "site_coordinator" });
    const participant = oneOfEveryType(places).find((c) => c.type === "training_participant")!;
    await recordChanges(db, user, [participant]);
    expect((await db.outbox.toArray())[0]!.record.staff_id).toBe(places.participants[0]);
    expect((await db.records("training_participant").get(participant.record.id))?.staff_id).toBe(
      places.participants[0],
    );
  });

  it("the person recording goes where the server puts them: contact staff, session facilitator", async () => {
    const db = openTestDb();
    const user = testUser({ role: "site_coordinator" });
    const changes = oneOfEveryType(places);
    await recordChanges(db, user, changes);
    const of = (type: string) => changes.find((c) => c.type === type)!.record.id;
    expect(await db.anyRecords("contact").get(of("contact"))).toMatchObject({
      staff_id: user.staffId,
      created_by: user.id,
    });
    const session = await db.anyRecords("group_session").get(of("group_session"));
    expect(session).toMatchObject({ facilitator_id: user.staffId });
    expect(session).not.toHaveProperty("staff_id");
    expect(await db.anyRecords("referral").get(of("referral"))).toMatchObject({
      referred_by: user.staffId,
    });
    expect(await db.anyRecords("supervision_visit").get(of("supervision_visit"))).toMatchObject({
      supervisor_id: user.staffId,
    });
  });

  it("an edit of a pulled record sends the protocol's fields, never the server's own columns", async () => {
    const db = openTestDb();
    const user = testUser();
    const pulled = {
      ...oneOfEveryType(places).find((c) => c.type === "referral")!.record,
      version: 12,
      created_at: "2026-03-02T03:00:00.000Z",
      updated_at: "2026-03-02T03:00:00.000Z",
      created_by: user.id,
      referred_by: user.staffId,
      voided_at: null,
      void_reason: null,
    };
    await db.anyRecords("referral").put(pulled);
    await recordChanges(db, user, [
      { type: "referral", op: "update", record: { id: pulled.id, arrived_on: "2026-03-04" } },
    ]);
    const [entry] = await db.outbox.toArray();
    expect(Object.keys(entry!.record).sort()).toEqual(
      [
        "id",
        "site_id",
        "client_id",
        "service",
        "facility",
        "referred_on",
        "arrived_on",
        "result",
        "result_on",
      ].sort(),
    );
    expect(entry!.record).toMatchObject({ facility: "TTYT Tuần Giáo", arrived_on: "2026-03-04" });
  });
});
