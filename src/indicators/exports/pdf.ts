// The PDF project report: the report page (report-page.tsx) printed on A4 with its running header
// and footer by the shared printer (src/pdf/printer.ts).
import type { Locale } from "../../lib/i18n.js";
import { printPdf } from "../../pdf/printer.js";
import type { Report } from "../report.js";
import type { ReportNarrative } from "./report-narrative.js";
import type { ReportOptions } from "./report-view.js";

export interface PdfOptions extends ReportOptions {
  /** Stops the printing early (the export was cancelled or ran out of time). */
  signal?: AbortSignal;
  /** Called when the page is laid out and printing starts. */
  onPrinting?: () => void;
}

/**
 * The report's page and its charts (ECharts: some 600 modules), loaded with the first PDF rather
 * than at start, which they made slower and heavier by tens of megabytes (docs/benchmarks.md, "site").
 */
const reportPage = () => import("./report-page.js");

/** The project report as a PDF, in one language; figures as `report` has them (public or not). */
export async function renderPdf(
  report: Report,
  narrative: ReportNarrative,
  locale: Locale,
  options: PdfOptions = {},
): Promise<Buffer> {
  const { renderReportPage, pageMargins } = await reportPage();
  const { html, headerTemplate, footerTemplate } = renderReportPage(
    report,
    narrative,
    locale,
    options,
  );
  options.onPrinting?.();
  return printPdf(html, {
    margin: pageMargins,
    bands: { headerTemplate, footerTemplate },
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
