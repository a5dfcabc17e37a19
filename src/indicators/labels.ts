// How indicators, dimensions and categories are named on screens and in reports, in the reader's
// language. Sites and communes are named from the indicator set (their names are data).
import type { MessageKey, Translator } from "../messages.js";
import { unknownAgeBand } from "./age-bands.js";
import type { Dimension, IndicatorId } from "./definitions.js";
import type { Cell, IndicatorSet } from "./engine.js";

export const indicatorName = (t: Translator, id: IndicatorId) =>
  t.t(`indicator.${id}` as MessageKey);

export const dimensionName = (t: Translator, dimension: Dimension) =>
  t.t(`dimension.${dimension}` as MessageKey);

/** The name of one category of a dimension. */
export function categoryName(
  t: Translator,
  set: Pick<IndicatorSet, "sites" | "communes">,
  dimension: Dimension,
  category: string | null,
): string {
  if (category === null) return t.t("category.not_recorded");
  switch (dimension) {
    case "site": {
      const site = set.sites.find((s) => s.id === category);
      return site ? (t.locale === "vi" ? site.name_vi : site.name_en) : category;
    }
    case "commune": {
      const commune = set.communes.find((c) => c.id === category);
      return commune ? `${commune.kind} ${commune.name}` : category;
    }
    case "month":
      return t.date(`${category}-01`, { month: "long", year: "numeric" });
    case "age_band":
      return category === unknownAgeBand ? t.t("category.unknown_age") : category;
    default:
      return t.t(`category.${dimension}.${category}` as MessageKey);
  }
}

/** A cell's categories named and joined ("15-19 · Nữ"). */
export const cellName = (
  t: Translator,
  set: Pick<IndicatorSet, "sites" | "communes">,
  cell: Cell,
  dims: readonly Dimension[],
) => dims.map((d) => categoryName(t, set, d, cell.categories[d] ?? null)).join(" · ");
