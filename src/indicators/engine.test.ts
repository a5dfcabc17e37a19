// Each indicator on hand-made fixtures with the traps: a person seen in two months of a quarter,
// a client at two sites, age at the date of service across New Year, voided records, sites out of
// scope, communes not recorded.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import type { PopulationGroup } from "../db/schema.js";
import { newId } from "../lib/ids.js";
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
import type { Dimension, Disaggregation, IndicatorId } from "./definitions.js";
import { computeIndicators, disaggregationKey, type IndicatorSet } from "./engine.js";
import { parsePeriod } from "./periods.js";

let database: Database;
let f: ProjectFixture;

beforeEach(async () => {
  database = await openTestDatabase();
  f = await insertProjectFixture(database.db);
});
afterEach(async () => database.close());

const compute = (
  period = "2011Q3",
  options: {
    sites?: "all" | string[];
    by?: Disaggregation[];
    indicators?: IndicatorId[];
    communeId?: string;
  } = {},
) =>
  computeIndicators(database.db, {
    projectId: f.projectId,
    period: parsePeriod(period),
    sites: options.sites ?? "all",
    by: options.by ?? [
      ["site"],
      ["commune"],
      ["month"],
      ["sex"],
      ["age_band"],
      ["population_group"],
    ],
    ...(options.indicators ? { indicators: options.indicators } : {}),
    ...(options.communeId ? { communeId: options.communeId } : {}),
  });

const total = (set: IndicatorSet, id: IndicatorId) => set.figures[id]?.total;

/** The non-zero cells of a disaggregation, as { "category|category": value }. */
function cells(set: IndicatorSet, id: IndicatorId, dims: Dimension[]) {
  const list = set.figures[id]?.by[disaggregationKey(dims)] ?? [];
  return Object.fromEntries(
    list
      .filter((c) => c.value !== 0)
      .map((c) => [dims.map((d) => c.categories[d] ?? "null").join("|"), c.value]),
  );
}

const setGroup = (clientId: string, group: PopulationGroup) =>
  database.db
    .updateTable("clients")
    .set({ population_group: group })
    .where("id", "=", clientId)
    .execute();

describe("people reached and contacts", () => {
  it("counts a person seen in two months of a quarter once in the total, once in each month", async () => {
    const client = await insertClient(database.db, f.siteA, { birthYear: 1985 });
    await insertContact(database.db, f.siteA, client, "2011-07-04");
    await insertContact(database.db, f.siteA, client, "2011-09-20");
    const set = await compute();
    expect(total(set, "people_reached")).toBe(1);
    expect(total(set, "contacts")).toBe(2);
    expect(cells(set, "people_reached", ["month"])).toEqual({ "2011-07": 1, "2011-09": 1 });
    expect(set.figures.people_reached!.by.month!.map((c) => c.categories.month)).toEqual([
      "2011-07",
      "2011-08",
      "2011-09",
    ]);
    expect(cells(set, "contacts", ["month"])).toEqual({ "2011-07": 1, "2011-09": 1 });
    expect(cells(set, "people_reached", ["sex"])).toEqual({ female: 1 });
    expect(cells(set, "people_reached", ["age_band"])).toEqual({ "25-29": 1 });
    expect(cells(set, "people_reached", ["population_group"])).toEqual({ partner_pwud: 1 });
    expect(cells(set, "people_reached", ["site"])).toEqual({ [f.siteA.id]: 1 });
    expect(cells(set, "people_reached", ["commune"])).toEqual({ [f.siteA.communes[0]!]: 1 });
  });

  it("counts a client reached at two sites once in the total and once per site", async () => {
    const mobile = await insertClient(database.db, f.siteA);
    const local = await insertClient(database.db, f.siteB, { sex: "male" });
    await insertContact(database.db, f.siteA, mobile, "2011-07-04");
    await insertContact(database.db, f.siteB, mobile, "2011-08-04");
    await insertContact(database.db, f.siteB, local, "2011-08-05");
    const set = await compute();
    expect(total(set, "people_reached")).toBe(2);
    expect(cells(set, "people_reached", ["site"])).toEqual({ [f.siteA.id]: 1, [f.siteB.id]: 2 });
    expect(cells(set, "people_reached", ["sex"])).toEqual({ female: 1, male: 1 });
    expect(cells(set, "communes_covered", ["site"])).toEqual({ [f.siteA.id]: 1, [f.siteB.id]: 1 });
  });

  it("leaves out voided contacts, voided clients, contacts outside the period, and sites out of scope", async () => {
    const client = await insertClient(database.db, f.siteA);
    await insertContact(database.db, f.siteA, client, "2011-07-04");
    const voidedOnly = await insertClient(database.db, f.siteA, { sex: "male" });
    await insertContact(database.db, f.siteA, voidedOnly, "2011-07-05", { voided: "twice" });
    const duplicate = await insertClient(database.db, f.siteA, { voided: "duplicate" });
    await insertContact(database.db, f.siteA, duplicate, "2011-07-06");
    const outside = await insertClient(database.db, f.siteB, { sex: "male" });
    await insertContact(database.db, f.siteB, outside, "2011-06-30");
    await insertContact(database.db, f.siteB, outside, "2011-10-01");
    const inB = await insertClient(database.db, f.siteB);
    await insertContact(database.db, f.siteB, inB, "2011-08-01");

    const all = await compute();
    expect(total(all, "people_reached")).toBe(2);
    expect(cells(all, "people_reached", ["sex"])).toEqual({ female: 2 });
    const onlyA = await compute("2011Q3", { sites: [f.siteA.id] });
    expect(total(onlyA, "people_reached")).toBe(1);
    expect(onlyA.sites.map((s) => s.id)).toEqual([f.siteA.id]);
    expect(cells(onlyA, "people_reached", ["site"])).toEqual({ [f.siteA.id]: 1 });
    // No sites at all (a user linked to none) counts nothing.
    expect(total(await compute("2011Q3", { sites: [] }), "people_reached")).toBe(0);
  });

  it("bands age at the date of service, across New Year: a person at their first contact, a contact at its own", async () => {
    // Born 1996: 14 in December 2010, 15 from January 2011 (service year − birth year).
    const client = await insertClient(database.db, f.siteA, { birthYear: 1996 });
    await insertContact(database.db, f.siteA, client, "2010-12-15");
    await insertContact(database.db, f.siteA, client, "2011-01-10");
    const winter = await compute("2010-12-01..2011-01-31");
    expect(cells(winter, "people_reached", ["age_band"])).toEqual({ "<15": 1 });
    expect(cells(winter, "contacts", ["age_band"])).toEqual({ "<15": 1, "15-19": 1 });
    expect(cells(await compute("2011-01"), "people_reached", ["age_band"])).toEqual({
      "15-19": 1,
    });
  });

  it("puts a birth year after the contact in 'unknown', so the bands still add up", async () => {
    const client = await insertClient(database.db, f.siteA, { birthYear: 2012 });
    await insertContact(database.db, f.siteA, client, "2011-07-04");
    expect(cells(await compute(), "people_reached", ["age_band"])).toEqual({ unknown: 1 });
  });

  it("gives every category, zeros included, each partition adding up to the total; no commune last", async () => {
    const groups: PopulationGroup[] = ["pwid", "pwid", "sex_worker", "msm", "partner_pwud"];
    const birthYears = [1960, 1979, 1988, 1997, 1970];
    for (const [i, group] of groups.entries()) {
      const client = await insertClient(database.db, f.siteA, {
        birthYear: birthYears[i]!,
        sex: i % 2 ? "male" : "female",
      });
      await setGroup(client, group);
      await insertContact(database.db, f.siteA, client, "2011-08-01", {
        communeId: i === 4 ? null : f.siteA.communes[i % 2]!,
      });
    }
    const set = await compute();
    const figure = set.figures.people_reached!;
    expect(figure.total).toBe(5);
    expect(figure.by.sex!.map((c) => c.categories.sex)).toEqual(["female", "male", "other"]);
    expect(figure.by.age_band).toHaveLength(10);
    expect(figure.by.population_group).toHaveLength(7);
    for (const key of ["sex", "age_band", "population_group"]) {
      expect(
        figure.by[key]!.reduce((n, c) => n + (c.value ?? 0), 0),
        key,
      ).toBe(5);
    }
    expect(cells(set, "people_reached", ["age_band"])).toEqual({
      "40-44": 1,
      "30-34": 1,
      "20-24": 1,
      "<15": 1,
      "50+": 1,
    });
    // Every area commune is listed (zeros too), then the contacts with no commune.
    expect(figure.by.commune!.at(-1)).toEqual({ categories: { commune: null }, value: 1 });
    expect(figure.by.commune!.length).toBe(set.communes.length + 1);
  });

  it("crosses dimensions (age band × sex) with every combination present", async () => {
    await insertContact(
      database.db,
      f.siteA,
      await insertClient(database.db, f.siteA, { birthYear: 1990, sex: "male" }),
      "2011-07-04",
    );
    const set = await compute("2011Q3", { by: [["age_band", "sex"]] });
    const list = set.figures.people_reached!.by["age_band+sex"]!;
    expect(list).toHaveLength(10 * 3);
    expect(cells(set, "people_reached", ["age_band", "sex"])).toEqual({ "20-24|male": 1 });
  });

  it("limits to one commune", async () => {
    const a = await insertClient(database.db, f.siteA);
    await insertContact(database.db, f.siteA, a, "2011-07-04", {
      communeId: f.siteA.communes[0]!,
    });
    await insertContact(
      database.db,
      f.siteA,
      await insertClient(database.db, f.siteA),
      "2011-07-05",
      {
        communeId: f.siteA.communes[1]!,
      },
    );
    const set = await compute("2011Q3", { communeId: f.siteA.communes[1]! });
    expect(total(set, "people_reached")).toBe(1);
    expect(total(set, "communes_in_area")).toBe(1);
    expect(total(set, "population_size_estimate")).toBeNull();
  });

  it("answers zero everywhere for a period without records", async () => {
    const set = await compute("2012");
    expect(total(set, "people_reached")).toBe(0);
    expect(set.figures.people_reached!.by.sex!.every((c) => c.value === 0)).toBe(true);
    expect(total(set, "hiv_positivity")).toBeNull();
    expect(total(set, "referral_completion_rate")).toBeNull();
  });
});

describe("groups, referrals, tests and treatment", () => {
  it("counts meetings (with or without attendance) and attendances, leaving out voided ones", async () => {
    const a = await insertClient(database.db, f.siteA);
    const b = await insertClient(database.db, f.siteA);
    await insertGroupSession(database.db, f.siteA, "2011-07-10", [a, b]);
    await insertGroupSession(database.db, f.siteA, "2011-08-10", [a]);
    await insertGroupSession(database.db, f.siteB, "2011-08-11", []);
    await insertGroupSession(database.db, f.siteB, "2011-08-12", [a], { voided: "twice" });
    const set = await compute();
    expect(total(set, "group_sessions")).toBe(3);
    expect(total(set, "group_attendances")).toBe(3);
    expect(cells(set, "group_sessions", ["site"])).toEqual({ [f.siteA.id]: 2, [f.siteB.id]: 1 });
  });

  it("counts referrals made by the date of referral and completed ones whenever they arrived, by service", async () => {
    const c = await insertClient(database.db, f.siteA);
    await insertReferral(database.db, f.siteA, c, {
      service: "hiv_test",
      referredOn: "2011-07-01",
      arrivedOn: "2011-07-03",
    });
    await insertReferral(database.db, f.siteA, c, {
      service: "mmt",
      referredOn: "2011-09-28",
      arrivedOn: "2011-10-05",
    });
    await insertReferral(database.db, f.siteA, c, {
      service: "sti",
      referredOn: "2011-08-01",
      arrivedOn: null,
    });
    await insertReferral(database.db, f.siteA, c, {
      service: "sti",
      referredOn: "2011-06-30",
      arrivedOn: "2011-07-02",
    });
    const set = await compute("2011Q3", { by: [["service"], ["site"]] });
    expect(total(set, "referrals_made")).toBe(3);
    expect(total(set, "referrals_completed")).toBe(2);
    expect(total(set, "referral_completion_rate")).toBeCloseTo(2 / 3);
    expect(cells(set, "referrals_made", ["service"])).toEqual({ hiv_test: 1, mmt: 1, sti: 1 });
    expect(cells(set, "referral_completion_rate", ["service"])).toEqual({
      hiv_test: 1,
      mmt: 1,
      // sti: 0 (one made, none completed) is left out by cells(); services with no referral cannot be divided: null, not 0.
      art: null,
      prep: null,
      srh: null,
    });
    // Visits to testing count arrivals in the period (the referral from June arrived in July).
    expect(total(set, "hiv_test_visits")).toBe(1);
  });

  it("counts tests by the date of the result, positives, positivity and linkage to ART after the result", async () => {
    const linked = await insertClient(database.db, f.siteA, { birthYear: 1990, sex: "male" });
    const notLinked = await insertClient(database.db, f.siteA, { birthYear: 1995 });
    const negative = await insertClient(database.db, f.siteB, { birthYear: 1990 });
    await insertReferral(database.db, f.siteA, linked, {
      arrivedOn: "2011-07-12",
      result: "positive",
    });
    await insertReferral(database.db, f.siteA, linked, {
      service: "art",
      referredOn: "2011-07-13",
      arrivedOn: "2011-07-20",
    });
    await insertReferral(database.db, f.siteA, notLinked, {
      arrivedOn: "2011-08-01",
      result: "positive",
    });
    // An ART arrival BEFORE the result is not linkage from this test.
    await insertReferral(database.db, f.siteA, notLinked, {
      service: "art",
      referredOn: "2011-07-01",
      arrivedOn: "2011-07-02",
    });
    await insertReferral(database.db, f.siteB, negative, {
      arrivedOn: "2011-09-01",
      result: "negative",
    });
    // A result recorded after the period counts in the next one.
    await insertReferral(database.db, f.siteB, negative, {
      arrivedOn: "2011-09-30",
      result: "negative",
      resultOn: "2011-10-02",
    });
    const set = await compute("2011Q3", {
      by: [["age_band", "sex"], ["result"], ["modality"], ["site"]],
    });
    expect(total(set, "hiv_tests")).toBe(3);
    expect(total(set, "hts_tst")).toBe(3);
    expect(total(set, "hiv_positives")).toBe(2);
    expect(total(set, "hts_tst_pos")).toBe(2);
    expect(total(set, "hiv_positivity")).toBeCloseTo(2 / 3);
    expect(total(set, "linked_to_treatment")).toBe(1);
    expect(total(set, "linkage_rate")).toBeCloseTo(1 / 2);
    expect(cells(set, "hts_tst", ["age_band", "sex"])).toEqual({
      "20-24|male": 1,
      "15-19|female": 1,
      "20-24|female": 1,
    });
    expect(cells(set, "hts_tst", ["result"])).toEqual({ positive: 2, negative: 1 });
    expect(cells(set, "hts_tst", ["modality"])).toEqual({ vct: 3 });
    expect(cells(set, "hiv_positivity", ["site"])).toEqual({ [f.siteA.id]: 1 });
    expect(
      set.figures.hiv_positivity!.by.site!.find((c) => c.categories.site === f.siteB.id)!.value,
    ).toBe(0);
  });

  it("counts people new on ART or PrEP at their first arrival ever, once", async () => {
    const newOnArt = await insertClient(database.db, f.siteA);
    const alreadyOnArt = await insertClient(database.db, f.siteA);
    const onPrep = await insertClient(database.db, f.siteB);
    await insertReferral(database.db, f.siteA, newOnArt, {
      service: "art",
      referredOn: "2011-07-10",
      arrivedOn: "2011-07-11",
    });
    await insertReferral(database.db, f.siteA, newOnArt, {
      service: "art",
      referredOn: "2011-08-10",
      arrivedOn: "2011-08-11",
    });
    // Two first arrivals on one day: one of them is the first.
    await insertReferral(database.db, f.siteB, onPrep, {
      service: "prep",
      referredOn: "2011-09-01",
      arrivedOn: "2011-09-02",
    });
    await insertReferral(database.db, f.siteA, alreadyOnArt, {
      service: "art",
      referredOn: "2011-05-10",
      arrivedOn: "2011-05-11",
    });
    await insertReferral(database.db, f.siteA, alreadyOnArt, {
      service: "art",
      referredOn: "2011-08-10",
      arrivedOn: "2011-08-12",
    });
    await insertReferral(database.db, f.siteB, onPrep, {
      service: "prep",
      referredOn: "2011-09-01",
      arrivedOn: "2011-09-02",
    });
    await insertReferral(database.db, f.siteB, onPrep, {
      service: "prep",
      referredOn: "2011-09-01",
      arrivedOn: null,
    });
    const set = await compute();
    expect(total(set, "tx_new")).toBe(1);
    expect(total(set, "prep_new")).toBe(1);
    expect(cells(set, "tx_new", ["month"])).toEqual({ "2011-07": 1 });
    expect(cells(set, "prep_new", ["site"])).toEqual({ [f.siteB.id]: 1 });
  });

  it("splits prevention into key and priority populations, with testing status", async () => {
    const partner = await insertClient(database.db, f.siteA);
    const pwid = await insertClient(database.db, f.siteA, { sex: "male" });
    await setGroup(pwid, "pwid");
    const knownPositive = await insertClient(database.db, f.siteB, { sex: "male" });
    await setGroup(knownPositive, "msm");
    const atMeeting = await insertClient(database.db, f.siteB);
    await setGroup(atMeeting, "sex_worker");
    await insertContact(database.db, f.siteA, partner, "2011-07-04");
    await insertContact(database.db, f.siteA, pwid, "2011-07-04");
    await insertReferral(database.db, f.siteA, pwid, { referredOn: "2011-07-05", arrivedOn: null });
    await insertReferral(database.db, f.siteB, knownPositive, {
      referredOn: "2011-05-01",
      arrivedOn: "2011-05-02",
      result: "positive",
    });
    await insertContact(database.db, f.siteB, knownPositive, "2011-08-01");
    // Reached only at a group meeting: small-group prevention counts for KP_PREV.
    await insertGroupSession(database.db, f.siteB, "2011-08-20", [atMeeting]);
    const set = await compute("2011Q3", { by: [["population_group"], ["testing_status"]] });
    expect(total(set, "kp_prev")).toBe(3);
    expect(total(set, "pp_prev")).toBe(1);
    expect(cells(set, "kp_prev", ["population_group"])).toEqual({ pwid: 1, msm: 1, sex_worker: 1 });
    expect(cells(set, "kp_prev", ["testing_status"])).toEqual({
      known_positive: 1,
      tested_or_referred: 1,
      not_tested: 1,
    });
    expect(cells(set, "pp_prev", ["testing_status"])).toEqual({ not_tested: 1 });
    // By site only, as a dashboard asks: the population group still splits them.
    const bySite = await compute("2011Q3", { by: [["site"]] });
    expect(total(bySite, "kp_prev")).toBe(3);
    expect(total(bySite, "pp_prev")).toBe(1);
  });
});

describe("commodities, capacity, supervision and area", () => {
  it("sums commodities by item and condoms alone, leaving out voided ones", async () => {
    await insertDistribution(database.db, f.siteA, 100);
    await insertDistribution(database.db, f.siteA, 20, { item: "lubricant" });
    await insertDistribution(database.db, f.siteB, 50, { voided: "typo" });
    await insertDistribution(database.db, f.siteB, 7, { date: "2011-10-01" });
    const set = await compute("2011Q3", { by: [["item"], ["site"]] });
    expect(total(set, "condoms_distributed")).toBe(100);
    expect(total(set, "commodities_distributed")).toBe(120);
    expect(cells(set, "commodities_distributed", ["item"])).toEqual({ condom: 100, lubricant: 20 });
  });

  it("counts trainings, people trained once, coaching rounds at their site, and supervision visits", async () => {
    await insertTraining(database.db, f, [f.staffA, f.staffB]);
    await insertTraining(database.db, f, [f.staffA], { date: "2011-09-01" });
    await insertTraining(database.db, f, [], { kind: "coaching", site: f.siteB });
    await insertTraining(database.db, f, [f.staffB], { voided: "cancelled" });
    for (const [site, date] of [
      [f.siteA.id, "2011-07-20"],
      [f.siteA.id, "2011-10-20"],
    ] as const) {
      await database.db
        .insertInto("supervision_visits")
        .values({ id: newId(), site_id: site, visited_on: date, created_by: null })
        .execute();
    }
    const set = await compute();
    expect(total(set, "trainings")).toBe(2);
    expect(total(set, "people_trained")).toBe(2);
    expect(total(set, "coaching_rounds")).toBe(1);
    expect(cells(set, "trainings", ["site"])).toEqual({ [f.siteA.id]: 2, [f.siteB.id]: 1 });
    expect(cells(set, "coaching_rounds", ["site"])).toEqual({ [f.siteB.id]: 1 });
    expect(total(set, "supervision_visits")).toBe(1);
    const onlyB = await compute("2011Q3", { sites: [f.siteB.id] });
    expect(total(onlyB, "trainings")).toBe(1);
    expect(total(onlyB, "people_trained")).toBe(1);
  });

  it("gives communes in area and the size estimate per site, and reach against it", async () => {
    await insertContact(
      database.db,
      f.siteA,
      await insertClient(database.db, f.siteA),
      "2011-07-04",
    );
    const set = await compute();
    const siteA = set.sites.find((s) => s.id === f.siteA.id)!;
    expect(cells(set, "communes_in_area", ["site"])[f.siteA.id]).toBe(f.siteA.communes.length);
    expect(total(set, "reach_vs_estimate")).toBeCloseTo(
      1 / set.sites.reduce((n, s) => n + (s.population_size_estimate ?? 0), 0),
    );
    expect(cells(set, "reach_vs_estimate", ["site"])[f.siteA.id]).toBeCloseTo(
      1 / siteA.population_size_estimate!,
    );

    // Each indicator its own disaggregations: the ratio by site gets its parts by site, and a
    // figure asked for by nothing has no cells.
    const own = await computeIndicators(database.db, {
      projectId: f.projectId,
      period: parsePeriod("2011Q3"),
      sites: "all",
      indicators: ["reach_vs_estimate", "contacts"],
      by: (id) => (id === "reach_vs_estimate" ? [["site"], ["month"]] : []),
    });
    expect(own.figures.reach_vs_estimate?.by.site).toEqual(set.figures.reach_vs_estimate?.by.site);
    expect(Object.keys(own.figures.reach_vs_estimate?.by ?? {})).toEqual(["site"]);
    expect(own.figures.contacts).toEqual({ id: "contacts", total: 1, by: {} });
  });
});
