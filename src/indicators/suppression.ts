// Small-cell suppression of one disaggregation for public figures. A cell counting 1 to
// threshold−1 people could point at a person, so it is withheld ("<5"); 0 is shown as 0 (it points
// at nobody). Withholding one cell alone is not enough: total − the other cells gives it back. So
// further cells are withheld ("complementary suppression") until no withheld cell can be worked
// out exactly.
//
// The reader we defend against sees the published total and cells, knows which withheld cells are
// small ("<5": between 1 and threshold−1) and which were withheld to protect them (each at least
// the threshold — a non-zero cell that is not small — and, because the smallest is always taken,
// at most any non-zero cell still published). Given those bounds and the sum the withheld cells
// must make, each withheld cell can take a range of values; we keep withholding the next-smallest
// published cell until every range has at least two values, and withhold the total when no cell is
// left to withhold. The property test (suppression.test.ts) checks this against an independent
// enumeration of every value such a reader could consider.
//
// Cells usually partition the total (sex, age band, population group; events by site). Unique
// people by site, commune or month overlap instead (a person reached at two sites is in both), so
// the cells add up to at least the total. For those (`overlapping: true`) the reader knows less —
// only that the cells together cover the total and that no cell exceeds it — so a withheld cell's
// range is [max(low, total − published − others' highs), min(high, total)]; the same loop
// withholds cells until every range has two values or more.
import { publicSuppressionThreshold } from "./definitions.js";

export interface Cell<K extends string = string> {
  key: K;
  value: number;
}

export type WithheldReason =
  /** Between 1 and threshold−1. */
  | "small"
  /** Withheld so that a small cell cannot be recovered by subtraction. */
  | "complementary"
  /**
   * The total is withheld (it is small, or it would give a cell away): every cell is withheld,
   * zeros included.
   */
  | "total_withheld";

export interface PublishedCell<K extends string = string> {
  key: K;
  /** null when withheld. */
  value: number | null;
  withheld: WithheldReason | null;
}

export interface SuppressedDisaggregation<K extends string = string> {
  total: number | null;
  totalWithheld: boolean;
  cells: PublishedCell<K>[];
}

const isSmall = (value: number, threshold: number) => value > 0 && value < threshold;

export function suppressDisaggregation<K extends string>(
  total: number,
  cells: readonly Cell<K>[],
  threshold = publicSuppressionThreshold,
  options: { overlapping?: boolean } = {},
): SuppressedDisaggregation<K> {
  const overlapping = options.overlapping ?? false;
  const sum = cells.reduce((n, c) => n + c.value, 0);
  if (overlapping ? sum < total || cells.some((c) => c.value > total) : sum !== total) {
    throw new Error(
      `cells sum to ${sum} against the total ${total}: not ${overlapping ? "a cover" : "a partition"}`,
    );
  }
  if (cells.some((c) => !Number.isInteger(c.value) || c.value < 0)) {
    throw new Error("cells must be counts (non-negative integers)");
  }
  // Below 3, "under the threshold" means exactly 1: a withheld cell would be its own disclosure.
  if (!Number.isInteger(threshold) || threshold < 3) {
    throw new Error(`suppression threshold ${threshold} must be an integer of at least 3`);
  }

  // A small total is withheld like any small figure. Its cells are then all small or zero; were
  // zeros still shown, cells known to be ≥ 1 and a total known to be < threshold could pin them
  // down (four cells of "<5" and a total of "<5" are all 1), so the whole disaggregation goes.
  if (isSmall(total, threshold)) {
    return {
      total: null,
      totalWithheld: true,
      cells: cells.map((c) => ({ key: c.key, value: null, withheld: "total_withheld" })),
    };
  }

  const reasons = cells.map((c): WithheldReason | null =>
    isSmall(c.value, threshold) ? "small" : null,
  );
  let totalWithheld = false;
  while (
    reasons.some((r) => r !== null) &&
    recoverable(total, cells, reasons, threshold, overlapping)
  ) {
    // The next-smallest published non-zero cell; the first in order on a tie, so the result is
    // the same every time for the same figures.
    let next = -1;
    cells.forEach((c, i) => {
      if (reasons[i] === null && c.value > 0 && (next < 0 || c.value < cells[next]!.value)) {
        next = i;
      }
    });
    if (next < 0) {
      // Every non-zero cell is withheld and the sum still gives one away (a cell of 1 beside a
      // single protecting cell of exactly the threshold: total 6 = 1 + 5). Only hiding the total
      // helps; the caller must then withhold the headline figure too.
      totalWithheld = true;
      break;
    }
    reasons[next] = "complementary";
  }
  return {
    total: totalWithheld ? null : total,
    totalWithheld,
    cells: cells.map((c, i) => ({
      key: c.key,
      value: reasons[i] === null ? c.value : null,
      withheld: reasons[i] ?? null,
    })),
  };
}

/** What the reader described above knows about each withheld cell: inclusive bounds. */
export function readerBounds(
  published: readonly (number | null)[],
  reasons: readonly (WithheldReason | null)[],
  threshold: number,
): Array<[number, number] | null> {
  const publishedNonZero = published.filter((v): v is number => v !== null && v > 0);
  const cap = publishedNonZero.length ? Math.min(...publishedNonZero) : Number.POSITIVE_INFINITY;
  return reasons.map((reason) => {
    if (reason === "small") return [1, threshold - 1];
    if (reason === "complementary") return [threshold, cap];
    return null;
  });
}

/** True when some withheld cell has a single possible value given the reader's bounds. */
function recoverable(
  total: number,
  cells: readonly Cell[],
  reasons: readonly (WithheldReason | null)[],
  threshold: number,
  overlapping: boolean,
): boolean {
  const published = cells.map((c, i) => (reasons[i] === null ? c.value : null));
  const bounds = readerBounds(published, reasons, threshold).filter(
    (b): b is [number, number] => b !== null,
  );
  const hidden = total - published.reduce<number>((n, v) => n + (v ?? 0), 0);
  // With one sum constraint and integer bounds per cell, each cell's possible values form the
  // interval [max(low, hidden − others' highs), min(high, hidden − others' lows)]. (Summed per
  // cell rather than as total − own, since Infinity − Infinity is NaN.)
  return bounds.some(([low, high], i) => {
    const others = bounds.filter((_, j) => j !== i);
    const othersLow = others.reduce((n, [l]) => n + l, 0);
    const othersHigh = others.reduce((n, [, h]) => n + h, 0);
    const min = Math.max(low, hidden - othersHigh);
    // Overlapping cells only cover the total: the sum bounds a cell from below, the total above.
    const max = overlapping ? Math.min(high, total) : Math.min(high, hidden - othersLow);
    return min >= max;
  });
}
