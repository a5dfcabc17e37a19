// Public figures: what the project page, the public API and any published report may show. A
// figure about clients from 1 to threshold − 1 is withheld ("<5"), and each disaggregation is
// suppressed with complementary cells (suppression.ts) so a withheld cell cannot be worked out by
// subtracting published cells from the total. When any disaggregation has to withhold the total,
// the headline total is withheld too, and every cell of every disaggregation of that figure:
// otherwise another breakdown (or the headline) would give the hidden total back. Ratios built on
// a withheld figure are withheld with it.
import {
  type Dimension,
  definitionOf,
  type IndicatorId,
  publicSuppressionThreshold,
} from "./definitions.js";
import type { Cell, Figure, IndicatorSet } from "./engine.js";
import { suppressDisaggregation } from "./suppression.js";

/** Dimensions that put each person in exactly one cell. */
const personDimensions: readonly Dimension[] = [
  "sex",
  "age_band",
  "population_group",
  "testing_status",
];

/**
 * Whether the cells of a disaggregation add up to the total. Records (events, quantities) always
 * fall in one cell; unique people do only by their own attributes — by site, commune or month a
 * person can be in several cells.
 */
export function partitions(id: IndicatorId, dims: readonly Dimension[]): boolean {
  const counting = definitionOf(id).counting;
  if (counting === "event" || counting === "quantity") return true;
  return dims.every((d) => personDimensions.includes(d));
}

const isSmall = (value: number, threshold: number) => value > 0 && value < threshold;

/** Withholds a figure and all its cells; a cell that is small itself still says so ("<5"). */
function withholdAll(figure: Figure, threshold: number): Figure {
  const by: Record<string, Cell[]> = {};
  for (const [key, cells] of Object.entries(figure.by)) {
    by[key] = cells.map((c) => ({
      ...c,
      value: null,
      withheld: c.value !== null && isSmall(c.value, threshold) ? "small" : "total_withheld",
    }));
  }
  return { ...figure, total: null, withheld: "total_withheld", by };
}

/** One figure as it may be published. Figures not about clients are returned unchanged. */
export function publishFigure(figure: Figure, threshold = publicSuppressionThreshold): Figure {
  const definition = definitionOf(figure.id);
  if (!definition.aboutClients || figure.total === null) return figure;
  if (isSmall(figure.total, threshold))
    return { ...withholdAll(figure, threshold), withheld: "small" };
  const by: Record<string, Cell[]> = {};
  for (const [key, cells] of Object.entries(figure.by)) {
    const dims = key.split("+") as Dimension[];
    const result = suppressDisaggregation(
      figure.total,
      cells.map((c, i) => ({ key: String(i), value: c.value ?? 0 })),
      threshold,
      { overlapping: !partitions(figure.id, dims) },
    );
    if (result.totalWithheld) return withholdAll(figure, threshold);
    by[key] = cells.map((c, i) => ({
      ...c,
      value: result.cells[i]!.value,
      withheld: result.cells[i]!.withheld,
    }));
  }
  return { ...figure, by, withheld: null };
}

/** Every figure of a set as it may be published, ratios following their parts. */
export function publishIndicators(
  set: IndicatorSet,
  threshold = publicSuppressionThreshold,
): IndicatorSet {
  const figures: Partial<Record<IndicatorId, Figure>> = {};
  for (const [id, figure] of Object.entries(set.figures) as [IndicatorId, Figure][]) {
    figures[id] = publishFigure(figure, threshold);
  }
  for (const [id, figure] of Object.entries(figures) as [IndicatorId, Figure][]) {
    const ratio = definitionOf(id).ratio;
    if (!ratio) continue;
    const parts = [set.figures[ratio.numerator], set.figures[ratio.denominator]].map((f) =>
      f ? publishFigure(f, threshold) : undefined,
    );
    const same = (a: Cell, b: Cell) =>
      JSON.stringify(Object.entries(a.categories).sort()) ===
      JSON.stringify(Object.entries(b.categories).sort());
    const withheldTotal = parts.some((p) => p !== undefined && p.total === null && !!p.withheld);
    const by: Record<string, Cell[]> = {};
    for (const [key, cells] of Object.entries(figure.by)) {
      by[key] = cells.map((c) =>
        withheldTotal ||
        parts.some((p) => p?.by[key]?.find((part) => same(part, c))?.value === null)
          ? { ...c, value: null, withheld: "complementary" }
          : c,
      );
    }
    figures[id] = withheldTotal
      ? { ...figure, total: null, withheld: "complementary", by }
      : { ...figure, by };
  }
  return { ...set, figures };
}
