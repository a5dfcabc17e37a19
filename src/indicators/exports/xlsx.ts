// The spreadsheet report (XLSX) for donors: a summary sheet (the project, period, scope, whether
// small figures are withheld, and every indicator's total against its target), then one sheet per
// standard disaggregation — indicators down, categories across, a total at the right. Written in
// Vietnamese or English; withheld public figures are text ("<5", "ẩn") with a note, never numbers;
// "<5" says the report's threshold.
// The same report gives the same workbook, but for the moment it was made (`now`).
// Types only at the top: exceljs (8 MB of heap) is loaded with the first spreadsheet.
import type ExcelJS from "exceljs";
import type { Locale } from "../../lib/i18n.js";
import { type MessageKey, type Translator, translator } from "../../messages.js";
import { capitalise, formatLongDate, formatPeriod } from "../../site/dates.js";
import { definitionOf, type IndicatorId, type Unit } from "../definitions.js";
import { categoryName, indicatorName } from "../labels.js";
import { partitions } from "../publish.js";
import type { Report } from "../report.js";
import { achievement } from "../targets.js";
import {
  disaggregationName,
  findCell,
  type ReportTable,
  reportIndicators,
  reportTables,
  type Shown,
  showCell,
  showTotal,
} from "./tables.js";

export interface XlsxOptions {
  /** When the file is made: the workbook's created date and the summary's "generated" line. */
  now?: Date;
  /** The report covers every site of the project (the summary says so, not only their names). */
  allSites?: boolean;
}

export const xlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const countFormat = "#,##0";
const percentFormat = "0.0%";
const headerFill: ExcelJS.Fill = {
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: "FFE8EEF4" },
};
const headerBorder: Partial<ExcelJS.Borders> = { bottom: { style: "thin" } };

export async function renderXlsx(
  report: Report,
  locale: Locale,
  options: XlsxOptions = {},
): Promise<Buffer> {
  const t = translator(locale);
  const now = options.now ?? new Date();
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  workbook.creator = "Peerlink";
  workbook.lastModifiedBy = "Peerlink";
  workbook.created = now;
  workbook.modified = now;
  workbook.title = t.t("spreadsheet.title", { project: projectName(report, t) });
  const names = sheetNamer();
  addSummarySheet(workbook.addWorksheet(names(t.t("spreadsheet.sheet.summary"))), report, t, {
    now,
    allSites: options.allSites ?? false,
  });
  for (const table of reportTables(report)) {
    addTableSheet(
      workbook.addWorksheet(names(disaggregationName(t, table.dims))),
      report,
      t,
      table,
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const projectName = (report: Report, t: Translator) =>
  t.locale === "vi" ? report.project.name_vi : report.project.name_en;

/**
 * Sheet names as Excel takes them: at most 31 characters, none of []:*?/\, not starting or ending
 * with an apostrophe, unique regardless of case.
 */
function sheetNamer(): (name: string) => string {
  const taken = new Set<string>();
  return (name) => {
    const clean =
      name
        .normalize("NFC")
        .replace(/[[\]:*?/\\]/g, "-")
        .replace(/^'+|'+$/g, "")
        .trim() || "-";
    let candidate = clean.slice(0, 31);
    for (let n = 2; taken.has(candidate.toLocaleLowerCase()); n += 1) {
      const suffix = ` (${n})`;
      candidate = `${clean.slice(0, 31 - suffix.length)}${suffix}`;
    }
    taken.add(candidate.toLocaleLowerCase());
    return candidate;
  };
}

/** The values of the messages that say which figures are withheld: "<5", "1 to 4". */
const thresholdValues = (report: Report) => ({
  threshold: report.threshold,
  max: report.threshold - 1,
});

/** Writes what a cell shows; returns it so the sheet knows which footnotes it needs. */
function writeShown(
  cell: ExcelJS.Cell,
  shown: Shown,
  unit: Unit,
  t: Translator,
  report: Report,
): Shown {
  if (shown.kind === "value") {
    cell.value = shown.value;
    cell.numFmt = unit === "ratio" ? percentFormat : countFormat;
    return shown;
  }
  cell.alignment = { horizontal: "right" };
  if (shown.kind === "not_computed") {
    cell.value = t.t("spreadsheet.mark.not_computed");
    return shown;
  }
  cell.value =
    shown.reason === "small"
      ? t.t("figure.withheld", { threshold: report.threshold })
      : t.t("spreadsheet.mark.withheld");
  const note = unit === "ratio" ? "ratio" : shown.reason;
  cell.note = t.t(`spreadsheet.note.${note}` as MessageKey, thresholdValues(report));
  return shown;
}

function styleHeader(row: ExcelJS.Row, lines: number) {
  row.font = { bold: true };
  row.height = 15 * lines;
  row.eachCell((cell) => {
    cell.fill = headerFill;
    cell.border = headerBorder;
    cell.alignment = { vertical: "middle", wrapText: true, horizontal: cell.alignment?.horizontal };
  });
}

/** How many lines a header needs in a column this wide (Excel wraps, but does not grow the row). */
const linesFor = (text: string, width: number) => Math.ceil(text.length / Math.max(1, width - 2));

function addFootnotes(sheet: ExcelJS.Worksheet, notes: readonly string[]) {
  if (notes.length === 0) return;
  sheet.addRow([]);
  for (const note of notes) sheet.addRow([note]).getCell(1).font = { italic: true };
}

/** The footnotes that explain the marks a sheet uses. */
function markNotes(t: Translator, report: Report, shown: readonly Shown[]): string[] {
  const notes: string[] = [];
  if (shown.some((s) => s.kind === "withheld")) {
    notes.push(t.t("spreadsheet.footnote.withheld", thresholdValues(report)));
  }
  if (shown.some((s) => s.kind === "not_computed")) {
    notes.push(t.t("spreadsheet.footnote.not_computed"));
  }
  return notes;
}

/** The moment a file is made, in Vietnam's time (UTC+7, no daylight saving). */
function generatedAt(t: Translator, now: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Asia/Ho_Chi_Minh",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const day = formatLongDate(t, `${parts.year}-${parts.month}-${parts.day}`);
  return `${capitalise(day, t)}, ${parts.hour}:${parts.minute} (UTC+7)`;
}

function scopeOf(report: Report, t: Translator, allSites: boolean): string {
  const names = report.set.sites.map((s) => categoryName(t, report.set, "site", s.id)).join(", ");
  const sites = t.t(allSites ? "spreadsheet.scope.all_sites" : "spreadsheet.scope.sites", {
    sites: names,
  });
  const communeId = report.set.communeId;
  if (!communeId) return sites;
  return t.t("spreadsheet.scope.commune", {
    sites,
    commune: categoryName(t, report.set, "commune", communeId),
  });
}

function addSummarySheet(
  sheet: ExcelJS.Worksheet,
  report: Report,
  t: Translator,
  options: { now: Date; allSites: boolean },
) {
  const { period } = report.set;
  sheet.columns = [
    { width: 24 },
    { width: 58 },
    { width: 12 },
    { width: 14 },
    { width: 14 },
    { width: 14 },
  ];
  const title = sheet.addRow([t.t("spreadsheet.title", { project: projectName(report, t) })]);
  title.font = { bold: true, size: 14 };
  sheet.addRow([]);
  const facts: [MessageKey, string][] = [
    ["spreadsheet.fact.project", projectName(report, t)],
    [
      "spreadsheet.fact.period",
      `${capitalise(formatPeriod(t, period.from, period.to), t)} (${period.from} – ${period.to})`,
    ],
    ["spreadsheet.fact.scope", scopeOf(report, t, options.allSites)],
    ["spreadsheet.fact.generated_at", generatedAt(t, options.now)],
    [
      "spreadsheet.fact.small_figures",
      report.public
        ? t.t("spreadsheet.small_figures.withheld", thresholdValues(report))
        : t.t("spreadsheet.small_figures.shown"),
    ],
  ];
  for (const [label, value] of facts) {
    const row = sheet.addRow([t.t(label), value]);
    row.getCell(1).font = { bold: true };
  }
  sheet.addRow([]);

  const headers = [
    t.t("spreadsheet.column.indicator_id"),
    t.t("spreadsheet.column.indicator"),
    t.t("spreadsheet.column.unit"),
    t.t("spreadsheet.column.total"),
    t.t("spreadsheet.column.target"),
    t.t("spreadsheet.column.achievement"),
  ];
  const header = sheet.addRow(headers);
  for (const column of [3, 4, 5, 6]) header.getCell(column).alignment = { horizontal: "right" };
  styleHeader(header, Math.max(...headers.map((h, i) => linesFor(h, i === 1 ? 58 : 14))));
  sheet.views = [{ state: "frozen", xSplit: 0, ySplit: header.number }];

  const shown: Shown[] = [];
  let anyTarget = false;
  for (const id of reportIndicators(report)) {
    const figure = report.set.figures[id]!;
    const unit = definitionOf(id).unit;
    const row = sheet.addRow([id, indicatorName(t, id), t.t(`spreadsheet.unit.${unit}`)]);
    const total = showTotal(figure);
    shown.push(writeShown(row.getCell(4), total, unit, t, report));
    const target = report.targets.total[id];
    if (target !== undefined) {
      anyTarget = true;
      row.getCell(5).value = target;
      row.getCell(5).numFmt = countFormat;
      const reached = achievement(total.kind === "value" ? total.value : null, target);
      if (reached !== null) {
        row.getCell(6).value = reached / 100;
        row.getCell(6).numFmt = percentFormat;
      }
    }
  }
  const notes = markNotes(t, report, shown);
  if (anyTarget) notes.push(t.t("spreadsheet.footnote.targets"));
  addFootnotes(sheet, notes);
}

/** Runs of equal values, as [first index, last index] (to merge header cells). */
function runsOf(values: readonly string[]): [number, number][] {
  const runs: [number, number][] = [];
  values.forEach((value, i) => {
    const last = runs.at(-1);
    if (last && values[last[1]] === value) last[1] = i;
    else runs.push([i, i]);
  });
  return runs;
}

function addTableSheet(
  sheet: ExcelJS.Worksheet,
  report: Report,
  t: Translator,
  table: ReportTable,
) {
  const { dims, columns } = table;
  const depth = dims.length;
  const labelsAt = (level: number) =>
    columns.map((c) => categoryName(t, report.set, dims[level]!, c[dims[level]!] ?? null));
  // Wide enough for the innermost categories; outer ones are merged over several columns.
  const widths = labelsAt(depth - 1).map((label) => Math.min(22, Math.max(10, label.length + 2)));
  const totalColumn = columns.length + 2;
  sheet.columns = [{ width: 50 }, ...widths.map((width) => ({ width })), { width: 12 }];

  // One header row per dimension: the outer dimension's categories merged over the inner ones.
  for (let level = 0; level < depth; level += 1) {
    const labels = labelsAt(level);
    const runs = runsOf(
      columns.map((c) => JSON.stringify(dims.slice(0, level + 1).map((d) => c[d] ?? null))),
    );
    const row = sheet.getRow(level + 1);
    if (level === 0) {
      row.getCell(1).value = t.t("spreadsheet.column.indicator");
      row.getCell(totalColumn).value = t.t("spreadsheet.column.total");
    }
    labels.forEach((label, i) => {
      row.getCell(i + 2).value = label;
      row.getCell(i + 2).alignment = { horizontal: "center" };
    });
    row.getCell(totalColumn).alignment = { horizontal: "right" };
    const lines = labels.map((label, i) => {
      const run = runs.find(([from, to]) => from <= i && i <= to)!;
      const width = widths.slice(run[0], run[1] + 1).reduce((sum, w) => sum + w, 0);
      return linesFor(label, width);
    });
    styleHeader(row, Math.min(4, Math.max(1, ...lines)));
    if (level < depth - 1) {
      for (const [from, to] of runs) {
        if (to > from) sheet.mergeCells(level + 1, from + 2, level + 1, to + 2);
      }
    }
  }
  if (depth > 1) {
    sheet.mergeCells(1, 1, depth, 1);
    sheet.mergeCells(1, totalColumn, depth, totalColumn);
  }
  sheet.views = [{ state: "frozen", xSplit: 1, ySplit: depth }];

  const shown: Shown[] = [];
  for (const id of table.indicators) {
    const figure = report.set.figures[id];
    const unit = definitionOf(id).unit;
    const row = sheet.addRow([indicatorName(t, id)]);
    columns.forEach((categories, i) => {
      shown.push(
        writeShown(
          row.getCell(i + 2),
          showCell(id, findCell(figure, table, categories)),
          unit,
          t,
          report,
        ),
      );
    });
    if (figure) {
      shown.push(writeShown(row.getCell(totalColumn), showTotal(figure), unit, t, report));
    }
  }
  const notes = markNotes(t, report, shown);
  // Unique people seen in several cells (sites, communes, months): the cells add up to more.
  const overlapping = (id: IndicatorId) =>
    definitionOf(id).counting === "unique" && !partitions(id, dims);
  if (table.indicators.some(overlapping)) {
    notes.push(t.t("spreadsheet.footnote.overlap"));
  }
  if (dims.includes("age_band")) notes.push(t.t("spreadsheet.footnote.age"));
  addFootnotes(sheet, notes);
}
