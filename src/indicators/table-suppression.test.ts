// The suppression of the release's L-shaped tables, checked by the auditor's linear programming
// on random programmes of records: whatever the counts, no withheld figure is left a range
// narrower than the threshold.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AuditFigure, auditRanges } from "../test-support/disclosure-audit.js";
import { type Line, suppressTable } from "./table-suppression.js";

/** The L of a records indicator: the whole project, its sites, its quarters (all sites). */
function lTable(units: number[][]) {
  const quarters = units.map((_, q) => `Q${q + 1}`);
  const sites = units[0]!.map((_, s) => `S${s + 1}`);
  const sum = (cells: number[]) => cells.reduce((n, v) => n + v, 0);
  const figures: Array<Omit<AuditFigure, "value"> & { value: number }> = [
    { quarters, sites, value: sum(units.flat()), label: "project" },
    ...sites.map((site, s) => ({
      quarters,
      sites: [site],
      value: sum(units.map((row) => row[s]!)),
      label: `project ${site}`,
    })),
    ...quarters.map((quarter, q) => ({
      quarters: [quarter],
      sites,
      value: sum(units[q]!),
      label: quarter,
    })),
  ];
  const lines: Line[] = [
    { parent: 0, children: sites.map((_, s) => s + 1), partition: true },
    { parent: 0, children: quarters.map((_, q) => sites.length + 1 + q), partition: true },
  ];
  return { figures, lines };
}

describe("the suppression of a release's table", () => {
  it("leaves every withheld figure of records a range at least the threshold wide", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(3, 5, 10),
        fc.array(fc.nat({ max: 12 }), { minLength: 16, maxLength: 16 }),
        (quarterCount, siteCount, threshold, counts) => {
          const units = Array.from({ length: quarterCount }, (_, q) =>
            Array.from({ length: siteCount }, (_, s) => counts[q * 4 + s]!),
          );
          const { figures, lines } = lTable(units);
          const reasons = suppressTable(
            figures.map((f) => f.value),
            lines,
            threshold,
          );
          const published = figures.map((f, i) => ({ ...f, value: reasons[i] ? null : f.value }));
          for (const range of auditRanges(published, "records")) {
            if (range.max === 0) continue;
            expect(
              range.max - range.min,
              `${range.label} of ${JSON.stringify(units)}`,
            ).toBeGreaterThanOrEqual(threshold);
          }
          // Nothing small is published.
          published.forEach((f) => {
            if (f.value !== null) expect(f.value === 0 || f.value >= threshold).toBe(true);
          });
        },
      ),
      { numRuns: 300, seed: 13 },
    );
  });

  it("withholds the example of the issue: one visit at a site beside a site of five", () => {
    // Whole project 6 = site A 1 + site B 5: B is withheld too, and with "<5" known for A and
    // "at least 5" for B a reader would find A = 1, so the total goes as well.
    expect(suppressTable([6, 1, 5], [{ parent: 0, children: [1, 2], partition: true }], 5)).toEqual(
      ["complementary", "small", "complementary"],
    );
    // 12 = 1 + 11: A can be anything from 1 to 4 for all the reader knows.
    expect(
      suppressTable([12, 1, 11], [{ parent: 0, children: [1, 2], partition: true }], 5),
    ).toEqual([null, "small", "complementary"]);
    // A small whole project takes everything under it, zeros included.
    expect(suppressTable([3, 3, 0], [{ parent: 0, children: [1, 2], partition: true }], 5)).toEqual(
      ["small", "small", "total_withheld"],
    );
  });
});
