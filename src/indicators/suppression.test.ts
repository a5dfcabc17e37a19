import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Cell, type SuppressedDisaggregation, suppressDisaggregation } from "./suppression.js";

const cells = (...values: number[]): Cell[] => values.map((value, i) => ({ key: `c${i}`, value }));
const sum = (values: readonly number[]) => values.reduce((n, v) => n + v, 0);
const suppress = (values: number[], threshold?: number) =>
  suppressDisaggregation(sum(values), cells(...values), threshold);
const shown = (result: SuppressedDisaggregation) => result.cells.map((c) => c.value);
const reasons = (result: SuppressedDisaggregation) => result.cells.map((c) => c.withheld);

describe("suppressDisaggregation", () => {
  it("publishes everything when no cell is small, zeros included", () => {
    expect(shown(suppress([0, 7, 9]))).toEqual([0, 7, 9]);
  });

  it("withholds a small cell and the next-smallest, so the total cannot give it back", () => {
    const result = suppress([3, 30, 20]);
    expect(result.total).toBe(53);
    expect(shown(result)).toEqual([null, 30, null]);
    expect(reasons(result)).toEqual(["small", null, "complementary"]);
  });

  it("needs no complementary cell when two small cells leave each a range", () => {
    expect(reasons(suppress([2, 3, 40]))).toEqual(["small", "small", null]);
  });

  it("withholds more when two small cells could only be 1 and 1", () => {
    // total 42 − 40 = 2 shared by two cells of at least 1 each: both are 1.
    expect(reasons(suppress([1, 1, 40]))).toEqual(["small", "small", "complementary"]);
  });

  it("withholds a tied neighbour, since a protecting cell equal to every shown cell is known", () => {
    // Withholding one 5 alone: it is at least 5 and at most the other 5, so it is 5, and 3 follows.
    expect(reasons(suppress([3, 5, 5]))).toEqual(["small", "complementary", "complementary"]);
  });

  it("withholds the total when nothing is left to hide behind", () => {
    // 6 = a small cell (1 to 4) + a protecting cell (5 or more): only 1 + 5 fits.
    const result = suppress([1, 5, 0]);
    expect(result.totalWithheld).toBe(true);
    expect(result.total).toBeNull();
    expect(shown(result)).toEqual([null, null, 0]);
  });

  it("withholds the whole disaggregation, zeros too, when the total is small", () => {
    const result = suppress([1, 1, 1, 1, 0]);
    expect(result).toMatchObject({ total: null, totalWithheld: true });
    expect(new Set(reasons(result))).toEqual(new Set(["total_withheld"]));
  });

  it("leaves a zero total as zeros", () => {
    expect(suppress([0, 0])).toMatchObject({ total: 0, cells: [{ value: 0 }, { value: 0 }] });
  });

  it("takes another threshold", () => {
    expect(reasons(suppress([7, 12, 30], 11))).toEqual(["small", "complementary", null]);
  });

  it("refuses cells that do not add up to the total, and a threshold under 3", () => {
    expect(() => suppressDisaggregation(10, cells(3, 4))).toThrow(/not a partition/);
    expect(() => suppress([1, 9], 2)).toThrow(/at least 3/);
  });
});

/**
 * Every value each withheld cell could have, for a reader who knows the published total and
 * cells, that small cells are 1..t−1, that protecting cells are ≥ t and ≤ every shown non-zero
 * cell, and, when the total is withheld because it is small, that it is 1..t−1 and cells 0..t−1.
 * Worked out by dynamic programming over reachable sums, independently of the implementation's
 * interval reasoning.
 */
function possibleValues(result: SuppressedDisaggregation, t: number): Map<number, Set<number>> {
  const shownNonZero = result.cells.flatMap((c) =>
    c.value !== null && c.value > 0 ? [c.value] : [],
  );
  const cap = shownNonZero.length ? Math.min(...shownNonZero) : 1_000;
  const withheld = result.cells.flatMap((c, i) => (c.withheld ? [i] : []));
  const bound = (i: number): [number, number] => {
    const reason = result.cells[i]!.withheld;
    if (reason === "small") return [1, t - 1];
    if (reason === "complementary") return [t, cap];
    return [0, t - 1];
  };
  const shownSum = sum(result.cells.map((c) => c.value ?? 0));
  const smallTotal = result.cells.some((c) => c.withheld === "total_withheld");
  const sums: number[] =
    result.total !== null
      ? [result.total - shownSum]
      : smallTotal
        ? Array.from({ length: t - 1 }, (_, k) => k + 1 - shownSum).filter((s) => s >= 0)
        : Array.from({ length: 1_000 }, (_, k) => k);
  const possible = new Map<number, Set<number>>();
  for (const i of withheld) {
    // Sums the other withheld cells can make together.
    let reach = new Set([0]);
    for (const j of withheld) {
      if (j === i) continue;
      const [lo, hi] = bound(j);
      const next = new Set<number>();
      for (const s of reach) for (let v = lo; v <= Math.min(hi, 1_000); v++) next.add(s + v);
      reach = next;
    }
    const [lo, hi] = bound(i);
    const values = new Set<number>();
    for (let v = lo; v <= Math.min(hi, 1_000); v++) {
      if (sums.some((s) => reach.has(s - v))) values.add(v);
    }
    possible.set(i, values);
  }
  return possible;
}

describe("the subtraction attack (property)", () => {
  const counts = fc.array(
    fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 40 })),
    { minLength: 1, maxLength: 6 },
  );

  it("never lets a withheld cell be worked out, and never misstates a shown one", () => {
    fc.assert(
      fc.property(counts, fc.integer({ min: 3, max: 11 }), (values, t) => {
        const result = suppress(values, t);
        result.cells.forEach((cell, i) => {
          if (cell.value !== null) expect(cell.value).toBe(values[i]);
          if (values[i]! > 0 && values[i]! < t) expect(cell.value).toBeNull();
        });
        if (result.total !== null) {
          expect(result.total).toBe(sum(values));
          // The plain attack: one withheld cell = total − the others.
          expect(result.cells.filter((c) => c.withheld).length).not.toBe(1);
        }
        for (const [i, values_] of possibleValues(result, t)) {
          expect(values_.has(values[i]!), "the reader's bounds hold for the truth").toBe(true);
          expect(values_.size, `cell ${i} of ${JSON.stringify(values)}`).toBeGreaterThan(1);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("overlapping cells (unique people by site, commune or month)", () => {
  it("keeps a cell a reader could only bound, and withholds one the total would pin down", () => {
    // 9 people in cells of 5 and 4 (nobody in both): the small cell is at least 9 − 5 = 4 and, being
    // small, at most 4 — so it is 4. Withholding the 5 as well leaves each a range.
    const pinned = suppressDisaggregation(9, cells(5, 4), 5, { overlapping: true });
    expect(pinned.cells.map((c) => c.withheld)).toEqual(["complementary", "small"]);
    // 6 people, cells 5 and 2 with one person in both: the small cell is 1 to 4 either way.
    const loose = suppressDisaggregation(6, cells(5, 2), 5, { overlapping: true });
    expect(loose.cells.map((c) => c.value)).toEqual([5, null]);
  });

  it("refuses cells that do not cover the total or exceed it", () => {
    expect(() => suppressDisaggregation(10, cells(3, 4), 5, { overlapping: true })).toThrow(
      /not a cover/,
    );
    expect(() => suppressDisaggregation(3, cells(4, 0), 5, { overlapping: true })).toThrow();
  });

  it("never lets a withheld cell be worked out from the total and the shown cells (property)", () => {
    // People, each in one or more of up to 5 cells.
    const people = fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { minLength: 1 }), {
      maxLength: 40,
    });
    fc.assert(
      fc.property(people, fc.integer({ min: 3, max: 7 }), (memberships, t) => {
        const values = [0, 1, 2, 3, 4].map((k) => memberships.filter((m) => m.includes(k)).length);
        const total = memberships.length;
        const result = suppressDisaggregation(total, cells(...values), t, { overlapping: true });
        result.cells.forEach((cell, i) => {
          if (cell.value !== null) expect(cell.value).toBe(values[i]);
          if (values[i]! > 0 && values[i]! < t) expect(cell.value).toBeNull();
        });
        if (result.total === null) return;
        // What the reader can tell: shown cells exactly; small ones 1..t−1; protecting ones from t
        // to the smallest shown non-zero cell; every cell at most the total; all cells together at
        // least the total. Enumerate each withheld cell's possible values by brute force.
        const shownNonZero = result.cells.flatMap((c) => (c.value ? [c.value] : []));
        const cap = Math.min(total, shownNonZero.length ? Math.min(...shownNonZero) : total);
        const ranges = result.cells.map((c, i): number[] => {
          if (c.withheld === null) return [values[i]!];
          const [lo, hi] = c.withheld === "small" ? [1, t - 1] : [t, cap];
          return Array.from(
            { length: Math.max(0, Math.min(hi, total) - lo + 1) },
            (_, k) => lo + k,
          );
        });
        result.cells.forEach((cell, i) => {
          if (!cell.withheld) return;
          const othersMax = ranges.reduce((n, r, j) => (j === i ? n : n + Math.max(...r)), 0);
          const possible = ranges[i]!.filter((v) => v + othersMax >= total);
          expect(possible, "the truth is among them").toContain(values[i]);
          expect(possible.length, `cell ${i} of ${JSON.stringify(values)}`).toBeGreaterThan(1);
        });
      }),
      { numRuns: 1_000 },
    );
  });
});
