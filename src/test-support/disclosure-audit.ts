// What a reader can work out about withheld public figures: given every figure published for one
// indicator — each period (a set of quarters) × each place (all sites, or one) — the smallest and
// largest value each withheld figure could have that agrees with all the published ones, by
// linear programming (javascript-lp-solver). It knows nothing of how the suppression chose what to
// withhold; it reads only what a visitor could read. The auditor test
// (src/indicators/release-audit.test.ts) checks what the public surface answers with it;
// disclosure-audit.test.ts checks it against an exact enumeration of small tables.
//
// The reader's model of the data:
// - records (contacts, test visits: each in one quarter at one site): one unknown count x ≥ 0 per
//   quarter × site; a figure is the sum over its quarters and sites;
// - unique people: one unknown z ≥ 0 per non-empty set of quarter × site units (how many people
//   were counted in exactly those units); a figure is the sum over every set that meets its units.
//   That is everything a reader can know of unions; with u units there are 2^u − 1 unknowns, so it
//   is for small programmes (u ≤ 10).
import lp, { type SolveResult, type SolverAPI } from "javascript-lp-solver";

// The package's types describe its ECMAScript module, whose default export is the solver; read as
// CommonJS they would name the whole module instead.
const solver = lp as unknown as SolverAPI;

export interface AuditFigure {
  /** The quarters the period is made of (a quarter: itself; the whole project: all of them). */
  quarters: readonly string[];
  /** The sites the place is made of (one site, or all). */
  sites: readonly string[];
  /** Null when withheld. */
  value: number | null;
  /** For the report. */
  label: string;
}

export interface AuditRange {
  label: string;
  min: number;
  max: number;
}

type Model = Parameters<typeof solver.Solve>[0];

/** A withheld figure is safe when its range is at least the threshold wide, or it can only be 0. */
export const wideEnough = (range: AuditRange, threshold: number) =>
  range.max === 0 || range.max - range.min >= threshold;

export function auditRanges(
  figures: readonly AuditFigure[],
  counting: "records" | "people",
): AuditRange[] {
  const quarters = [...new Set(figures.flatMap((f) => f.quarters))];
  const sites = [...new Set(figures.flatMap((f) => f.sites))];
  const units = quarters.flatMap((q) => sites.map((s) => `${q}|${s}`));
  if (counting === "people" && units.length > 12) {
    throw new Error(`${units.length} units: too many for the exact model of unique people`);
  }
  const unitsOf = (f: AuditFigure) =>
    new Set(f.quarters.flatMap((q) => f.sites.map((s) => `${q}|${s}`)));
  // Each unknown: the units it stands for.
  const unknowns: Array<Set<string>> =
    counting === "records"
      ? units.map((u) => new Set([u]))
      : Array.from({ length: 2 ** units.length - 1 }, (_, mask) => {
          const set = new Set<string>();
          units.forEach((u, i) => {
            if (((mask + 1) >> i) & 1) set.add(u);
          });
          return set;
        });
  const counts = (f: AuditFigure, unknown: Set<string>) => {
    const own = unitsOf(f);
    return [...unknown].some((u) => own.has(u));
  };
  const published = figures.filter((f) => f.value !== null);
  const constraints: Model["constraints"] = {};
  published.forEach((f, i) => {
    constraints[`p${i}`] = { equal: f.value! };
  });
  const bound = (target: AuditFigure, opType: "min" | "max"): number => {
    const variables: Model["variables"] = {};
    unknowns.forEach((unknown, v) => {
      const row: Record<string, number> = { objective: counts(target, unknown) ? 1 : 0 };
      published.forEach((f, i) => {
        if (counts(f, unknown)) row[`p${i}`] = 1;
      });
      variables[`v${v}`] = row;
    });
    const answer = solver.Solve({
      optimize: "objective",
      opType,
      constraints,
      variables,
    }) as SolveResult;
    if (!answer.feasible) throw new Error("the published figures contradict each other");
    if (answer.bounded === false) return Number.POSITIVE_INFINITY;
    return Math.round(Number(answer.result)) + 0; // + 0: never -0
  };
  return figures
    .filter((f) => f.value === null)
    .map((f) => ({ label: f.label, min: bound(f, "min"), max: bound(f, "max") }));
}
