// Acceptance: the demo's records, through the indicator engine, give the seed page's figures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { loadDemo } from "../demo/service.js";
import { openTestDatabase } from "../test-support/database.js";
import { computeProjectResults, type ProjectResults } from "./service.js";

describe("the seed project's results, computed from the demo's records", () => {
  let database: Database;
  let results: ProjectResults;

  beforeAll(async () => {
    database = await openTestDatabase();
    await loadDemo(database.db);
    results = await computeProjectResults(database.db, { slug: "dien-bien" });
  });
  afterAll(async () => database.close());

  it("covers July to October 2011", () => {
    expect(results.period).toEqual({ from: "2011-07-01", to: "2011-10-31" });
  });

  it("equals the seed's published figures", () => {
    expect(results.total).toMatchObject({
      people_reached: 462,
      contacts: 477,
      group_sessions: 11,
      group_attendances: 241,
      hiv_test_visits: 254,
      condoms_distributed: 500,
      trainings: 2,
      people_trained: 19,
      coaching_rounds: 6,
    });
    expect(results.suppressed).toEqual([]);
  });

  it("has two coaching rounds at each of the three sites, and their coverage and estimates", () => {
    const bySite = Object.fromEntries(results.sites.map((s) => [s.code, s.values]));
    expect(Object.keys(bySite).sort()).toEqual(["DB", "DBP", "TG"]);
    expect(bySite.DBP).toMatchObject({
      coaching_rounds: 2,
      communes_covered: 9,
      communes_in_area: 9,
      population_size_estimate: 180,
    });
    expect(bySite.DB).toMatchObject({
      coaching_rounds: 2,
      communes_covered: 9,
      communes_in_area: 19,
      population_size_estimate: 300,
    });
    expect(bySite.TG).toMatchObject({
      coaching_rounds: 2,
      communes_covered: 7,
      communes_in_area: 14,
      population_size_estimate: 270,
    });
    for (const site of results.sites) {
      expect(site.values.reach_vs_estimate).toBeCloseTo(
        site.values.people_reached! / site.values.population_size_estimate!,
      );
    }
  });
});
