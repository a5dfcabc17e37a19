import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { openTestDatabase } from "../test-support/database.js";
import {
  insertClient,
  insertContact,
  insertDistribution,
  insertGroupSession,
  insertProjectFixture,
  insertReferral,
  insertTraining,
  type ProjectFixture,
} from "../test-support/fixtures.js";
import { computeProjectResults } from "./service.js";

let database: Database;
let f: ProjectFixture;

beforeEach(async () => {
  database = await openTestDatabase();
  f = await insertProjectFixture(database.db);
});
afterEach(async () => database.close());

const raw = (request: { from?: string; to?: string; site?: string } = {}) =>
  computeProjectResults(database.db, { slug: f.slug, ...request }, { public: false });

const siteValues = async (code: string, request = {}) =>
  (await raw(request)).sites.find((s) => s.code === code)!.values;

describe("people reached and contacts", () => {
  it("counts one person contacted twice as one person and two contacts", async () => {
    const client = await insertClient(database.db, f.siteA);
    await insertContact(database.db, f.siteA, client, "2011-07-04");
    await insertContact(database.db, f.siteA, client, "2011-08-20");
    const { total } = await raw();
    expect(total.people_reached).toBe(1);
    expect(total.contacts).toBe(2);
  });

  it("ignores a voided contact, a voided client's contacts and contacts outside the period", async () => {
    const client = await insertClient(database.db, f.siteA);
    await insertContact(database.db, f.siteA, client, "2011-07-04");
    await insertContact(database.db, f.siteA, client, "2011-07-05", { voided: "entered twice" });
    await insertContact(database.db, f.siteA, client, "2011-11-01");
    await insertContact(database.db, f.siteA, client, "2011-06-30");
    const duplicate = await insertClient(database.db, f.siteA, {
      voided: "duplicate registration",
    });
    await insertContact(database.db, f.siteA, duplicate, "2011-07-06");
    const { total } = await raw();
    expect(total).toMatchObject({ people_reached: 1, contacts: 1 });
  });

  it("counts a client seen at two sites at each site but once in the project total", async () => {
    const mobile = await insertClient(database.db, f.siteA);
    const local = await insertClient(database.db, f.siteB);
    await insertContact(database.db, f.siteA, mobile, "2011-07-04");
    await insertContact(database.db, f.siteB, mobile, "2011-09-04", {
      communeId: f.siteB.communes[0],
    });
    await insertContact(database.db, f.siteB, local, "2011-09-05", {
      communeId: f.siteB.communes[1],
    });
    const results = await raw();
    expect(results.sites.map((s) => [s.code, s.values.people_reached])).toEqual([
      ["A", 1],
      ["B", 2],
    ]);
    expect(results.total.people_reached).toBe(2);
    expect(results.total.contacts).toBe(3);
  });

  it("honours a custom period, inclusive of both ends", async () => {
    const client = await insertClient(database.db, f.siteA);
    await insertContact(database.db, f.siteA, client, "2011-08-01");
    await insertContact(database.db, f.siteA, client, "2011-08-31");
    await insertContact(database.db, f.siteA, client, "2011-09-01");
    expect((await raw({ from: "2011-08-01", to: "2011-08-31" })).total.contacts).toBe(2);
  });
});

describe("coverage and reach against the estimate", () => {
  it("counts communes of the area with a contact, not communes outside it", async () => {
    const client = await insertClient(database.db, f.siteB);
    await insertContact(database.db, f.siteB, client, "2011-07-04", {
      communeId: f.siteB.communes[0],
    });
    await insertContact(database.db, f.siteB, client, "2011-07-05", {
      communeId: f.siteB.communes[0],
    });
    await insertContact(database.db, f.siteB, client, "2011-07-06", {
      communeId: f.siteB.communes[2],
    });
    await insertContact(database.db, f.siteB, client, "2011-07-07", {
      communeId: f.siteA.communes[0],
    });
    await insertContact(database.db, f.siteB, client, "2011-07-08", { communeId: null });
    const b = await siteValues("B");
    expect(b.communes_covered).toBe(2);
    expect(b.communes_in_area).toBe(4);
    const { total } = await raw();
    expect(total.communes_in_area).toBe(13);
  });

  it("divides people reached by the size estimate, per site and in total", async () => {
    for (let i = 0; i < 5; i++) {
      await insertContact(
        database.db,
        f.siteA,
        await insertClient(database.db, f.siteA),
        "2011-07-04",
      );
    }
    const { total, sites } = await raw();
    expect(sites[0]!.values.reach_vs_estimate).toBeCloseTo(5 / 100);
    expect(sites[1]!.values.reach_vs_estimate).toBe(0);
    expect(total.population_size_estimate).toBe(150);
    expect(total.reach_vs_estimate).toBeCloseTo(5 / 150);
  });
});

describe("group meetings, testing, condoms, trainings", () => {
  it("counts sessions and attendances, without voided sessions or attendances", async () => {
    const a = await insertClient(database.db, f.siteA);
    const b = await insertClient(database.db, f.siteA);
    const session = await insertGroupSession(database.db, f.siteA, "2011-08-10", [a, b]);
    await database.db
      .updateTable("group_attendances")
      .set({ voided_at: new Date(), void_reason: "ticked by mistake" })
      .where("session_id", "=", session)
      .where("client_id", "=", b)
      .execute();
    await insertGroupSession(database.db, f.siteA, "2011-08-11", [a, b], {
      voided: "entered twice",
    });
    await insertGroupSession(database.db, f.siteA, "2011-12-01", [a]);
    await insertGroupSession(database.db, f.siteA, "2011-09-01", []);
    const { total } = await raw();
    expect(total).toMatchObject({ group_sessions: 2, group_attendances: 1 });
  });

  it("counts arrivals at HIV testing in the period, not referrals that did not arrive", async () => {
    const client = await insertClient(database.db, f.siteA);
    await insertReferral(database.db, f.siteA, client, { arrivedOn: "2011-07-12" });
    await insertReferral(database.db, f.siteA, client, {
      referredOn: "2011-08-01",
      arrivedOn: "2011-08-02",
    });
    await insertReferral(database.db, f.siteA, client, { arrivedOn: null });
    await insertReferral(database.db, f.siteA, client, {
      arrivedOn: "2011-07-13",
      voided: "wrong client",
    });
    await insertReferral(database.db, f.siteA, client, { service: "sti", arrivedOn: "2011-07-14" });
    await insertReferral(database.db, f.siteA, client, {
      referredOn: "2011-10-30",
      arrivedOn: "2011-11-02",
    });
    expect((await raw()).total.hiv_test_visits).toBe(2);
  });

  it("sums condoms, not other items, voided hand-outs or hand-outs outside the period", async () => {
    await insertDistribution(database.db, f.siteA, 10);
    await insertDistribution(database.db, f.siteB, 5);
    await insertDistribution(database.db, f.siteA, 100, { voided: "typo" });
    await insertDistribution(database.db, f.siteA, 7, { item: "lubricant" });
    await insertDistribution(database.db, f.siteA, 3, { date: "2011-11-01" });
    const results = await raw();
    expect(results.total.condoms_distributed).toBe(15);
    expect(results.sites.map((s) => s.values.condoms_distributed)).toEqual([10, 5]);
  });

  it("counts trainings, unique people trained and coaching rounds per site", async () => {
    await insertTraining(database.db, f, [f.staffA, f.staffB]);
    await insertTraining(database.db, f, [f.staffA], { date: "2011-07-20" });
    await insertTraining(database.db, f, [f.staffB], { voided: "cancelled" });
    await insertTraining(database.db, f, [f.staffA], {
      kind: "coaching",
      site: f.siteA,
      date: "2011-08-15",
    });
    await insertTraining(database.db, f, [f.staffA], {
      kind: "coaching",
      site: f.siteA,
      date: "2011-09-15",
    });
    await insertTraining(database.db, f, [f.staffB], {
      kind: "coaching",
      site: f.siteB,
      date: "2011-09-16",
    });
    const results = await raw();
    expect(results.total).toMatchObject({ trainings: 2, people_trained: 2, coaching_rounds: 3 });
    expect(results.sites[0]!.values).toMatchObject({
      trainings: 2,
      people_trained: 1,
      coaching_rounds: 2,
    });
    expect(results.sites[1]!.values).toMatchObject({
      trainings: 1,
      people_trained: 1,
      coaching_rounds: 1,
    });
  });
});

describe("one site, bad requests, public figures", () => {
  it("limits the results to one site when asked", async () => {
    const client = await insertClient(database.db, f.siteA);
    await insertContact(database.db, f.siteA, client, "2011-07-04");
    await insertContact(database.db, f.siteB, client, "2011-07-05", {
      communeId: f.siteB.communes[0],
    });
    const results = await raw({ site: "B" });
    expect(results.sites.map((s) => s.code)).toEqual(["B"]);
    expect(results.total).toMatchObject({
      people_reached: 1,
      contacts: 1,
      communes_in_area: 4,
      population_size_estimate: 50,
    });
  });

  it("rejects an unknown site, a reversed period and an unknown project", async () => {
    await expect(raw({ site: "ZZ" })).rejects.toMatchObject({
      code: "invalid_parameter",
      details: { parameter: "site" },
    });
    await expect(raw({ from: "2011-09-01", to: "2011-08-01" })).rejects.toMatchObject({
      details: { reason: "from_after_to" },
    });
    await expect(computeProjectResults(database.db, { slug: "nope" })).rejects.toBeInstanceOf(
      AppError,
    );
  });

  it("withholds public figures about clients from 1 to 4, and keeps 0 and 5 or more", async () => {
    for (let i = 0; i < 5; i++) {
      await insertContact(
        database.db,
        f.siteA,
        await insertClient(database.db, f.siteA),
        "2011-07-04",
      );
    }
    const few = await insertClient(database.db, f.siteB);
    await insertContact(database.db, f.siteB, few, "2011-07-04", {
      communeId: f.siteB.communes[0],
    });
    await insertDistribution(database.db, f.siteB, 2);
    const results = await computeProjectResults(database.db, { slug: f.slug });
    const [a, b] = results.sites;
    expect(a!.values.people_reached).toBe(5);
    // Contacts by site add up to the total: a's 5 and a total of 6 would give b's 1 away, so
    // contacts are withheld at a and in the total too (the subtraction attack).
    expect(a!.suppressed).toEqual([]);
    expect(a!.protecting).toEqual(["contacts"]);
    expect(results.total.contacts).toBeNull();
    expect(results.protecting).toContain("contacts");
    // People reached by site overlap (one person can be at both), so 6 in total and 5 at a only
    // say b has 1 to 4: a's figure and the total stay.
    expect(results.total.people_reached).toBe(6);
    expect(b!.values.people_reached).toBeNull();
    expect(b!.values.reach_vs_estimate).toBeNull();
    expect(b!.suppressed).toEqual(
      expect.arrayContaining(["people_reached", "contacts", "reach_vs_estimate"]),
    );
    expect(b!.values.hiv_test_visits).toBe(0);
    // Commodity counts are not about a person: shown as they are.
    expect(b!.values.condoms_distributed).toBe(2);
  });

  it("withholds under the threshold it is given, and says which it used", async () => {
    for (let i = 0; i < 7; i++) {
      await insertContact(
        database.db,
        f.siteA,
        await insertClient(database.db, f.siteA),
        "2011-07-04",
      );
    }
    const byDefault = await computeProjectResults(database.db, { slug: f.slug });
    expect(byDefault.threshold).toBe(5);
    expect(byDefault.total.people_reached).toBe(7);
    const strict = await computeProjectResults(
      database.db,
      { slug: f.slug },
      { public: true, threshold: 10 },
    );
    expect(strict.threshold).toBe(10);
    expect(strict.total.people_reached).toBeNull();
    expect(strict.suppressed).toContain("people_reached");
    expect(strict.sites.find((s) => s.code === "A")!.suppressed).toContain("people_reached");
  });
});
