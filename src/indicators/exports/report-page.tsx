// The PDF project report as an HTML document for Chromium to print on A4: one self-contained
// page (styles inline, charts as inline SVG, no script, nothing fetched), and the running header
// and footer Chromium draws on every page (project, period, page numbers). The words come from
// report-view.ts; this file only lays them out.
import { render } from "preact-render-to-string";
import type { Locale } from "../../lib/i18n.js";
import type { Report } from "../report.js";
import type { CellView, ChartView, TableView } from "./report-cells.js";
import type { ReportNarrative } from "./report-narrative.js";
import {
  describeReport,
  type ReportOptions,
  type ReportView,
  type SectionView,
} from "./report-view.js";

/** Page margins, shared by the page's CSS and Chromium's header and footer boxes. */
export const pageMargins = { top: "20mm", right: "16mm", bottom: "18mm", left: "16mm" } as const;

/** Fonts with Vietnamese letters on Debian: Noto Sans (fonts-noto-core), DejaVu Sans (fonts-dejavu-core). */
const fontFamily = `"Noto Sans", "DejaVu Sans", "Liberation Sans", sans-serif`;
const accent = "#0b6158";
const muted = "#4a5a58";
const rule = "#d3dedc";

const styles = `
@page { size: A4; margin: ${pageMargins.top} ${pageMargins.right} ${pageMargins.bottom} ${pageMargins.left}; }
* { box-sizing: border-box; }
html { font-family: ${fontFamily}; font-size: 10pt; line-height: 1.45; color: #1c2b2a;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
.cover { border-bottom: 2px solid ${accent}; padding-bottom: 5mm; margin-bottom: 5mm; }
.kicker { margin: 0; color: ${accent}; font-size: 9pt; font-weight: 700; letter-spacing: 0.06em;
  text-transform: uppercase; }
.organisation { margin: 1mm 0 0; color: ${muted}; font-size: 9pt; }
h1 { margin: 3mm 0 4mm; font-size: 19pt; line-height: 1.2; }
.facts { display: grid; grid-template-columns: 40mm 1fr; gap: 1.2mm 4mm; margin: 0; }
.facts dt { color: ${muted}; font-weight: 700; }
.facts dd { margin: 0; }
.summary { margin: 0 0 4mm; font-size: 11pt; }
h2 { margin: 7mm 0 3mm; padding-bottom: 1mm; border-bottom: 1px solid ${rule}; color: ${accent};
  font-size: 13pt; break-after: avoid; }
h3 { margin: 5mm 0 2mm; font-size: 10.5pt; break-after: avoid; }
p { margin: 0 0 2.5mm; orphans: 3; widows: 3; }
ul { margin: 0 0 3mm; padding-left: 5mm; }
li { margin-bottom: 1mm; break-inside: avoid; }
table { width: 100%; margin: 1mm 0 4mm; border-collapse: collapse; font-size: 8.5pt; }
caption { margin-bottom: 1.5mm; caption-side: top; font-size: 10pt; font-weight: 700; text-align: left;
  break-after: avoid; }
th, td { padding: 1.1mm 1.4mm; border-bottom: 0.5pt solid ${rule}; vertical-align: top; }
thead th { background: #e8f0ee; font-weight: 700; text-align: right; vertical-align: bottom; }
thead th:first-child { text-align: left; }
tbody th { font-weight: 400; text-align: left; }
/* A group of indicators stays on one page, its heading with its rows. */
tbody { break-inside: avoid; }
tbody tr.group th { padding-top: 2mm; background: #f4f7f6; font-weight: 700; }
td { font-variant-numeric: tabular-nums; text-align: right; white-space: nowrap; }
td .sub { display: block; color: ${muted}; font-size: 7pt; white-space: normal; }
tr, table.whole { break-inside: avoid; }
.chart { margin: 3mm 0 5mm; break-inside: avoid; }
.chart figcaption { margin-bottom: 1mm; font-size: 10pt; font-weight: 700; }
.chart svg { display: block; width: 100%; height: auto; }
.notes { margin-top: 3mm; color: ${muted}; font-size: 8pt; break-inside: avoid; }
.notes p { margin-bottom: 1mm; }
.supporters { margin: 0; }
.supporters dt { font-weight: 700; }
.supporters dd { margin: 0 0 2.5mm; }
.supporters .role { color: ${muted}; font-weight: 400; }
.source { margin-top: 6mm; color: ${muted}; font-size: 8pt; }
`;

function Table({ table }: { table: TableView }) {
  return (
    <table class={table.keepTogether ? "whole" : undefined}>
      <caption>{table.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{table.rowHeading}</th>
          {table.columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      {table.groups.map((group, g) => (
        <tbody key={String(g)}>
          {group.name && (
            <tr class="group">
              <th scope="rowgroup" colSpan={table.columns.length + 1}>
                {group.name}
              </th>
            </tr>
          )}
          {group.rows.map((row) => (
            <tr key={row.name}>
              <th scope="row">{row.name}</th>
              {row.cells.map((cell, i) => (
                <Cell key={String(i)} cell={cell} />
              ))}
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}

function Cell({ cell }: { cell: CellView }) {
  return (
    <td>
      {cell.text}
      {cell.sub && <span class="sub">{cell.sub}</span>}
    </td>
  );
}

function Chart({ chart }: { chart: ChartView }) {
  return (
    <figure class="chart">
      <figcaption>{chart.title}</figcaption>
      {/* ECharts' SVG (charts.ts): text in it is escaped, and it holds no script. */}
      <div dangerouslySetInnerHTML={{ __html: chart.svg }} />
    </figure>
  );
}

function Section({ section }: { section: SectionView }) {
  return (
    <section id={section.field}>
      <h2>{section.heading}</h2>
      {section.kind === "list" ? (
        <ul lang={section.lang}>
          {section.parts.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      ) : (
        section.parts.map((paragraph) => (
          <p key={paragraph} lang={section.lang}>
            {paragraph}
          </p>
        ))
      )}
    </section>
  );
}

function ReportDocument({ view }: { view: ReportView }) {
  const { results } = view;
  return (
    <html lang={view.locale}>
      <head>
        <meta charset="utf-8" />
        <title>{view.documentTitle}</title>
        <style dangerouslySetInnerHTML={{ __html: styles }} />
      </head>
      <body>
        <header class="cover">
          <p class="kicker">{view.kicker}</p>
          {view.organisation && <p class="organisation">{view.organisation}</p>}
          <h1>{view.projectName}</h1>
          <dl class="facts">
            {view.facts.map((fact) => [
              <dt key={`t-${fact.label}`}>{fact.label}</dt>,
              <dd key={`d-${fact.label}`}>{fact.value}</dd>,
            ])}
          </dl>
        </header>
        <main>
          {view.summary && <p class="summary">{view.summary}</p>}
          {view.before.map((section) => (
            <Section key={section.field} section={section} />
          ))}
          <section id="results">
            <h2>{view.resultsHeading}</h2>
            <p>{results.intro}</p>
            <ul>
              {results.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            {results.tables.map((table, i) => (
              <Table key={String(i)} table={table} />
            ))}
            {results.siteChart && <Chart chart={results.siteChart} />}
            {(results.charts.length > 0 || results.monthlyTables.length > 0) && (
              <h3>{results.monthlyHeading}</h3>
            )}
            {results.charts.map((chart) => (
              <Chart key={chart.id} chart={chart} />
            ))}
            {results.monthlyTables.map((table, i) => (
              <Table key={String(i)} table={table} />
            ))}
            {results.notes.length > 0 && (
              <div class="notes">
                {results.notes.map((note) => (
                  <p key={note}>{note}</p>
                ))}
              </div>
            )}
          </section>
          {view.after.map((section) => (
            <Section key={section.field} section={section} />
          ))}
          {view.supporters.length > 0 && (
            <section id="sponsors">
              <h2>{view.supportersHeading}</h2>
              <dl class="supporters">
                {view.supporters.map((s) => [
                  <dt key={`t-${s.name}`}>
                    {s.name} <span class="role">· {s.role}</span>
                  </dt>,
                  ...(s.about ? [<dd key={`d-${s.name}`}>{s.about}</dd>] : []),
                ])}
              </dl>
            </section>
          )}
          <p class="source">{view.source}</p>
        </main>
      </body>
    </html>
  );
}

export interface ReportPage {
  html: string;
  /** Chromium's headerTemplate and footerTemplate (their own tiny documents, styled inline). */
  headerTemplate: string;
  footerTemplate: string;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

const bandStyle = [
  "box-sizing: border-box",
  "width: 100%",
  `padding: 0 ${pageMargins.right} 0 ${pageMargins.left}`,
  `font-family: ${fontFamily.replaceAll('"', "'")}`,
  "font-size: 7.5pt",
  `color: ${muted}`,
  "display: flex",
  "justify-content: space-between",
  "gap: 6mm",
].join("; ");
const ellipsis = "overflow: hidden; white-space: nowrap; text-overflow: ellipsis";

function pageBands(view: ReportView): Pick<ReportPage, "headerTemplate" | "footerTemplate"> {
  const page = escapeHtml(view.footer.page)
    .replace("{page}", '<span class="pageNumber"></span>')
    .replace("{pages}", '<span class="totalPages"></span>');
  return {
    headerTemplate: `<div style="${bandStyle}"><span style="${ellipsis}">${escapeHtml(view.header.project)}</span><span style="white-space: nowrap">${escapeHtml(view.header.period)}</span></div>`,
    footerTemplate: `<div style="${bandStyle}"><span>${escapeHtml(view.footer.organisation)}</span><span style="white-space: nowrap">${page}</span></div>`,
  };
}

export function renderReportPage(
  report: Report,
  narrative: ReportNarrative,
  locale: Locale,
  options: ReportOptions = {},
): ReportPage {
  const view = describeReport(report, narrative, locale, options);
  return {
    html: `<!doctype html>${render(<ReportDocument view={view} />)}`,
    ...pageBands(view),
  };
}
