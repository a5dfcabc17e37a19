import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { openTestDatabase } from "../test-support/database.js";
import {
  insertClient,
  insertProjectFixture,
  insertReferral,
  type ProjectFixture,
} from "../test-support/fixtures.js";
import { partitions } from "./publish.js";
import { computeRelease } from "./release.js";

let database: Database;
let f: ProjectFixture;

beforeEach(async () => {
  database = await openTestDatabase();
  f = await insertProjectFixture(database.db);
});
afterEach(async () => database.close());

describe("public figures", () => {
  it("knows which breakdowns add up to the total", () => {
    expect(partitions("people_reached", ["sex"])).toBe(true);
    expect(partitions("people_reached", ["site"])).toBe(false);
    expect(partitions("people_reached", ["month"])).toBe(false);
    expect(partitions("contacts", ["site"])).toBe(true);
  });

  it("withholds a ratio whose parts are withheld, in total and at the site", async () => {
    const client = await insertClient(database.db, f.siteA);
    await insertReferral(database.db, f.siteA, client, { result: "positive" });
    for (let i = 0; i < 9; i++) {
      await insertReferral(database.db, f.siteA, await insertClient(database.db, f.siteA), {
        result: "negative",
      });
    }
    const release = await computeRelease(database.db, f.slug, {
      indicators: ["hiv_tests", "hiv_positives", "hiv_positivity"],
    });
    const project = release.sets.get("project")!;
    expect(project.figures.hiv_tests!.total).toBe(10);
    expect(project.figures.hiv_positives!.total).toBeNull();
    expect(project.figures.hiv_positivity!.total).toBeNull();
    const atA = project.figures.hiv_positivity!.by.site!.find(
      (c) => c.categories.site === f.siteA.id,
    );
    expect(atA).toMatchObject({ value: null, withheld: "complementary" });
  });
});
