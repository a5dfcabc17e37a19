// Small-cell suppression of a table of public figures: one indicator's figures in the public
// release (release.ts), where a figure is the sum — or, for unique people, the union — of others:
// the whole project is its sites, and (records) its quarters. Every such relation is a "line" (a
// parent figure and the children that make it up), and the lines are revisited until every one of
// them is safe; a figure withheld for one line is then protected in every other line it belongs
// to. In the release the lines meet only at their parent, so a safe line is safe whatever the
// others publish; tables whose lines cross (a grid of quarters × sites) would need more (see
// docs/decisions.md).
//
// A line is safe when, among its withheld figures:
// - none is alone: a single unknown in a sum is the sum minus the rest;
// - when the parent is published, the withheld children add up to at least the threshold (a reader
//   who knows only the published numbers and that counts are ≥ 0 can then put each of them
//   anywhere from 0 to that sum), and no child is pinned down by the bounds its label gives a
//   reader who knows which withheld figures are small (1 to threshold − 1) and which protect them
//   (at least the threshold);
// - when the parent is small, every child is withheld too (children are no larger than the parent,
//   so zeros published beside "<5" ones would pin those down).
// When a line is not safe the smallest published non-zero child is withheld next (the first on a
// tie, so the same figures give the same result every time); when no child is left, the parent.
// Each step withholds one more figure, so the loop ends. The auditor test
// (release-audit.test.ts) checks the result against every figure the public surface publishes,
// with linear-programming bounds.
import type { WithheldReason } from "./suppression.js";

export interface Line {
  parent: number;
  children: readonly number[];
  /** The children add up to the parent (records); otherwise they only cover it (people). */
  partition: boolean;
}

const isSmall = (value: number, threshold: number) => value > 0 && value < threshold;

/** The reason each figure is withheld, or null where it is published. */
export function suppressTable(
  values: readonly number[],
  lines: readonly Line[],
  threshold: number,
): Array<WithheldReason | null> {
  if (!Number.isInteger(threshold) || threshold < 3) {
    throw new Error(`suppression threshold ${threshold} must be an integer of at least 3`);
  }
  if (values.some((v) => !Number.isInteger(v) || v < 0)) {
    throw new Error("figures must be counts (non-negative integers)");
  }
  const reasons: Array<WithheldReason | null> = values.map((v) =>
    isSmall(v, threshold) ? "small" : null,
  );
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const step = nextWithheld(values, reasons, line, threshold);
      if (step === null) continue;
      reasons[step.index] = step.reason;
      changed = true;
    }
  }
  return reasons;
}

function nextWithheld(
  values: readonly number[],
  reasons: readonly (WithheldReason | null)[],
  line: Line,
  threshold: number,
): { index: number; reason: WithheldReason } | null {
  const { parent, children } = line;
  const withheldChildren = children.filter((c) => reasons[c] !== null);
  if (reasons[parent] === "small" || reasons[parent] === "total_withheld") {
    // A small parent, or one withheld with everything under it: its children go too, zeros included.
    const open = children.find((c) => reasons[c] === null);
    return open === undefined ? null : { index: open, reason: "total_withheld" };
  }
  if (withheldChildren.length === 0 && reasons[parent] === null) return null;
  if (withheldChildren.length === 0 || !safe(values, reasons, line, threshold)) {
    const candidate = smallestPublished(values, reasons, children);
    if (candidate !== null) return { index: candidate, reason: "complementary" };
    return reasons[parent] === null ? { index: parent, reason: "complementary" } : null;
  }
  return null;
}

function smallestPublished(
  values: readonly number[],
  reasons: readonly (WithheldReason | null)[],
  children: readonly number[],
): number | null {
  let best: number | null = null;
  for (const c of children) {
    if (reasons[c] !== null || values[c]! === 0) continue;
    if (best === null || values[c]! < values[best]!) best = c;
  }
  return best;
}

/** Whether a line with at least one withheld child gives none of its withheld figures away. */
function safe(
  values: readonly number[],
  reasons: readonly (WithheldReason | null)[],
  line: Line,
  threshold: number,
): boolean {
  const withheld = line.children.filter((c) => reasons[c] !== null);
  // The parent withheld too: the line is one equation in two unknowns or more.
  if (reasons[line.parent] !== null) return true;
  // Zeros withheld under a published parent hide nobody: the reader may work them out.
  if (withheld.every((c) => values[c] === 0)) return true;
  if (!line.partition) return coverSafe(values, reasons, line, withheld, threshold);
  if (withheld.length < 2) return false;
  const hidden = withheld.reduce((n, c) => n + values[c]!, 0);
  if (hidden < threshold) return false;
  // The reader who knows the labels: small in [1, t−1], protecting in [t, ∞), zeros withheld with
  // their parent in [0, ∞).
  const bounds = withheld.map((c) => labelBounds(reasons[c]!, threshold));
  return bounds.every(([low, high], i) => {
    let othersLow = 0;
    let othersHigh = 0;
    bounds.forEach(([l, h], j) => {
      if (j === i) return;
      othersLow += l;
      othersHigh += h;
    });
    const min = Math.max(low, hidden - othersHigh);
    const max = Math.min(high, hidden - othersLow);
    return min < max;
  });
}

/**
 * Children that only cover the parent (people reached at each site, of all sites): a withheld
 * child is at most the parent, and at least what the published children leave uncovered when the
 * other withheld ones cover nothing. Two withheld children or more can each be anything from 0 to
 * the parent; one alone is safe when that leaves it a range at least the threshold wide, and two
 * values or more within its label.
 */
function coverSafe(
  values: readonly number[],
  reasons: readonly (WithheldReason | null)[],
  line: Line,
  withheld: readonly number[],
  threshold: number,
): boolean {
  if (withheld.length >= 2) return true;
  const parent = values[line.parent]!;
  const published = line.children
    .filter((c) => reasons[c] === null)
    .reduce((n, c) => n + values[c]!, 0);
  const low = Math.max(0, parent - published);
  if (parent - low < threshold) return false;
  const child = withheld[0]!;
  const [labelLow, labelHigh] = labelBounds(reasons[child]!, threshold);
  return Math.min(labelHigh, parent) > Math.max(labelLow, low);
}

/**
 * What a withheld figure's label tells: "<5" is 1 to 4; one withheld to protect another is not
 * small and not zero (at least the threshold); one withheld with everything under a small figure
 * may be anything, zero included.
 */
function labelBounds(reason: WithheldReason, threshold: number): [number, number] {
  if (reason === "small") return [1, threshold - 1];
  if (reason === "complementary") return [threshold, Number.POSITIVE_INFINITY];
  return [0, Number.POSITIVE_INFINITY];
}
