import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture, type ProjectFixture } from "../test-support/fixtures.js";
import { achievement } from "./targets.js";

describe("achievement", () => {
  it("is the value as a percentage of the target", () => {
    expect(achievement(462, 400)).toBeCloseTo(115.5);
    expect(achievement(0, 50)).toBe(0);
    expect(achievement(25, "100.0")).toBe(25);
  });

  it("is null without a target, for a zero target, and for an unknown or withheld value", () => {
    expect(achievement(10, null)).toBeNull();
    expect(achievement(10, undefined)).toBeNull();
    expect(achievement(10, 0)).toBeNull();
    expect(achievement(10, "0")).toBeNull();
    expect(achievement(null, 100)).toBeNull();
    expect(achievement(Number.NaN, 100)).toBeNull();
  });
});

describe("the targets table", () => {
  let database: Database;
  let f: ProjectFixture;
  beforeEach(async () => {
    database = await openTestDatabase();
    f = await insertProjectFixture(database.db);
  });
  afterEach(async () => database.close());

  const target = (values: {
    site_id?: string | null;
    value?: number | string;
    period_end?: string;
  }) =>
    database.db
      .insertInto("targets")
      .values({
        project_id: f.projectId,
        site_id: values.site_id ?? null,
        indicator_id: "people_reached",
        period_start: "2011-07-01",
        period_end: values.period_end ?? "2011-10-31",
        value: values.value ?? 400,
      })
      .returning(["id", "value"])
      .executeTakeFirstOrThrow();

  it("keeps a project-wide and a per-site target, the value exact", async () => {
    await target({});
    const row = await target({ site_id: f.siteA.id, value: 2.5 });
    expect(row.value).toBe("2.5");
    expect(achievement(5, row.value)).toBe(200);
  });

  it("refuses a second target for the same scope, indicator and period, project-wide too", async () => {
    await target({});
    await expect(target({})).rejects.toThrow(/unique|duplicate/i);
    await target({ site_id: f.siteA.id });
    await expect(target({ site_id: f.siteA.id })).rejects.toThrow(/unique|duplicate/i);
  });

  it("refuses a negative value, a reversed period, and a site of another project", async () => {
    await expect(target({ value: -1 })).rejects.toThrow(/check/i);
    await expect(target({ period_end: "2011-06-30" })).rejects.toThrow(/check/i);
    const other = await insertProjectFixture(database.db, "other-project");
    await expect(target({ site_id: other.siteA.id })).rejects.toThrow(/foreign key/i);
  });
});
