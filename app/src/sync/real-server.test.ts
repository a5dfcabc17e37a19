// The sync engine against the real server (src/sync, src/auth): log-in, push, pull, retries after
// a lost answer, conflicts, refusals in the user's language, sign-out. The recorded-answer tests
// (push.test.ts) walk the state machine step by step; these prove it speaks the server's language.
import "fake-indexeddb/auto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../../src/auth/policy.js";
import { recordConfigs } from "../../../src/sync/records.js";
import type { PeerlinkDb } from "../db/database.js";
import { getMeta, setMeta } from "../db/meta.js";
import { recordChanges } from "../db/record-changes.js";
import { newId } from "../lib/ids.js";
import { oneOfEveryType } from "../test-support/every-record.js";
import { clientRecord, openTestDb } from "../test-support/fixtures.js";
import {
  cookieFetch,
  password,
  type RealServer,
  startRealServer,
} from "../test-support/real-server.js";
import { type Api, createApi } from "./api.js";
import { SyncEngine } from "./engine.js";

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer();
});
afterAll(async () => {
  await server?.close();
});

interface Device {
  db: PeerlinkDb;
  api: Api;
  engine: SyncEngine;
  user: SessionUser;
  signIn(): Promise<void>;
}

/**
 * A phone: its own IndexedDB and cookie jar, signed in as `account` through the real log-in.
 * `wrap` stands between the engine and the network (to lose an answer, say).
 */
async function device(
  account: SessionUser,
  options: { locale?: "vi" | "en"; wrap?: (f: typeof fetch) => typeof fetch } = {},
): Promise<Device> {
  const db = openTestDb();
  const jar = cookieFetch();
  let csrf: string | undefined;
  const apiOver = (f: typeof fetch) =>
    createApi({
      baseUrl: server.url,
      fetch: f,
      csrfToken: () => csrf,
      locale: () => options.locale ?? "vi",
    });
  const signIn = async () => {
    const session = await apiOver(jar).login(account.username, password);
    csrf = session.csrf_token;
    await setMeta(db, "session", { ...session, valid: true, unlocked: true });
  };
  await signIn();
  const api = apiOver(options.wrap ? options.wrap(jar) : jar);
  const engine = new SyncEngine({ db, api, setTimer: () => 0, clearTimer: () => {} });
  const user = (await getMeta(db, "session"))!.user;
  return { db, api, engine, user, signIn };
}

function client(overrides: Record<string, unknown> = {}) {
  return clientRecord({
    site_id: server.fixture.siteA.id,
    registered_on: "2026-03-02",
    ...overrides,
  });
}

describe("the sync engine against the real server", () => {
  it("logs in, pushes a client with a contact and condoms, and a second phone pulls them", async () => {
    const worker = await server.addUser("outreach_worker");
    const phone = await device(worker);
    expect(phone.user).toMatchObject({ id: worker.id, role: "outreach_worker" });
    const c = client({ uic: "HOTH285", name: "Lò Thị Hoa" });
    const contactId = newId();
    await recordChanges(phone.db, phone.user, [
      { type: "client", op: "create", record: c },
      {
        type: "contact",
        op: "create",
        record: {
          id: contactId,
          site_id: c.site_id,
          client_id: c.id,
          contact_date: "2026-03-02",
          commune_id: server.fixture.siteA.communes[0],
          topics: ["condom_use", "hiv_testing"],
        },
      },
      {
        type: "commodity_distribution",
        op: "create",
        record: {
          id: newId(),
          site_id: c.site_id,
          item: "condom",
          quantity: 10,
          distributed_on: "2026-03-02",
          client_id: c.id,
          contact_id: contactId,
          group_session_id: null,
        },
      },
    ]);
    const outcome = await phone.engine.sync();
    expect(outcome).toMatchObject({ kind: "done", pushed: { sent: 3, applied: 3, problems: 0 } });
    expect(await phone.db.outbox.count()).toBe(0);
    expect((await phone.db.records("client").get(c.id))?.version).toBeGreaterThan(0);
    // The pulled copy replaces the local one: the name stays encrypted on the server.
    expect(await phone.db.records("client").get(c.id)).not.toHaveProperty("name");
    expect((await getMeta(phone.db, "reference"))?.sites.map((s) => s.id)).toEqual([
      server.fixture.siteA.id,
    ]);

    const second = await device(worker);
    await second.engine.sync();
    expect(await second.db.records("contact").get(contactId)).toMatchObject({
      client_id: c.id,
      topics: ["condom_use", "hiv_testing"],
    });
    expect(await second.db.records("commodity_distribution").count()).toBe(1);
  });

  it("one record of every type reaches the server as recorded, participants included", async () => {
    const coordinator = await server.addUser("site_coordinator");
    const phone = await device(coordinator);
    const { fixture } = server;
    const changes = oneOfEveryType({
      siteId: fixture.siteA.id,
      projectId: fixture.projectId,
      communeId: fixture.siteA.communes[0]!,
      // The coordinator takes part, and so does a colleague: neither is rewritten.
      participants: [fixture.staffA, fixture.staffB],
    });
    await recordChanges(phone.db, phone.user, changes);
    expect(await phone.engine.sync()).toMatchObject({
      kind: "done",
      pushed: { applied: changes.length, problems: 0 },
    });
    expect(await phone.db.problems.count()).toBe(0);
    const { db } = server.database;
    for (const change of changes) {
      const table = recordConfigs[change.type].table;
      const row = await db
        .selectFrom(table)
        .selectAll()
        .where("id", "=", change.record.id)
        .executeTakeFirst();
      expect(row, change.type).toBeDefined();
      const { name, phone: phoneNumber, ...fields } = change.record;
      expect(row, change.type).toMatchObject(fields);
      if (name) expect((row as { name_encrypted: unknown }).name_encrypted).not.toBeNull();
      if (phoneNumber) expect((row as { phone_encrypted: unknown }).phone_encrypted).not.toBeNull();
    }
    const trained = await db
      .selectFrom("training_participants")
      .select("staff_id")
      .where(
        "training_id",
        "in",
        changes.filter((c) => c.type === "training").map((c) => c.record.id),
      )
      .execute();
    expect(trained.map((p) => p.staff_id).sort()).toEqual(
      [fixture.staffA, fixture.staffB, fixture.staffB].sort(),
    );

    // The referral's outcome, recorded later on the pulled copy, reaches the server too.
    const referral = changes.find((c) => c.type === "referral")!.record;
    await recordChanges(phone.db, phone.user, [
      {
        type: "referral",
        op: "update",
        record: {
          id: referral.id,
          arrived_on: "2026-03-04",
          result: "negative",
          result_on: "2026-03-04",
        },
      },
    ]);
    expect(await phone.engine.sync()).toMatchObject({ pushed: { applied: 1, problems: 0 } });
    expect(
      await db.selectFrom("referrals").selectAll().where("id", "=", referral.id).executeTakeFirst(),
    ).toMatchObject({
      ...referral,
      arrived_on: "2026-03-04",
      result: "negative",
      result_on: "2026-03-04",
    });
  });

  it("a lost answer: the server applied the batch, the retry is a duplicate, nothing doubles", async () => {
    const worker = await server.addUser("outreach_worker");
    let dropNextPush = true;
    const phone = await device(worker, {
      wrap: (f) => async (input, init) => {
        const response = await f(input, init);
        if (String(input).includes("/api/sync/push") && dropNextPush) {
          dropNextPush = false;
          throw new TypeError("network connection lost");
        }
        return response;
      },
    });
    const c = client({ uic: "LATH190", sex: "male", birth_year: 1990 });
    await recordChanges(phone.db, phone.user, [{ type: "client", op: "create", record: c }]);
    expect(await phone.engine.sync()).toMatchObject({ kind: "no_answer" });
    expect(await phone.db.outbox.toArray()).toMatchObject([{ attempts: 1, status: "pending" }]);
    expect(await phone.engine.sync()).toMatchObject({ kind: "done", pushed: { applied: 1 } });
    expect(await phone.db.outbox.count()).toBe(0);
    const rows = await server.database.db
      .selectFrom("clients")
      .select("id")
      .where("uic", "=", "LATH190")
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("two phones change the same referral: the second gets a conflict holding both copies", async () => {
    const worker = await server.addUser("outreach_worker");
    const [a, b] = [await device(worker), await device(worker)];
    const c = client({ uic: "MAHU285" });
    const referral = {
      id: newId(),
      site_id: c.site_id,
      client_id: c.id,
      service: "hiv_test",
      facility: "TTYT huyện",
      referred_on: "2026-03-02",
      arrived_on: null,
      result: null,
      result_on: null,
    };
    await recordChanges(a.db, a.user, [
      { type: "client", op: "create", record: c },
      { type: "referral", op: "create", record: referral },
    ]);
    await a.engine.sync();
    await b.engine.sync();
    const base = (await b.db.records("referral").get(referral.id))!.version;
    expect(base).toBe((await a.db.records("referral").get(referral.id))!.version);

    await recordChanges(a.db, a.user, [
      { type: "referral", op: "update", record: { id: referral.id, arrived_on: "2026-03-03" } },
    ]);
    await recordChanges(b.db, b.user, [
      { type: "referral", op: "update", record: { id: referral.id, arrived_on: "2026-03-04" } },
    ]);
    expect(await a.engine.sync()).toMatchObject({ pushed: { applied: 1 } });
    expect(await b.engine.sync()).toMatchObject({ pushed: { problems: 1 } });
    const [problem] = await b.db.problems.toArray();
    expect(problem).toMatchObject({
      kind: "conflict",
      record: { arrived_on: "2026-03-04" },
      server_record: { arrived_on: "2026-03-03" },
    });
    // The person's copy stays on the phone until they choose.
    expect((await b.db.records("referral").get(referral.id))?.arrived_on).toBe("2026-03-04");
  });

  it("a refused change comes back with the reason in the user's language", async () => {
    const worker = await server.addUser("outreach_worker");
    for (const locale of ["vi", "en"] as const) {
      const phone = await device(worker, { locale });
      const c = client({ uic: `BAD${locale.toUpperCase()}101`, birth_year: 1800 });
      await recordChanges(phone.db, phone.user, [{ type: "client", op: "create", record: c }]);
      expect(await phone.engine.sync()).toMatchObject({ pushed: { problems: 1 } });
      const [problem] = await phone.db.problems.toArray();
      expect(problem).toMatchObject({ kind: "rejected", field: "birth_year" });
      expect(problem!.message).toMatch(locale === "vi" ? /năm sinh/i : /birth year/i);
    }
  });

  it("a session the server ended: signed out, the outbox kept, sent after signing in again", async () => {
    const worker = await server.addUser("outreach_worker");
    const phone = await device(worker);
    await phone.api.logout();
    await recordChanges(phone.db, phone.user, [
      { type: "client", op: "create", record: client({ uic: "XUBI390" }) },
    ]);
    expect(await phone.engine.sync()).toEqual({ kind: "signed_out" });
    expect((await getMeta(phone.db, "session"))?.valid).toBe(false);
    expect(await phone.db.outbox.count()).toBe(1);
    await phone.signIn();
    expect(await phone.engine.sync()).toMatchObject({ kind: "done", pushed: { applied: 1 } });
  });

  it("more than 500 changes go in several requests, all applied", async () => {
    const worker = await server.addUser("outreach_worker");
    const requests: number[] = [];
    const phone = await device(worker, {
      wrap: (f) => async (input, init) => {
        if (String(input).includes("/api/sync/push"))
          requests.push(JSON.parse(String(init?.body)).changes.length);
        return f(input, init);
      },
    });
    const changes = Array.from({ length: 620 }, (_, i) => ({
      type: "client" as const,
      op: "create" as const,
      record: client({ uic: `BULK${String(i).padStart(4, "0")}` }),
    }));
    await recordChanges(phone.db, phone.user, changes);
    expect(await phone.engine.sync()).toMatchObject({ pushed: { applied: 620, problems: 0 } });
    expect(requests).toEqual([500, 120]);
    expect(await phone.db.outbox.count()).toBe(0);
  });
});
