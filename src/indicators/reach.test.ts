// The reach and tally tables (migrations 0009, 0013, 0014) against the records they are kept from:
// after random writes of every kind — contacts added in batches, moved, voided, restored, deleted;
// meetings moved to another day, commune or site, voided and restored; attendances voided, restored
// and deleted; clients voided, restored and regrouped — the whole project's figures read from them
// equal those counted from the records.
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database, Db } from "../db/connection.js";
import { Random } from "../demo/random.js";
import { newId } from "../lib/ids.js";
import { openTestDatabase, testDatabaseUrl } from "../test-support/database.js";
import {
  insertClient,
  insertContact,
  insertGroupSession,
  insertProjectFixture,
  type ProjectFixture,
} from "../test-support/fixtures.js";
import type { Disaggregation, IndicatorId } from "./definitions.js";
import { computeIndicators, type IndicatorSet } from "./engine.js";
import { parsePeriod } from "./periods.js";
import { readsReach } from "./reach.js";
import { sourceOf } from "./sources.js";

const ids: IndicatorId[] = [
  "people_reached",
  "contacts",
  "communes_covered",
  "kp_prev",
  "pp_prev",
  "group_sessions",
  "group_attendances",
];
const by: Disaggregation[] = [["site"], ["month"], ["commune"]];

let database: Database;
let f: ProjectFixture;

beforeEach(async () => {
  database = await openTestDatabase();
  f = await insertProjectFixture(database.db);
});
afterEach(async () => database.close());

/** The figures, cells in a stable order (categories outside the lists come in query order). */
function normalised(set: IndicatorSet) {
  return Object.fromEntries(
    ids.map((id) => {
      const figure = set.figures[id]!;
      const cells = Object.fromEntries(
        Object.entries(figure.by).map(([key, list]) => [
          key,
          list.map((c) => `${JSON.stringify(c.categories)}=${c.value}`).sort(),
        ]),
      );
      return [id, { total: figure.total, cells }];
    }),
  );
}

/** The whole project (read from the reach tables) and every site listed (counted from records). */
async function bothWays(db: Db, period: string) {
  const request = { projectId: f.projectId, period: parsePeriod(period), indicators: ids, by };
  const [fromReach, fromRecords] = await Promise.all([
    computeIndicators(db, { ...request, sites: "all" }),
    computeIndicators(db, { ...request, sites: [f.siteA.id, f.siteB.id] }),
  ]);
  return { fromReach: normalised(fromReach), fromRecords: normalised(fromRecords) };
}

const periods = ["2011Q3", "2011-07", "2011-10", "2011", "2011-06-01..2011-11-30"];

async function expectSame(db: Db) {
  for (const period of periods) {
    const { fromReach, fromRecords } = await bothWays(db, period);
    expect(fromReach, period).toEqual(fromRecords);
  }
}

describe("the reach tables", () => {
  it("are read for a whole project over whole months only", () => {
    const scope = (over: object = {}) => ({
      projectId: "p",
      from: "2011-07-01",
      to: "2011-09-30",
      siteIds: null,
      communeId: null,
      ...over,
    });
    const { source } = sourceOf("people_reached")!;
    const wanted = [
      { id: "people_reached" as const, by: [["site"], ["month"]] as Disaggregation[] },
    ];
    expect(readsReach(source, scope(), wanted)).toBe(true);
    expect(readsReach(source, scope({ to: "2011-09-29" }), wanted)).toBe(false);
    expect(readsReach(source, scope({ from: "2011-07-02" }), wanted)).toBe(false);
    expect(readsReach(source, scope({ siteIds: ["s"] }), wanted)).toBe(false);
    expect(readsReach(source, scope({ communeId: "c" }), wanted)).toBe(false);
    expect(readsReach(source, scope(), [{ id: "people_reached", by: [["sex"]] }])).toBe(false);
    expect(readsReach(source, scope(), [{ id: "people_reached", by: [["site", "month"]] }])).toBe(
      false,
    );
    const prevention = sourceOf("kp_prev")!.source;
    expect(readsReach(prevention, scope(), [{ id: "kp_prev", by: [["site"]] }])).toBe(true);
    expect(readsReach(prevention, scope(), [{ id: "kp_prev", by: [["testing_status"]] }])).toBe(
      false,
    );
    const groups = sourceOf("group_sessions")!.source;
    expect(readsReach(groups, scope(), [{ id: "group_sessions", by: [["commune"]] }])).toBe(true);
    expect(readsReach(groups, scope(), [{ id: "group_attendances", by: [["sex"]] }])).toBe(false);
    expect(readsReach(sourceOf("referrals_made")!.source, scope(), [])).toBe(false);
  });

  it("give what the records give, and are what the whole project's figures are read from", async () => {
    const db = database.db;
    const client = await insertClient(db, f.siteA);
    await insertContact(db, f.siteA, client, "2011-07-04", { communeId: f.siteA.communes[0]! });
    await expectSame(db);
    const { fromReach } = await bothWays(db, "2011Q3");
    expect(fromReach.people_reached!.total).toBe(1);
    expect(fromReach.people_reached!.cells.month).toContain('{"month":"2011-07"}=1');
    // Emptied by hand (never done by Peerlink), the whole project's counts follow the tables.
    await db.deleteFrom("reach_clients").execute();
    await db.deleteFrom("reach_months").execute();
    const emptied = await bothWays(db, "2011Q3");
    expect(emptied.fromReach.people_reached!.total).toBe(0);
    expect(emptied.fromReach.people_reached!.cells.month ?? []).not.toContain(
      '{"month":"2011-07"}=1',
    );
    expect(emptied.fromRecords.people_reached!.total).toBe(1);
    // Recomputed, they are whole again.
    await sql`select refresh_reach(array(select id from clients))`.execute(db);
    await expectSame(db);
  });

  it("stay equal to the records through random writes of every kind", async () => {
    const db = database.db;
    const random = new Random(20261203);
    const sites = [f.siteA, f.siteB];
    const communes = [...f.siteA.communes.slice(0, 3), f.siteB.communes[0]!, null];
    const days = Array.from({ length: 200 }, (_, i) =>
      new Date(Date.UTC(2011, 5, 1 + i)).toISOString().slice(0, 10),
    );
    const clients: string[] = [];
    for (let i = 0; i < 14; i++) {
      const id = await insertClient(db, random.pick(sites));
      if (random.chance(0.4))
        await db
          .updateTable("clients")
          .set({ population_group: "pwid" })
          .where("id", "=", id)
          .execute();
      clients.push(id);
    }
    const contacts: string[] = [];
    const sessions: string[] = [];
    const contactRow = () => ({
      id: newId(),
      site_id: random.pick(sites).id,
      client_id: random.pick(clients),
      contact_date: random.pick(days),
      commune_id: random.pick(communes),
      topics: [],
      staff_id: null,
      created_by: null,
    });
    const voiding = { voided_at: new Date("2011-12-01T00:00:00Z"), void_reason: "test" };
    const live = { voided_at: null, void_reason: null };

    for (let round = 0; round < 6; round++) {
      // A batch in one statement (a sync push), and single contacts.
      const batch = Array.from({ length: random.int(3, 12) }, contactRow);
      await db.insertInto("contacts").values(batch).execute();
      contacts.push(...batch.map((c) => c.id));
      for (let i = 0; i < 4; i++) {
        const row = contactRow();
        await insertContact(
          db,
          sites.find((s) => s.id === row.site_id)!,
          row.client_id,
          row.contact_date,
          {
            communeId: row.commune_id,
          },
        ).then((id) => contacts.push(id));
      }
      const attendees = random.sample(clients, random.int(0, 4));
      sessions.push(await insertGroupSession(db, random.pick(sites), random.pick(days), attendees));

      const some = (list: readonly string[], n: number) =>
        random.sample(list, Math.min(n, list.length));
      await db.updateTable("contacts").set(voiding).where("id", "in", some(contacts, 3)).execute();
      await db.updateTable("contacts").set(live).where("id", "in", some(contacts, 2)).execute();
      for (const id of some(contacts, 2))
        await db
          .updateTable("contacts")
          .set({ contact_date: random.pick(days), commune_id: random.pick(communes) })
          .where("id", "=", id)
          .execute();
      for (const id of some(contacts, 2))
        await db
          .updateTable("contacts")
          .set({ site_id: random.pick(sites).id, client_id: random.pick(clients) })
          .where("id", "=", id)
          .execute();
      // An update that changes nothing counted (a sync push rewriting a record).
      await db
        .updateTable("contacts")
        .set({ topics: ["hiv"] })
        .where("id", "in", some(contacts, 3))
        .execute();
      const gone = some(contacts, 1);
      await db.deleteFrom("contacts").where("id", "in", gone).execute();
      contacts.splice(contacts.indexOf(gone[0]!), 1);

      // A meeting moved and re-placed, held at the other site, voided or restored.
      const meeting = random.pick([
        { held_on: random.pick(days), commune_id: random.pick(communes) },
        { site_id: random.pick(sites).id },
        voiding,
        live,
      ]);
      await db
        .updateTable("group_sessions")
        .set(meeting)
        .where("id", "=", random.pick(sessions))
        .execute();
      // One attendance at a meeting voided, and one voided attendance restored.
      const oneAttendance = (values: typeof voiding | typeof live, voidedOnly: boolean) =>
        db
          .updateTable("group_attendances")
          .set(values)
          .where("id", "in", (qb) =>
            qb
              .selectFrom("group_attendances")
              .select("id")
              .where("session_id", "=", random.pick(sessions))
              .$if(voidedOnly, (q) => q.where("voided_at", "is not", null))
              .limit(1),
          )
          .execute();
      await oneAttendance(voiding, false);
      await oneAttendance(live, true);
      if (random.chance(0.3))
        await db
          .deleteFrom("group_attendances")
          .where("session_id", "=", random.pick(sessions))
          .execute();

      // Often someone who has just attended a meeting.
      const someone =
        attendees.length > 0 && random.chance(0.6) ? random.pick(attendees) : random.pick(clients);
      await db
        .updateTable("clients")
        .set(random.chance(0.5) ? voiding : live)
        .where("id", "=", someone)
        .execute();
      await db
        .updateTable("clients")
        .set({ population_group: random.pick(["pwid", "partner_pwud", "msm"] as const) })
        .where("id", "=", random.pick(clients))
        .execute();

      await expectSame(db);
    }
    // Something was counted all along.
    const { fromReach } = await bothWays(db, "2011");
    expect(fromReach.people_reached!.total).toBeGreaterThan(5);
    expect(fromReach.kp_prev!.total).toBeGreaterThan(0);
    expect(fromReach.pp_prev!.total).toBeGreaterThan(0);
    expect(fromReach.group_attendances!.total).toBeGreaterThan(0);
  });

  it.skipIf(!testDatabaseUrl)(
    "count a client's contacts written by two transactions at the same time",
    async () => {
      const db = database.db;
      const client = await insertClient(db, f.siteA);
      const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      // The first transaction is still open when the second adds a contact of the same client: on
      // PostgreSQL each would recompute the client's rows without the other's contact.
      const first = db.transaction().execute(async (trx) => {
        await insertContact(trx, f.siteA, client, "2011-07-04");
        await sleep(300);
      });
      await sleep(100);
      const second = db.transaction().execute(async (trx) => {
        await insertContact(trx, f.siteA, client, "2011-08-04");
      });
      await Promise.all([first, second]);
      await expectSame(db);
      const { fromReach } = await bothWays(db, "2011Q3");
      expect(fromReach.people_reached!.cells.month).toContain('{"month":"2011-07"}=1');
      expect(fromReach.people_reached!.cells.month).toContain('{"month":"2011-08"}=1');
      expect(fromReach.contacts!.total).toBe(2);
    },
  );
});
