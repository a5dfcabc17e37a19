import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { openTestDatabase } from "../test-support/database.js";
import { ageAtService, ageBandLabels, ageBandOf, sqlAgeBand } from "./age-bands.js";

describe("age at the date of service (birth year only: service year − birth year)", () => {
  it("is the same all through a calendar year, whatever the real birthday", () => {
    expect(ageAtService(1996, "2011-01-01")).toBe(15);
    expect(ageAtService(1996, "2011-12-31")).toBe(15);
  });

  it("moves to the next band on 1 January, the only birthday a birth year allows", () => {
    // Born 1996: 14 on the last day of 2010, 15 on the first day of 2011.
    expect(ageBandOf(ageAtService(1996, "2010-12-31"))).toBe("<15");
    expect(ageBandOf(ageAtService(1996, "2011-01-01"))).toBe("15-19");
    expect(ageBandOf(ageAtService(1961, "2010-12-31"))).toBe("45-49");
    expect(ageBandOf(ageAtService(1961, "2011-01-01"))).toBe("50+");
  });
});

describe("the donors' bands", () => {
  it.each([
    [0, "<15"],
    [14, "<15"],
    [15, "15-19"],
    [19, "15-19"],
    [20, "20-24"],
    [24, "20-24"],
    [25, "25-29"],
    [34, "30-34"],
    [35, "35-39"],
    [44, "40-44"],
    [45, "45-49"],
    [49, "45-49"],
    [50, "50+"],
    [99, "50+"],
    [-1, "unknown"],
  ])("age %i is %s", (age, band) => {
    expect(ageBandOf(age)).toBe(band);
  });

  it("lists every band once, in order, with unknown last", () => {
    expect(ageBandLabels).toEqual([
      "<15",
      "15-19",
      "20-24",
      "25-29",
      "30-34",
      "35-39",
      "40-44",
      "45-49",
      "50+",
      "unknown",
    ]);
  });
});

describe("the SQL banding", () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => database.close());

  it("agrees with the TypeScript one for every birth year from 1940 to 2015 in 2011", async () => {
    const { rows } = await sql<{ birth_year: number; band: string }>`
      select y as birth_year, ${sqlAgeBand(sql.ref("y"), sql`date '2011-07-04'`)} as band
        from generate_series(1940, 2015) as y`.execute(database.db);
    expect(rows).toHaveLength(76);
    for (const row of rows) {
      expect(row.band, `born ${row.birth_year}`).toBe(
        ageBandOf(ageAtService(row.birth_year, "2011-07-04")),
      );
    }
  });
});
