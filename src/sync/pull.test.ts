import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/policy.js";
import type { Database } from "../db/connection.js";
import { deriveKey } from "../lib/crypto.js";
import { newId } from "../lib/ids.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture, type ProjectFixture } from "../test-support/fixtures.js";
import { insertUser } from "../test-support/users.js";
import type { PulledChange } from "./protocol.js";
import { pullChanges } from "./pull.js";
import { pushChanges } from "./push.js";

const key = deriveKey("a test secret that is long enough to use", "client-details");
const now = new Date("2026-11-23T03:00:00Z");
let database: Database;
let f: ProjectFixture;
let workerA: SessionUser;
let workerA2: SessionUser;
let workerB: SessionUser;
let coordinatorA: SessionUser;
let officer: SessionUser;
let supervisorB: SessionUser;

const create = (type: string, record: Record<string, unknown>) => ({
  id: newId(),
  type,
  op: "create" as const,
  record,
  base_version: null,
});

async function seedWork(user: SessionUser, site: { id: string; communes: string[] }, uic: string) {
  const client = {
    id: newId(),
    site_id: site.id,
    uic,
    sex: "female",
    birth_year: 1985,
    population_group: "partner_pwud",
    registered_on: "2026-11-01",
    name: "Tên riêng",
  };
  const session = { id: newId(), site_id: site.id, held_on: "2026-11-02", topic: "HIV" };
  const { results } = await pushChanges(
    database.db,
    user,
    {
      device_id: newId(),
      changes: [
        create("client", client),
        create("contact", {
          id: newId(),
          site_id: site.id,
          client_id: client.id,
          contact_date: "2026-11-02",
          commune_id: site.communes[0],
        }),
        create("group_session", session),
        create("group_attendance", {
          id: newId(),
          site_id: site.id,
          session_id: session.id,
          client_id: client.id,
        }),
      ],
    },
    { now, clientDetailsKey: key, describe: (r) => r.code },
  );
  expect(results.every((r) => r.status === "applied")).toBe(true);
  return client.id;
}

async function pullAll(
  user: SessionUser,
  limit?: number,
): Promise<{ changes: PulledChange[]; pages: number }> {
  const changes: PulledChange[] = [];
  let cursor = 0;
  let pages = 0;
  for (;;) {
    const page = await pullChanges(database.db, user, { cursor, limit, now });
    pages += 1;
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.more) return { changes, pages };
  }
}

beforeAll(async () => {
  database = await openTestDatabase();
  f = await insertProjectFixture(database.db);
  workerA = await insertUser(database.db, "outreach_worker", { siteIds: [f.siteA.id] });
  workerA2 = await insertUser(database.db, "outreach_worker", { siteIds: [f.siteA.id] });
  workerB = await insertUser(database.db, "outreach_worker", { siteIds: [f.siteB.id] });
  coordinatorA = await insertUser(database.db, "site_coordinator", { siteIds: [f.siteA.id] });
  officer = await insertUser(database.db, "programme_officer");
  supervisorB = await insertUser(database.db, "supervisor", { siteIds: [f.siteB.id] });
  await seedWork(workerA, f.siteA, "AAAA1");
  await seedWork(workerA2, f.siteA, "AAAA2");
  await seedWork(workerB, f.siteB, "BBBB1");
});
afterAll(async () => database.close());

const count = (changes: PulledChange[], type: string) =>
  changes.filter((c) => c.type === type).length;

describe("pull", () => {
  it("gives an outreach worker their own clients and their site's group sessions", async () => {
    const { changes } = await pullAll(workerA);
    expect(count(changes, "client")).toBe(1);
    expect(count(changes, "contact")).toBe(1);
    expect(count(changes, "group_session")).toBe(2);
    expect(changes.every((c) => c.record.site_id === f.siteA.id)).toBe(true);
  });

  it("gives an outreach worker the attendances of their own clients only, naming no other client", async () => {
    const { changes } = await pullAll(workerA);
    const own = changes.filter((c) => c.type === "client").map((c) => c.record.id);
    const named = changes.flatMap((c) => (c.record.client_id ? [c.record.client_id] : []));
    expect(count(changes, "group_attendance")).toBe(1);
    expect(named.every((id) => own.includes(id))).toBe(true);
  });

  it("gives a coordinator everything at their sites, an officer all sites", async () => {
    const coordinator = (await pullAll(coordinatorA)).changes;
    expect(count(coordinator, "client")).toBe(2);
    expect(count(coordinator, "group_attendance")).toBe(2);
    expect(coordinator.every((c) => c.record.site_id === f.siteA.id)).toBe(true);
    expect(count((await pullAll(officer)).changes, "client")).toBe(3);
  });

  it("gives a supervisor their area's group sessions, and no client-level record", async () => {
    const area = (await pullAll(supervisorB)).changes;
    expect(count(area, "group_session")).toBe(1);
    for (const type of ["client", "contact", "group_attendance", "referral"])
      expect(count(area, type), type).toBe(0);
    expect(area.every((c) => c.record.site_id === f.siteB.id)).toBe(true);
    expect(JSON.stringify(area)).not.toContain("BBBB1");
  });

  it("never sends a client's name or phone, only that there are some", async () => {
    const { changes } = await pullAll(officer);
    for (const change of changes.filter((c) => c.type === "client")) {
      expect(change.record).not.toHaveProperty("name_encrypted");
      expect(JSON.stringify(change.record)).not.toContain("Tên riêng");
      expect(change.record.has_details).toBe(true);
    }
  });

  it("pages in version order without missing or repeating anything", async () => {
    const whole = (await pullAll(officer)).changes;
    const paged = await pullAll(officer, 5);
    expect(paged.pages).toBeGreaterThan(2);
    expect(paged.changes.map((c) => c.version)).toEqual(whole.map((c) => c.version));
    expect(new Set(whole.map((c) => c.version)).size).toBe(whole.length);
  });

  it("sends only what changed after the cursor, voids included", async () => {
    const first = await pullChanges(database.db, coordinatorA, { cursor: 0, now });
    const contact = first.changes.find((c) => c.type === "contact")!;
    await pushChanges(
      database.db,
      coordinatorA,
      {
        device_id: newId(),
        changes: [
          {
            id: newId(),
            type: "contact",
            op: "void",
            record: { id: contact.record.id, void_reason: "wrong client" },
            base_version: contact.version,
          },
        ],
      },
      { now, clientDetailsKey: key, describe: (r) => r.code },
    );
    const next = await pullChanges(database.db, coordinatorA, { cursor: first.cursor, now });
    expect(next.changes).toHaveLength(1);
    expect(next.changes[0]!.record).toMatchObject({
      id: contact.record.id,
      void_reason: "wrong client",
    });
    expect(next.changes[0]!.version).toBeGreaterThan(first.cursor);
  });
});
