// The records behind a dashboard figure (drill-down): for a counted indicator and one cell of a
// disaggregation (or its total), the list of records the figure counts, a page at a time, with
// the figure recomputed from the same rows so the list and the figure cannot disagree. A list
// names records by type, date, site, commune and the client's UIC — never a name or a phone.
import { clientSitesOf, type SessionUser } from "../auth/policy.js";
import type { Db } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import {
  type DashboardInput,
  type DashboardScope,
  resolveDashboardScope,
} from "./dashboard-scope.js";
import {
  type Dimension,
  definitionOf,
  dimensions,
  type IndicatorId,
  indicatorIds,
} from "./definitions.js";
import {
  type CellCategories,
  listMeasureRecords,
  type MeasureQuery,
  type MeasureSummary,
  type RecordRow,
  summariseMeasure,
} from "./records-queries.js";
import { sourceOf } from "./sources.js";

export const recordsPageSize = 100;

export interface RecordsInput extends DashboardInput {
  indicator: string;
  /** `dimension:category` pairs joined by commas; an empty category is "not recorded". */
  cell?: string | undefined;
  /** 1-based. */
  page?: number | undefined;
}

export interface FigureRecords {
  scope: DashboardScope;
  indicator: IndicatorId;
  cell: CellCategories;
  /** The cell as given, to link to other pages of the list. */
  cellText: string;
  summary: MeasureSummary;
  page: number;
  pageCount: number;
  rows: RecordRow[];
}

const invalid = (parameter: string, reason: string) =>
  new AppError("invalid_parameter", { parameter, reason });

/** Indicators whose figure counts records (ratios and area figures have no records of their own). */
export function hasRecords(id: IndicatorId): boolean {
  return sourceOf(id) !== undefined;
}

const isIndicatorId = (id: string): id is IndicatorId =>
  (indicatorIds as readonly string[]).includes(id);
const isDimension = (d: string): d is Dimension => (dimensions as readonly string[]).includes(d);

/** Reads `sex:female,age_band:15-19`; each dimension must be one the indicator has. */
export function parseCell(text: string, id: IndicatorId): CellCategories {
  const cell: CellCategories = {};
  if (text.trim() === "") return cell;
  for (const pair of text.split(",")) {
    const at = pair.indexOf(":");
    const dimension = at < 0 ? pair : pair.slice(0, at);
    if (at < 0 || !isDimension(dimension) || !definitionOf(id).dimensions.includes(dimension)) {
      throw invalid("cell", "cell_format");
    }
    if (dimension in cell) throw invalid("cell", "cell_format");
    const category = pair.slice(at + 1);
    cell[dimension] = category === "" ? null : category;
  }
  return cell;
}

/** Writes a cell the way `parseCell` reads it. */
export function formatCell(cell: CellCategories): string {
  return Object.entries(cell)
    .map(([d, category]) => `${d}:${category ?? ""}`)
    .join(",");
}

export async function listFigureRecords(
  db: Db,
  slug: string,
  user: SessionUser,
  input: RecordsInput,
): Promise<FigureRecords> {
  const scope = await resolveDashboardScope(db, slug, user, input);
  if (!isIndicatorId(input.indicator) || !hasRecords(input.indicator)) {
    throw invalid("indicator", "unknown_indicator");
  }
  const indicator = input.indicator;
  const { source, measure } = sourceOf(indicator)!;
  const cellText = input.cell ?? "";
  const cell = parseCell(cellText, indicator);
  const query: MeasureQuery = {
    source,
    measure,
    scope: {
      projectId: scope.project.id,
      from: scope.period.from,
      to: scope.period.to,
      siteIds: scope.wholeProject ? null : scope.siteIds,
      communeId: scope.commune?.id ?? null,
    },
    cell,
  };
  const summary = await summariseMeasure(db, query);
  const pageCount = Math.max(1, Math.ceil(summary.rows / recordsPageSize));
  const page = Math.min(Math.max(1, input.page ?? 1), pageCount);
  const rows = await listMeasureRecords(
    db,
    query,
    { limit: recordsPageSize, offset: (page - 1) * recordsPageSize },
    clientSitesOf(user),
  );
  return { scope, indicator, cell, cellText: formatCell(cell), summary, page, pageCount, rows };
}
