// The PDF report's trends: people reached against the estimate, site by site, and the monthly
// figures as bar charts (SVG from charts.ts, drawn on the server) and as tables, so the numbers
// can be read without the picture. A series with a withheld figure is left out of its chart
// (a bar cannot say "<5"); the table still has it.
import type { Translator } from "../../messages.js";
import { renderBarChart } from "../charts.js";
import type { IndicatorId } from "../definitions.js";
import type { Figure } from "../engine.js";
import { indicatorName } from "../labels.js";
import { monthsOf } from "../periods.js";
import type { Report } from "../report.js";
import {
  type ChartView,
  chunk,
  formatShown,
  type Marks,
  siteCell,
  type TableView,
  track,
} from "./report-cells.js";
import { findCell, type Shown, showCell, showTotal } from "./tables.js";

const monthsPerTable = 6;
/** Drawn a little wider than the page's 673 px of text and scaled down: type of about 10 pt on paper. */
const chartSize = { width: 720, height: 220 };

/** The figures charted by month, and shown in the monthly tables, in this order. */
const monthlyCharts: {
  key: string;
  title: "report.chart.reach" | "report.chart.services" | "report.chart.condoms";
  ids: IndicatorId[];
}[] = [
  { key: "reach", title: "report.chart.reach", ids: ["people_reached", "contacts"] },
  {
    key: "services",
    title: "report.chart.services",
    ids: ["group_attendances", "hiv_test_visits"],
  },
  { key: "condoms", title: "report.chart.condoms", ids: ["condoms_distributed"] },
];

interface MonthlySeries {
  id: IndicatorId;
  cells: Shown[];
  total: Shown;
}

/** "tháng 7/2011" / "July 2011": a month as an axis and a column name it. */
function monthName(t: Translator, month: string): string {
  const [year = "", number = "1"] = month.split("-");
  return t.t("site.period.month", {
    month: t.t("site.date.month", { month: Number(number) }),
    year,
  });
}

/** "7/2011" / "Jul 2011": for an axis of many months, where the long names would crowd. */
function shortMonthName(t: Translator, month: string): string {
  return t.date(`${month}-01`, {
    month: t.locale === "vi" ? "numeric" : "short",
    year: "numeric",
  });
}

function monthlySeries(
  report: Report,
  id: IndicatorId,
  months: readonly string[],
): MonthlySeries | undefined {
  const figure = report.set.figures[id];
  if (!figure?.by.month) return undefined;
  return {
    id,
    cells: months.map((month) =>
      showCell(id, findCell(figure, { dims: ["month"], key: "month" }, { month })),
    ),
    total: showTotal(figure),
  };
}

const hasData = (series: MonthlySeries) =>
  series.cells.some((c) => c.kind === "withheld" || (c.kind === "value" && c.value !== 0));

function describeSeries(
  t: Translator,
  categories: readonly string[],
  series: MonthlySeries,
  threshold: number,
): string {
  const values = series.cells.map(
    (shown, i) => `${categories[i]}: ${formatShown(t, series.id, shown, threshold)}`,
  );
  return `${indicatorName(t, series.id)} — ${values.join("; ")}`;
}

function drawable(series: MonthlySeries): number[] | undefined {
  const values = series.cells.map((c) => (c.kind === "value" ? c.value : null));
  return values.every((v) => v !== null) ? (values as number[]) : undefined;
}

export function monthlyViews(
  t: Translator,
  report: Report,
  marks: Marks,
  notes: { chartWithheld: boolean },
) {
  const months = monthsOf(report.set.period).map((m) => m.from.slice(0, 7));
  const names = months.map((m) => monthName(t, m));
  const charts: ChartView[] = [];
  const tableSeries: MonthlySeries[] = [];
  for (const spec of monthlyCharts) {
    const series = spec.ids
      .map((id) => monthlySeries(report, id, months))
      .filter((s): s is MonthlySeries => s !== undefined && hasData(s));
    if (series.length === 0) continue;
    tableSeries.push(...series);
    const drawn = series.flatMap((s) => {
      const values = drawable(s);
      if (!values) notes.chartWithheld = true;
      return values ? [{ name: indicatorName(t, s.id), values }] : [];
    });
    if (drawn.length === 0) continue;
    const title = t.t(spec.title);
    charts.push({
      id: `chart-${spec.key}`,
      title,
      svg: renderBarChart({
        id: `chart-${spec.key}`,
        title,
        description: series.map((s) => describeSeries(t, names, s, report.threshold)).join(". "),
        categories: months.length > 6 ? months.map((m) => shortMonthName(t, m)) : names,
        series: drawn,
        formatValue: (value) => t.number(value),
        width: chartSize.width,
        height: chartSize.height,
      }),
    });
  }
  const tables: TableView[] = chunk(
    months.map((_, i) => i),
    monthsPerTable,
  ).map((indexes, part, parts) => {
    const last = part === parts.length - 1;
    return {
      caption: t.t("report.results.monthly_table"),
      keepTogether: true,
      rowHeading: t.t("report.column.indicator"),
      columns: [...indexes.map((i) => names[i]!), ...(last ? [t.t("report.column.total")] : [])],
      groups: [
        {
          rows: tableSeries.map((s) => ({
            name: indicatorName(t, s.id),
            cells: [
              ...indexes.map((i) => ({
                text: formatShown(t, s.id, track(marks, s.cells[i]!), report.threshold),
              })),
              ...(last
                ? [{ text: formatShown(t, s.id, track(marks, s.total), report.threshold) }]
                : []),
            ],
          })),
        },
      ],
    };
  });
  return { charts, tables: tableSeries.length > 0 ? tables : [] };
}

/** People reached beside the estimate of the target population, site by site. */
export function sitesChart(
  t: Translator,
  report: Report,
  notes: { chartWithheld: boolean },
): ChartView | undefined {
  const { sites } = report.set;
  const reached = report.set.figures.people_reached;
  const estimate = report.set.figures.population_size_estimate;
  if (sites.length < 2 || !reached?.by.site) return undefined;
  const valuesOf = (figure: Figure | undefined) =>
    sites.map((s) => {
      const cell = siteCell(figure, s.id);
      return cell && !cell.withheld ? cell.value : null;
    });
  const people = valuesOf(reached);
  const estimates = valuesOf(estimate);
  if (people.some((v) => v === null)) {
    notes.chartWithheld = true;
    return undefined;
  }
  const series = [{ name: indicatorName(t, "people_reached"), values: people as number[] }];
  if (estimates.every((v) => v !== null)) {
    series.push({
      name: indicatorName(t, "population_size_estimate"),
      values: estimates as number[],
    });
  }
  const names = sites.map((s) => (t.locale === "vi" ? s.name_vi : s.name_en));
  const title = t.t("report.chart.sites");
  return {
    id: "chart-sites",
    title,
    svg: renderBarChart({
      id: "chart-sites",
      title,
      description: series
        .map(
          (s) => `${s.name} — ${s.values.map((v, i) => `${names[i]}: ${t.number(v)}`).join("; ")}`,
        )
        .join(". "),
      categories: names.map(twoLines),
      series,
      formatValue: (value) => t.number(value),
      width: chartSize.width,
      height: chartSize.height,
    }),
  };
}

/**
 * A long axis label on two lines: the chart measures Vietnamese letters as wide as an "M" and
 * would otherwise drop every other label.
 */
function twoLines(label: string): string {
  const words = label.split(" ");
  if (label.length <= 16 || words.length < 2) return label;
  const half = Math.ceil(words.length / 2);
  return `${words.slice(0, half).join(" ")}\n${words.slice(half).join(" ")}`;
}
