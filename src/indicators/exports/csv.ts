// The report as a tidy CSV: one row per indicator total and per (indicator, disaggregation,
// category combination), with the categories as codes (site and commune codes, `2011-07`,
// `15-19`, `female`) and as names in the reader's language. UTF-8 with a byte-order mark, so Excel
// reads Vietnamese letters right; fields quoted as RFC 4180 says, lines ended with CRLF. A withheld
// public figure has an empty value and its reason (`small`, `complementary`, `total_withheld`).
import type { Locale } from "../../lib/i18n.js";
import { translator } from "../../messages.js";
import { definitionOf } from "../definitions.js";
import { categoryName, indicatorName } from "../labels.js";
import type { Report } from "../report.js";
import {
  categoryCode,
  findCell,
  reportIndicators,
  reportTables,
  type Shown,
  showCell,
  showTotal,
} from "./tables.js";

export const csvContentType = "text/csv; charset=utf-8";

const byteOrderMark = "\uFEFF";

/** A field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (fields: readonly (string | number)[]) => `${fields.map(csvField).join(",")}\r\n`;

/** Value and withheld reason columns. */
function valueFields(shown: Shown): [string | number, string] {
  if (shown.kind === "value") return [shown.value, ""];
  return ["", shown.kind === "withheld" ? shown.reason : ""];
}

export function renderCsv(report: Report, locale: Locale): Buffer {
  const t = translator(locale);
  const tables = reportTables(report);
  const depth = Math.max(0, ...tables.map((table) => table.dims.length));
  const header = [
    t.t("spreadsheet.column.indicator_id"),
    t.t("spreadsheet.column.indicator"),
    t.t("spreadsheet.column.unit"),
    t.t("spreadsheet.column.disaggregation"),
  ];
  for (let n = 1; n <= depth; n += 1) {
    header.push(
      t.t("spreadsheet.column.dimension", { n }),
      t.t("spreadsheet.column.category_code", { n }),
      t.t("spreadsheet.column.category", { n }),
    );
  }
  header.push(t.t("spreadsheet.column.value"), t.t("spreadsheet.column.withheld"));
  const lines = [csvLine(header)];
  const blanks = (from: number) => Array.from({ length: (depth - from) * 3 }, () => "");

  for (const id of reportIndicators(report)) {
    const figure = report.set.figures[id]!;
    const start = [id, indicatorName(t, id), definitionOf(id).unit];
    lines.push(csvLine([...start, "", ...blanks(0), ...valueFields(showTotal(figure))]));
    for (const table of tables) {
      if (!table.indicators.includes(id)) continue;
      for (const categories of table.columns) {
        const dimensionFields = table.dims.flatMap((d) => {
          const category = categories[d] ?? null;
          return [
            d,
            categoryCode(report.set, d, category),
            categoryName(t, report.set, d, category),
          ];
        });
        const shown = showCell(id, findCell(figure, table, categories));
        lines.push(
          csvLine([
            ...start,
            table.key,
            ...dimensionFields,
            ...blanks(table.dims.length),
            ...valueFields(shown),
          ]),
        );
      }
    }
  }
  return Buffer.from(byteOrderMark + lines.join(""), "utf8");
}
