import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import type { PopulationGroup } from "../db/schema.js";
import { openTestDatabase } from "../test-support/database.js";
import {
  insertClient,
  insertContact,
  insertProjectFixture,
  type ProjectFixture,
} from "../test-support/fixtures.js";
import { type PeopleReached, peopleReached, publicPeopleReached } from "./disaggregate.js";
import { parsePeriod } from "./periods.js";

let database: Database;
let f: ProjectFixture;

beforeEach(async () => {
  database = await openTestDatabase();
  f = await insertProjectFixture(database.db);
});
afterEach(async () => database.close());

const reached = (period = "2011Q3", options: { siteId?: string } = {}) =>
  peopleReached(database.db, { projectId: f.projectId, period: parsePeriod(period), ...options });

/** The non-empty cells of one disaggregation, as { category: people }. */
const cells = (result: PeopleReached, dimension: keyof PeopleReached["by"]) =>
  Object.fromEntries(
    (result.by[dimension] ?? []).filter((c) => c.people > 0).map((c) => [c.category, c.people]),
  );

const setGroup = (clientId: string, group: PopulationGroup) =>
  database.db
    .updateTable("clients")
    .set({ population_group: group })
    .where("id", "=", clientId)
    .execute();

describe("people reached, disaggregated", () => {
  it("counts a person seen in two months of a quarter once, in the total and in every cell", async () => {
    const client = await insertClient(database.db, f.siteA, { birthYear: 1985 });
    await insertContact(database.db, f.siteA, client, "2011-07-04");
    await insertContact(database.db, f.siteA, client, "2011-09-20");
    const result = await reached();
    expect(result.total).toBe(1);
    expect(cells(result, "sex")).toEqual({ female: 1 });
    expect(cells(result, "age_band")).toEqual({ "25-29": 1 });
    expect(cells(result, "population_group")).toEqual({ partner_pwud: 1 });
    expect(cells(result, "site")).toEqual({ [f.siteA.id]: 1 });
    expect(cells(result, "commune")).toEqual({ [f.siteA.communes[0]!]: 1 });
  });

  it("counts a client reached at two sites once in the total and once per site", async () => {
    const mobile = await insertClient(database.db, f.siteA);
    const local = await insertClient(database.db, f.siteB, { sex: "male" });
    await insertContact(database.db, f.siteA, mobile, "2011-07-04");
    await insertContact(database.db, f.siteB, mobile, "2011-08-04");
    await insertContact(database.db, f.siteB, local, "2011-08-05");
    const result = await reached();
    expect(result.total).toBe(2);
    expect(cells(result, "site")).toEqual({ [f.siteA.id]: 1, [f.siteB.id]: 2 });
    expect(cells(result, "commune")).toEqual({
      [f.siteA.communes[0]!]: 1,
      [f.siteB.communes[0]!]: 2,
    });
    expect(cells(result, "sex")).toEqual({ female: 1, male: 1 });
  });

  it("leaves out voided contacts, voided clients, and contacts outside the period", async () => {
    const client = await insertClient(database.db, f.siteA);
    await insertContact(database.db, f.siteA, client, "2011-07-04");
    const voidedOnly = await insertClient(database.db, f.siteA, { sex: "male" });
    await insertContact(database.db, f.siteA, voidedOnly, "2011-07-05", {
      voided: "entered twice",
    });
    const duplicate = await insertClient(database.db, f.siteA, { voided: "duplicate" });
    await insertContact(database.db, f.siteA, duplicate, "2011-07-06");
    const outside = await insertClient(database.db, f.siteB, { sex: "male" });
    await insertContact(database.db, f.siteB, outside, "2011-06-30");
    await insertContact(database.db, f.siteB, outside, "2011-10-01");
    const result = await reached();
    expect(result.total).toBe(1);
    expect(cells(result, "sex")).toEqual({ female: 1 });
    expect(cells(result, "site")).toEqual({ [f.siteA.id]: 1 });
  });

  it("bands age at the first contact in the period, across New Year", async () => {
    // Born 1996: 14 in December 2010, 15 from January 2011 (service year − birth year).
    const client = await insertClient(database.db, f.siteA, { birthYear: 1996 });
    await insertContact(database.db, f.siteA, client, "2010-12-15");
    await insertContact(database.db, f.siteA, client, "2011-01-10");
    expect(cells(await reached("2010-12-01..2011-01-31"), "age_band")).toEqual({ "<15": 1 });
    expect(cells(await reached("2011-01"), "age_band")).toEqual({ "15-19": 1 });
    expect(cells(await reached("2010-12"), "age_band")).toEqual({ "<15": 1 });
  });

  it("puts a birth year after the contact in 'unknown', so the bands still add up", async () => {
    const client = await insertClient(database.db, f.siteA, { birthYear: 2012 });
    await insertContact(database.db, f.siteA, client, "2011-07-04");
    expect(cells(await reached(), "age_band")).toEqual({ unknown: 1 });
  });

  it("gives every category of sex, age band and group, zeros included, each adding up to the total", async () => {
    const groups: PopulationGroup[] = ["pwid", "pwid", "sex_worker", "msm", "partner_pwud"];
    const birthYears = [1960, 1979, 1988, 1997, 1970]; // 51, 32, 23, 14 and 41 in 2011
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
    const result = await reached();
    expect(result.total).toBe(5);
    expect(result.by.sex!.map((c) => c.category)).toEqual(["female", "male", "other"]);
    expect(result.by.age_band).toHaveLength(10);
    expect(result.by.population_group).toHaveLength(7);
    for (const dimension of ["sex", "age_band", "population_group"] as const) {
      expect(
        result.by[dimension]!.reduce((n, c) => n + c.people, 0),
        dimension,
      ).toBe(5);
    }
    expect(cells(result, "population_group")).toEqual({
      pwid: 2,
      sex_worker: 1,
      msm: 1,
      partner_pwud: 1,
    });
    expect(cells(result, "age_band")).toEqual({
      "40-44": 1,
      "30-34": 1,
      "20-24": 1,
      "<15": 1,
      "50+": 1,
    });
    // A contact without a commune is its own cell ("not recorded"), listed last.
    expect(result.by.commune!.at(-1)).toEqual({ category: null, people: 1 });
  });

  it("limits to one site, and to the disaggregations asked for", async () => {
    const client = await insertClient(database.db, f.siteA);
    await insertContact(database.db, f.siteA, client, "2011-07-04");
    await insertContact(
      database.db,
      f.siteB,
      await insertClient(database.db, f.siteB),
      "2011-07-04",
    );
    const result = await peopleReached(database.db, {
      projectId: f.projectId,
      period: parsePeriod("2011-07"),
      siteId: f.siteB.id,
      by: ["sex"],
    });
    expect(result.total).toBe(1);
    expect(Object.keys(result.by)).toEqual(["sex"]);
    expect(cells(result, "sex")).toEqual({ female: 1 });
  });

  it("answers zero everywhere for a period without contacts", async () => {
    const result = await reached("2012");
    expect(result.total).toBe(0);
    expect(result.by.sex!.every((c) => c.people === 0)).toBe(true);
    expect(result.by.site).toEqual([]);
  });
});

describe("public people reached", () => {
  it("withholds a small sex cell and its complement, keeps the total", async () => {
    for (let i = 0; i < 8; i++) {
      const client = await insertClient(database.db, f.siteA, {
        sex: i < 6 ? "female" : "male",
        birthYear: 1985,
      });
      await insertContact(database.db, f.siteA, client, "2011-07-04");
    }
    const published = publicPeopleReached(await reached());
    expect(published.sex).toMatchObject({
      total: 8,
      cells: [
        { key: "female", value: null, withheld: "complementary" },
        { key: "male", value: null, withheld: "small" },
        { key: "other", value: 0, withheld: null },
      ],
    });
    // Everyone is 26 and a partner: one non-zero cell is the total, nothing to hide.
    expect(published.age_band!.cells.find((c) => c.key === "25-29")!.value).toBe(8);
    expect(published.site).toBeUndefined();
  });

  it("withholds the total in every disaggregation when one of them needs it", async () => {
    // 6 people: 1 aged 14, 5 aged 26, all women, all partners. Age: 1 + 5 gives the 1 away.
    for (let i = 0; i < 6; i++) {
      const client = await insertClient(database.db, f.siteA, { birthYear: i ? 1985 : 1997 });
      await insertContact(database.db, f.siteA, client, "2011-07-04");
    }
    const published = publicPeopleReached(await reached());
    for (const d of Object.values(published)) {
      expect(d.totalWithheld).toBe(true);
      expect(d.cells.every((c) => c.value === null)).toBe(true);
    }
  });
});
