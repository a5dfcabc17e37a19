// The reader's ranges by linear programming, checked against an exact enumeration of every table
// of small counts that agrees with the published figures.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AuditFigure, auditRanges } from "./disclosure-audit.js";

const quarters = ["Q1", "Q2"];
const sites = ["A", "B"];
/** The figures of a 2 × 2 table: the whole, each quarter, each site, each quarter at each site. */
const shapes: Array<Pick<AuditFigure, "quarters" | "sites">> = [
  { quarters, sites },
  ...quarters.map((q) => ({ quarters: [q], sites })),
  ...sites.map((s) => ({ quarters, sites: [s] })),
  ...quarters.flatMap((q) => sites.map((s) => ({ quarters: [q], sites: [s] }))),
];

/** Records: one count per quarter × site; a figure is the sum of its units. */
const recordFigure = (units: readonly number[], shape: (typeof shapes)[number]) =>
  quarters.reduce(
    (n, q, qi) =>
      n +
      sites.reduce(
        (m, s, si) =>
          m + (shape.quarters.includes(q) && shape.sites.includes(s) ? units[qi * 2 + si]! : 0),
        0,
      ),
    0,
  );

describe("the reader's ranges", () => {
  it("are those of an exact enumeration, for records in a 2 × 2 table", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: shapes.length, maxLength: shapes.length }),
        (units, hidden) => {
          const figures: AuditFigure[] = shapes.map((shape, i) => ({
            ...shape,
            value: hidden[i] ? null : recordFigure(units, shape),
            label: String(i),
          }));
          // Every table with counts up to the largest possible agreeing with what is published.
          const limit = recordFigure(units, shapes[0]!);
          const ranges = new Map<string, [number, number]>();
          for (let code = 0; code < (limit + 1) ** 4; code += 1) {
            const candidate = [0, 1, 2, 3].map(
              (k) => Math.floor(code / (limit + 1) ** k) % (limit + 1),
            );
            const agrees = figures.every(
              (f, i) => f.value === null || recordFigure(candidate, shapes[i]!) === f.value,
            );
            if (!agrees) continue;
            figures.forEach((f, i) => {
              if (f.value !== null) return;
              const value = recordFigure(candidate, shapes[i]!);
              const [low, high] = ranges.get(f.label) ?? [value, value];
              ranges.set(f.label, [Math.min(low, value), Math.max(high, value)]);
            });
          }
          const published = figures.some((f) => f.value !== null);
          for (const range of auditRanges(figures, "records")) {
            const exact = ranges.get(range.label)!;
            expect(range.min).toBe(exact[0]);
            // With nothing published above a figure, the enumeration's cap is not the reader's.
            if (published && Number.isFinite(range.max)) expect(range.max).toBe(exact[1]);
          }
        },
      ),
      { numRuns: 60, seed: 20261205 },
    );
  });

  it("bound unique people by what their unions allow", () => {
    // 3 people at A, 4 at B, 5 in all: 2 were at both; a withheld A is then 1 to 5.
    const figures: AuditFigure[] = [
      { quarters: ["P"], sites: ["A", "B"], value: 5, label: "all" },
      { quarters: ["P"], sites: ["A"], value: null, label: "A" },
      { quarters: ["P"], sites: ["B"], value: 4, label: "B" },
    ];
    expect(auditRanges(figures, "people")).toEqual([{ label: "A", min: 1, max: 5 }]);
    // Records instead: A is exactly 1.
    expect(auditRanges(figures, "records")).toEqual([{ label: "A", min: 1, max: 1 }]);
  });
});
