import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/policy.js";
import type { Database } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { openTestDatabase } from "../test-support/database.js";
import {
  insertProjectFixture,
  insertReportRecords,
  type ProjectFixture,
} from "../test-support/fixtures.js";
import { insertUser } from "../test-support/users.js";
import { buildDashboard, periodChoicesOf } from "./dashboard.js";
import { type DashboardInput, resolveDashboardScope } from "./dashboard-scope.js";
import { setTargets } from "./targets.js";

let database: Database;
let f: ProjectFixture;
let admin: SessionUser;
let coordinatorA: SessionUser;
let supervisorB: SessionUser;
const now = new Date("2011-11-15T03:00:00Z");

beforeAll(async () => {
  database = await openTestDatabase();
  f = await insertProjectFixture(database.db);
  await insertReportRecords(database.db, f);
  await setTargets(database.db, f.projectId, [
    { indicator: "people_reached", period: "2011-07-01..2011-10-31", value: 18 },
    { site: "A", indicator: "people_reached", period: "2011-07-01..2011-10-31", value: 14 },
    { site: "A", indicator: "condoms_distributed", period: "2011Q3", value: 1000 },
  ]);
  admin = await insertUser(database.db, "administrator");
  coordinatorA = await insertUser(database.db, "site_coordinator", { siteIds: [f.siteA.id] });
  supervisorB = await insertUser(database.db, "supervisor", { siteIds: [f.siteB.id] });
});
afterAll(async () => {
  await database.close();
});

async function dashboardFor(user: SessionUser, input: DashboardInput = {}) {
  const scope = await resolveDashboardScope(database.db, f.slug, user, input);
  return buildDashboard(database.db, scope, now);
}

const headline = (d: Awaited<ReturnType<typeof dashboardFor>>, id: string) =>
  d.headline.flatMap((g) => g.figures).find((figure) => figure.id === id);

describe("the dashboard", () => {
  it("shows every indicator, grouped, against the targets of the whole project", async () => {
    const d = await dashboardFor(admin);
    expect(d.scope.periodText).toBe("2011-07-01..2011-10-31");
    expect(d.headline.map((g) => g.group)).toEqual([
      "reach",
      "groups",
      "services",
      "testing",
      "commodities",
      "capacity",
      "area",
      "donor",
    ]);
    expect(d.headline.flatMap((g) => g.figures)).toHaveLength(29);
    // The project-wide target is the whole project's (not the sum of the sites').
    expect(headline(d, "people_reached")).toEqual({
      id: "people_reached",
      unit: "people",
      value: 9,
      target: 18,
      achievement: 50,
    });
    expect(headline(d, "contacts")).toMatchObject({ value: 14, target: null, achievement: null });
    expect(headline(d, "condoms_distributed")).toMatchObject({ value: 1334, target: 1000 });
    expect(d.report.set.sites.map((s) => s.code)).toEqual(["A", "B"]);
  });

  it("draws the monthly trends from the month cells", async () => {
    const d = await dashboardFor(admin);
    const reach = d.trends.find((t) => t.chart === "reach")!;
    expect(reach.months).toEqual(["2011-07", "2011-08", "2011-09", "2011-10"]);
    expect(reach.series).toEqual([
      { id: "people_reached", values: [7, 5, 2, 0] },
      { id: "contacts", values: [7, 5, 2, 0] },
    ]);
    const condoms = d.trends.find((t) => t.chart === "condoms")!;
    expect(condoms.series[0]!.values).toEqual([0, 1234, 100, 0]);
    // Months are counted for the charts' figures only, communes for the commune table's.
    const figures = d.report.set.figures;
    expect(Object.keys(figures.people_reached!.by).sort()).toEqual(["commune", "month", "site"]);
    expect(Object.keys(figures.kp_prev!.by)).toEqual(["site"]);
  });

  it("gives each indicator by site, and each commune's coverage", async () => {
    const d = await dashboardFor(admin);
    expect(d.sites.find((r) => r.id === "people_reached")).toMatchObject({
      total: 9,
      bySite: [7, 2],
    });
    expect(d.sites.find((r) => r.id === "communes_in_area")).toMatchObject({
      total: 13,
      bySite: [9, 4],
    });
    const covered = d.communes.filter((c) => c.covered);
    expect(covered.map((c) => c.commune?.id)).toEqual([f.siteA.communes[0], f.siteB.communes[0]]);
    expect(covered.map((c) => c.values.people_reached)).toEqual([7, 2]);
    expect(d.communes.filter((c) => c.inArea)).toHaveLength(13);
  });

  it("shows a coordinator only their site, against their site's targets", async () => {
    const d = await dashboardFor(coordinatorA);
    expect(d.report.set.sites.map((s) => s.code)).toEqual(["A"]);
    expect(d.scope.sites.map((s) => s.code)).toEqual(["A"]);
    expect(headline(d, "people_reached")).toMatchObject({ value: 7, target: 14, achievement: 50 });
    expect(d.communes).toHaveLength(9);
    expect(d.communes.every((c) => c.commune?.site_ids.includes(f.siteA.id))).toBe(true);
    expect(d.scope.communes.every((c) => f.siteA.communes.includes(c.id))).toBe(true);
    expect(d.mayListRecords).toBe(true);
  });

  it("answers another site's code as unknown, like a site that does not exist", async () => {
    for (const site of ["B", "ZZ"]) {
      const refused = resolveDashboardScope(database.db, f.slug, coordinatorA, { site });
      await expect(refused).rejects.toBeInstanceOf(AppError);
      await expect(refused).rejects.toMatchObject({
        code: "invalid_parameter",
        details: { parameter: "site", reason: "unknown_site" },
      });
    }
  });

  it("takes a site, a commune and a period, and refuses what it cannot read", async () => {
    const commune = await database.db
      .selectFrom("places")
      .select("code")
      .where("id", "=", f.siteA.communes[0]!)
      .executeTakeFirstOrThrow();
    const d = await dashboardFor(admin, { site: "A", commune: commune.code, period: "2011-07" });
    expect(d.scope.period).toEqual({ kind: "month", from: "2011-07-01", to: "2011-07-31" });
    expect(headline(d, "people_reached")?.value).toBe(7);
    expect(d.communes.map((c) => c.commune?.code)).toEqual([commune.code]);

    const otherCommune = await database.db
      .selectFrom("places")
      .select("code")
      .where("id", "=", f.siteB.communes[0]!)
      .executeTakeFirstOrThrow();
    await expect(
      resolveDashboardScope(database.db, f.slug, coordinatorA, { commune: otherCommune.code }),
    ).rejects.toMatchObject({ details: { parameter: "commune", reason: "unknown_commune" } });
    await expect(
      resolveDashboardScope(database.db, f.slug, admin, { period: "2011Q5" }),
    ).rejects.toMatchObject({ details: { parameter: "period", reason: "period_format" } });
    await expect(
      resolveDashboardScope(database.db, "no-such-project", admin, {}),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("gives a supervisor the figures and the data-quality counts, not the lists", async () => {
    const d = await dashboardFor(supervisorB);
    expect(d.report.set.sites.map((s) => s.code)).toEqual(["B"]);
    expect(d.mayListRecords).toBe(false);
    const full = await dashboardFor(admin, { site: "B" });
    expect(d.dataQuality.duplicates.count).toBe(full.dataQuality.duplicates.count);
    expect(full.dataQuality.duplicates.pairs.length).toBeGreaterThan(0);
    expect(d.dataQuality.duplicates.pairs).toEqual([]);
    expect(d.dataQuality.lateEntries.records).toEqual([]);
  });

  it("offers the project's period, its quarters and its months as quick choices", async () => {
    const d = await dashboardFor(admin);
    expect(periodChoicesOf(d.scope).map((c) => c.text)).toEqual([
      "2011-07-01..2011-10-31",
      "2011Q3",
      "2011Q4",
      "2011-07",
      "2011-08",
      "2011-09",
      "2011-10",
    ]);
  });
});
