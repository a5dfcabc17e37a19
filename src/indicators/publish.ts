// Which breakdowns of a figure add up to it. What the public surface publishes, and how it is
// suppressed, is release.ts.
import { type Dimension, definitionOf, type IndicatorId } from "./definitions.js";

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
