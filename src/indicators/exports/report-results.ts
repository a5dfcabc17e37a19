// The Results section of the PDF report, as text and pictures ready to lay out: the project page's
// sentences, the headline figures (total, per site, against targets), the trends
// (report-trends.ts) and the notes the figures need. Withheld public figures are written "<5"
// (small, under the report's threshold) or "ẩn"/"withheld" (hidden to protect a small one), never
// as numbers, and never drawn.
import type { Locale } from "../../lib/i18n.js";
import { type Translator, translator } from "../../messages.js";
import { hasIllustrativeFigures } from "../../site/illustrative.js";
import { describeResults, type ResultsView as PageResultsView } from "../../site/results-view.js";
import {
  type IndicatorDefinition,
  type IndicatorId,
  indicatorDefinitions,
  indicatorGroups,
} from "../definitions.js";
import type { Cell, Figure } from "../engine.js";
import { indicatorName } from "../labels.js";
import type { Report } from "../report.js";
import {
  type IndicatorValues,
  type ProjectResults,
  type ResultsIndicatorId,
  resultsIndicators,
} from "../service.js";
import { achievement } from "../targets.js";
import {
  type CellView,
  type ChartView,
  chunk,
  formatAchievement,
  formatShown,
  formatValue,
  type Marks,
  siteCell,
  type TableView,
  track,
} from "./report-cells.js";
import { monthlyViews, sitesChart } from "./report-trends.js";
import { showCell, showTotal } from "./tables.js";

export interface ReportResultsView {
  intro: string;
  /** The project page's list of results, as sentences. */
  lines: string[];
  tables: TableView[];
  /** People reached against the estimate, site by site (when there are several sites). */
  siteChart: ChartView | undefined;
  monthlyHeading: string;
  /** The monthly trends. */
  charts: ChartView[];
  monthlyTables: TableView[];
  notes: string[];
}

/** Site columns beside the total in one table; more sites get tables of their own. */
const sitesBesideTotal = 4;
const sitesPerTable = 5;

/** Whether an indicator earns a row: the project page's own figures always; others when not nil. */
function isReported(report: Report, id: IndicatorId): boolean {
  const figure = report.set.figures[id];
  if (!figure) return false;
  if ((resultsIndicators as readonly IndicatorId[]).includes(id)) return true;
  if (figure.withheld || report.targets.total[id] !== undefined) return true;
  if (Object.values(report.targets.bySite).some((targets) => targets[id] !== undefined))
    return true;
  return figure.total !== null && figure.total !== 0;
}

/** The report's figures as the project page's model, so its sentences are said the same way. */
export function toProjectResults(report: Report): ProjectResults {
  const values = (value: (figure: Figure | undefined) => number | null): IndicatorValues =>
    Object.fromEntries(
      resultsIndicators.map((id) => [id, value(report.set.figures[id])]),
    ) as IndicatorValues;
  // Small figures are "<5"; the others withheld protect a small one and are never written so.
  const withheld = (
    reasonOf: (figure: Figure | undefined) => Cell["withheld"],
    small: boolean,
  ): ResultsIndicatorId[] =>
    resultsIndicators.filter((id) => {
      const reason = reasonOf(report.set.figures[id]);
      return !!reason && (reason === "small") === small;
    });
  const totalReason = (f: Figure | undefined) => (f?.total === null ? f.withheld : null);
  const siteReason = (siteId: string) => (f: Figure | undefined) => siteCell(f, siteId)?.withheld;
  return {
    project: report.project.slug,
    period: { from: report.set.period.from, to: report.set.period.to },
    total: values((f) => f?.total ?? null),
    suppressed: withheld(totalReason, true),
    // People of a quarter ("unpublished") are written "not published", as protecting figures are.
    protecting: withheld(totalReason, false),
    unpublished: resultsIndicators.filter(
      (id) => totalReason(report.set.figures[id]) === "unpublished",
    ),
    sites: report.set.sites.map((site) => ({
      code: site.code,
      name: { vi: site.name_vi, en: site.name_en },
      values: values((f) => siteCell(f, site.id)?.value ?? null),
      suppressed: withheld(siteReason(site.id), true),
      protecting: withheld(siteReason(site.id), false),
    })),
    indicators: indicatorDefinitions.filter((d) =>
      (resultsIndicators as readonly IndicatorId[]).includes(d.id),
    ),
    threshold: report.threshold,
  };
}

function headlineTables(t: Translator, report: Report, marks: Marks): TableView[] {
  const { sites } = report.set;
  const siteName = (s: (typeof sites)[number]) => (t.locale === "vi" ? s.name_vi : s.name_en);
  const illustrative = hasIllustrativeFigures(report.project.slug) ? " *" : "";
  const besideTotal = sites.length > 1 && sites.length <= sitesBesideTotal ? sites : [];
  const withTargets = Object.keys(report.targets.total).length > 0;
  const ids = indicatorDefinitions.filter((d) => isReported(report, d.id));
  const groups = indicatorGroups.filter((group) => ids.some((d) => d.group === group));

  const siteCellView = (definition: IndicatorDefinition, siteId: string): CellView => {
    const figure = report.set.figures[definition.id];
    const cell = siteCell(figure, siteId);
    const shown = track(
      marks,
      figure?.by.site ? showCell(definition.id, cell) : { kind: "not_computed" },
    );
    const view: CellView = { text: formatShown(t, definition.id, shown, report.threshold) };
    const target = report.targets.bySite[siteId]?.[definition.id];
    if (target !== undefined) {
      const reached = achievement(shown.kind === "value" ? shown.value : null, target);
      view.sub = t.t("report.site_target", {
        target: formatValue(t, definition, target),
        achievement:
          reached === null ? t.t("report.mark.not_computed") : formatAchievement(t, reached),
      });
    }
    return view;
  };

  const headline: TableView = {
    caption: t.t("report.results.table"),
    rowHeading: t.t("report.column.indicator"),
    columns: [
      ...besideTotal.map((s) => `${siteName(s)}${illustrative}`),
      t.t("report.column.total"),
      ...(withTargets ? [t.t("report.column.target"), t.t("report.column.achievement")] : []),
    ],
    groups: groups.map((group) => ({
      name: t.t(`report.group.${group}`),
      rows: ids
        .filter((d) => d.group === group)
        .map((definition) => {
          const figure = report.set.figures[definition.id]!;
          const total = track(marks, showTotal(figure));
          const target = report.targets.total[definition.id];
          const reached = achievement(total.kind === "value" ? total.value : null, target);
          const none = t.t("report.mark.not_computed");
          return {
            name: indicatorName(t, definition.id),
            cells: [
              ...besideTotal.map((s) => siteCellView(definition, s.id)),
              { text: formatShown(t, definition.id, total, report.threshold) },
              ...(withTargets
                ? [
                    { text: target === undefined ? none : formatValue(t, definition, target) },
                    { text: reached === null ? none : formatAchievement(t, reached) },
                  ]
                : []),
            ],
          };
        }),
    })),
  };
  if (sites.length <= sitesBesideTotal) return [headline];

  // Many sites: the headline keeps the total; the sites follow, a few per table.
  const bySite = chunk(sites, sitesPerTable).map((few) => ({
    caption: t.t("report.results.by_site"),
    rowHeading: t.t("report.column.indicator"),
    columns: few.map((s) => `${siteName(s)}${illustrative}`),
    groups: groups.map((group) => ({
      name: t.t(`report.group.${group}`),
      rows: ids
        .filter((d) => d.group === group && report.set.figures[d.id]?.by.site)
        .map((definition) => ({
          name: indicatorName(t, definition.id),
          cells: few.map((s) => siteCellView(definition, s.id)),
        })),
    })),
  }));
  return [headline, ...bySite];
}

export function describeReportResults(report: Report, locale: Locale): ReportResultsView {
  const t = translator(locale);
  const page: PageResultsView = describeResults(t, toProjectResults(report));
  const marks: Marks = { withheld: false, notComputed: false };
  const chartNotes = { chartWithheld: false };
  const tables = headlineTables(t, report, marks);
  const monthly = monthlyViews(t, report, marks, chartNotes);
  const siteChart = sitesChart(t, report, chartNotes);
  const hasTargets =
    Object.keys(report.targets.total).length > 0 ||
    Object.values(report.targets.bySite).some((targets) => Object.keys(targets).length > 0);
  const notes: string[] = [];
  if (report.set.sites.length > 1 || monthly.tables.length > 0)
    notes.push(t.t("report.note.unique"));
  const { threshold } = report;
  if (marks.withheld) notes.push(t.t("report.note.withheld", { threshold, max: threshold - 1 }));
  if (chartNotes.chartWithheld) notes.push(t.t("report.chart.withheld", { threshold }));
  if (marks.notComputed) notes.push(t.t("report.note.not_computed"));
  if (hasTargets) notes.push(t.t("report.note.targets"));
  if (page.illustrative && report.set.sites.length > 1)
    notes.push(t.t("site.results.note.illustrative"));
  return {
    intro: t.t("site.results.intro", { period: page.period }),
    lines: page.lines,
    tables,
    siteChart,
    monthlyHeading: t.t("report.results.monthly"),
    charts: monthly.charts,
    monthlyTables: monthly.tables,
    notes,
  };
}
