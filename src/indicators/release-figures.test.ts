// The public release computes a quarter's sums (events, quantities) from the whole project's
// months, in the whole project's own statements, and counts only unique figures quarter by
// quarter: every figure must be what the engine gives for that period on its own.
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { loadDemo } from "../demo/service.js";
import { findPublishedProjectBySlug } from "../programmes/service.js";
import { openTestDatabase } from "../test-support/database.js";
import { type IndicatorId, indicatorIds } from "./definitions.js";
import { computeIndicators } from "./engine.js";
import { computeReleaseFigures, releasePeriods } from "./release.js";

describe("the public release's figures", () => {
  const opened = (async () => {
    const database = await openTestDatabase();
    await loadDemo(database.db);
    // Late records in both quarters, one on the quarter's first day, one on the project's last.
    const site = (
      await sql<{ id: string }>`select id from sites order by code limit 1`.execute(database.db)
    ).rows[0]!.id;
    for (const day of ["2011-07-01", "2011-09-30", "2011-10-01", "2011-10-31"]) {
      await sql`insert into commodity_distributions (id, site_id, item, quantity, distributed_on)
                values (gen_random_uuid(), ${site}, 'condom', 7, ${day})`.execute(database.db);
    }
    return database;
  })();
  afterAll(async () => (await opened).close());

  it("gives each period the figures the engine gives it alone, with no months published", async () => {
    const { db } = await opened;
    const project = (await findPublishedProjectBySlug(db, "dien-bien"))!;
    const periods = releasePeriods(project, "2012-01-15");
    expect(periods.map((p) => p.key)).toEqual(["project", "2011Q3", "2011Q4"]);
    const computed = await computeReleaseFigures(db, project.id, periods);
    expect([...computed.keys()]).toEqual(["project", "2011Q3", "2011Q4"]);

    const alone = await computeIndicators(db, {
      projectId: project.id,
      period: { kind: "custom", from: periods[0]!.from, to: periods[0]!.to },
      sites: "all",
      by: [["site"]],
    });
    expect(computed.get("project")!.figures).toEqual(alone.figures);

    for (const quarter of periods.slice(1)) {
      const own = await computeIndicators(db, {
        projectId: project.id,
        period: { kind: quarter.kind, from: quarter.from, to: quarter.to },
        sites: "all",
      });
      const figures = computed.get(quarter.key)!.figures;
      const checked: IndicatorId[] = [];
      for (const id of indicatorIds) {
        const figure = figures[id]!;
        if (figure.withheld === "unpublished") continue; // people: the whole project only
        expect([quarter.key, id, figure.total]).toEqual([quarter.key, id, own.figures[id]!.total]);
        expect(figure.by).toEqual({});
        checked.push(id);
      }
      expect(checked).toContain("condoms_distributed");
      expect(checked).toContain("people_trained");
      expect(checked).toContain("communes_covered");
    }
    // The late records count where they fall.
    expect(computed.get("2011Q4")!.figures.condoms_distributed!.total).toBeGreaterThanOrEqual(14);
  });
});
