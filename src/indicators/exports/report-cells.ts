// What the PDF report's tables and charts are made of, and how a figure is written in them: a
// count with the language's thousands separator, a ratio as a percentage, "<5" (or the report's
// threshold) for a small withheld figure, "ẩn"/"withheld" for one hidden to protect it, "—" where
// nothing is computed.
import type { Translator } from "../../messages.js";
import { definitionOf, type IndicatorDefinition, type IndicatorId } from "../definitions.js";
import type { Cell, Figure } from "../engine.js";
import { findCell, type Shown } from "./tables.js";

export interface CellView {
  text: string;
  /** A second, smaller line: a site's target and achievement. */
  sub?: string;
}

export interface TableView {
  caption: string;
  /** Column headings after the row heading's. */
  columns: string[];
  rowHeading: string;
  groups: { name?: string; rows: { name: string; cells: CellView[] }[] }[];
  /** A short table printed whole on one page, never its heading alone at a page's foot. */
  keepTogether?: boolean;
}

export interface ChartView {
  id: string;
  title: string;
  svg: string;
}

/** `threshold`: the report's (small withheld figures are 1 to threshold − 1). */
export function formatShown(
  t: Translator,
  id: IndicatorId,
  shown: Shown,
  threshold: number,
): string {
  if (shown.kind === "withheld") {
    return shown.reason === "small"
      ? t.t("figure.withheld", { threshold })
      : t.t("report.mark.withheld");
  }
  if (shown.kind === "not_computed") return t.t("report.mark.not_computed");
  return formatValue(t, definitionOf(id), shown.value);
}

export function formatValue(t: Translator, definition: IndicatorDefinition, value: number): string {
  return definition.unit === "ratio"
    ? t.number(value, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 })
    : t.number(value);
}

export const formatAchievement = (t: Translator, percent: number) =>
  t.number(percent / 100, { style: "percent", maximumFractionDigits: 0 });

export const siteCell = (figure: Figure | undefined, siteId: string): Cell | undefined =>
  findCell(figure, { dims: ["site"], key: "site" }, { site: siteId });

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Which marks the figures written so far used, so the notes explain only those. */
export interface Marks {
  withheld: boolean;
  notComputed: boolean;
}

export function track(marks: Marks, shown: Shown): Shown {
  if (shown.kind === "withheld") marks.withheld = true;
  if (shown.kind === "not_computed") marks.notComputed = true;
  return shown;
}
