import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { openTestDatabase } from "../test-support/database.js";
import {
  insertClient,
  insertContact,
  insertProjectFixture,
  insertReferral,
  type ProjectFixture,
} from "../test-support/fixtures.js";
import { computeIndicators } from "./engine.js";
import { parsePeriod } from "./periods.js";
import { partitions, publishIndicators } from "./publish.js";

let database: Database;
let f: ProjectFixture;

beforeEach(async () => {
  database = await openTestDatabase();
  f = await insertProjectFixture(database.db);
});
afterEach(async () => database.close());

const published = async () =>
  publishIndicators(
    await computeIndicators(database.db, {
      projectId: f.projectId,
      period: parsePeriod("2011Q3"),
      sites: "all",
      indicators: ["people_reached", "contacts", "hiv_tests", "hiv_positives", "hiv_positivity"],
      by: [["sex"], ["age_band"], ["site"], ["result"]],
    }),
  );

describe("public figures", () => {
  it("knows which breakdowns add up to the total", () => {
    expect(partitions("people_reached", ["sex"])).toBe(true);
    expect(partitions("people_reached", ["site"])).toBe(false);
    expect(partitions("people_reached", ["month"])).toBe(false);
    expect(partitions("contacts", ["site"])).toBe(true);
  });

  it("withholds a small sex cell and its complement, and keeps the total", async () => {
    for (let i = 0; i < 8; i++) {
      const client = await insertClient(database.db, f.siteA, { sex: i < 6 ? "female" : "male" });
      await insertContact(database.db, f.siteA, client, "2011-07-04");
    }
    const set = await published();
    const reached = set.figures.people_reached!;
    expect(reached.total).toBe(8);
    expect(reached.by.sex!.map((c) => [c.value, c.withheld])).toEqual([
      [null, "complementary"],
      [null, "small"],
      [0, null],
    ]);
    // Everyone is 26: one non-zero cell equal to the total hides nothing.
    expect(reached.by.age_band!.find((c) => c.categories.age_band === "25-29")!.value).toBe(8);
  });

  it("withholds the headline and every breakdown when one breakdown has to hide the total", async () => {
    // 6 women of whom one is 14 and five are 26: by age, 1 + 5 gives the 1 away whatever else is
    // hidden, so the total goes — and with it the sex split, which would give the total back.
    for (let i = 0; i < 6; i++) {
      const client = await insertClient(database.db, f.siteA, { birthYear: i ? 1985 : 1997 });
      await insertContact(database.db, f.siteA, client, "2011-07-04");
    }
    const reached = (await published()).figures.people_reached!;
    expect(reached.total).toBeNull();
    expect(reached.withheld).toBe("total_withheld");
    for (const list of Object.values(reached.by)) {
      expect(list.every((c) => c.value === null)).toBe(true);
    }
  });

  it("withholds a ratio whose parts are withheld", async () => {
    const client = await insertClient(database.db, f.siteA);
    await insertReferral(database.db, f.siteA, client, { result: "positive" });
    for (let i = 0; i < 9; i++) {
      await insertReferral(database.db, f.siteA, await insertClient(database.db, f.siteA), {
        result: "negative",
      });
    }
    const set = await published();
    expect(set.figures.hiv_tests!.total).toBe(10);
    expect(set.figures.hiv_positives!.total).toBeNull();
    expect(set.figures.hiv_positivity!.total).toBeNull();
    // The result split would give the positive away (10 − 9): both cells are withheld.
    expect(set.figures.hiv_tests!.by.result!.map((c) => c.value)).toEqual([null, null, 0]);
  });
});
