// What a report file holds, whatever its format: the indicators in the definitions' order, one
// table per standard disaggregation that at least one of them has (its columns every category
// combination found, in the engine's order), and what each cell shows — a value, a withheld mark or
// nothing computable. The spreadsheet (xlsx.ts) and the CSV (csv.ts) both read a report through it.
import type { Translator } from "../../messages.js";
import {
  type Dimension,
  type Disaggregation,
  definitionOf,
  type IndicatorId,
  indicatorIds,
} from "../definitions.js";
import { type Cell, disaggregationKey, type Figure, type IndicatorSet } from "../engine.js";
import { dimensionName } from "../labels.js";
import { type Report, reportDisaggregations } from "../report.js";
import type { WithheldReason } from "../suppression.js";

export type Categories = Partial<Record<Dimension, string | null>>;

export interface ReportTable {
  dims: Disaggregation;
  /** The engine's key of the disaggregation (`age_band+sex`). */
  key: string;
  /** The indicators that have this disaggregation, in report order. */
  indicators: IndicatorId[];
  /** Every category combination any of them has, in the engine's order. */
  columns: Categories[];
}

/** What one cell of a report shows. */
export type Shown =
  | { kind: "value"; value: number }
  | { kind: "withheld"; reason: WithheldReason }
  | { kind: "not_computed" };

export const reportIndicators = (report: Report): IndicatorId[] =>
  indicatorIds.filter((id) => report.set.figures[id] !== undefined);

const comboKey = (dims: Disaggregation, categories: Categories) =>
  JSON.stringify(dims.map((d) => categories[d] ?? null));

export function reportTables(report: Report): ReportTable[] {
  const indicators = reportIndicators(report);
  return reportDisaggregations.flatMap((dims) => {
    const key = disaggregationKey(dims);
    const having = indicators.filter((id) => report.set.figures[id]?.by[key] !== undefined);
    if (having.length === 0) return [];
    const columns = new Map<string, Categories>();
    for (const id of having) {
      for (const cell of report.set.figures[id]?.by[key] ?? []) {
        const combo = comboKey(dims, cell.categories);
        if (!columns.has(combo)) {
          columns.set(combo, Object.fromEntries(dims.map((d) => [d, cell.categories[d] ?? null])));
        }
      }
    }
    return [{ dims, key, indicators: having, columns: [...columns.values()] }];
  });
}

export function findCell(
  figure: Figure | undefined,
  table: Pick<ReportTable, "dims" | "key">,
  categories: Categories,
): Cell | undefined {
  const combo = comboKey(table.dims, categories);
  return figure?.by[table.key]?.find((c) => comboKey(table.dims, c.categories) === combo);
}

const zero: Shown = { kind: "value", value: 0 };

/**
 * A cell of a table. A combination an indicator has no cell for counted nothing (0) — unless the
 * indicator is a ratio, which then has nothing to divide.
 */
export function showCell(id: IndicatorId, cell: Cell | undefined): Shown {
  if (!cell) return definitionOf(id).unit === "ratio" ? { kind: "not_computed" } : zero;
  if (cell.withheld) return { kind: "withheld", reason: cell.withheld };
  return cell.value === null ? { kind: "not_computed" } : { kind: "value", value: cell.value };
}

export function showTotal(figure: Figure): Shown {
  if (figure.withheld && figure.total === null)
    return { kind: "withheld", reason: figure.withheld };
  return figure.total === null ? { kind: "not_computed" } : { kind: "value", value: figure.total };
}

/** A category as a code a machine can match: sites and communes by their codes. */
export function categoryCode(
  set: Pick<IndicatorSet, "sites" | "communes">,
  dimension: Dimension,
  category: string | null,
): string {
  if (category === null) return "";
  if (dimension === "site") return set.sites.find((s) => s.id === category)?.code ?? category;
  if (dimension === "commune") return set.communes.find((c) => c.id === category)?.code ?? category;
  return category;
}

/** A disaggregation's name ("Nhóm tuổi × Giới tính"). */
export const disaggregationName = (t: Translator, dims: Disaggregation) =>
  dims.map((d) => dimensionName(t, d)).join(" × ");
