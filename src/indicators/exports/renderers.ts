// The spreadsheet and CSV reports as background exports (src/exports/): the kinds `xlsx` and `csv`.
// An export records the sites its requester could read when it was queued (exports/service.ts
// checked them); the report is built through buildReport, as a staff report for exactly those
// sites, with small figures shown (a staff file, not a publication).
import type { SessionUser } from "../../auth/policy.js";
import type { Db } from "../../db/connection.js";
import {
  type ExportFile,
  type ExportParams,
  type ExportRenderContext,
  registerExportRenderer,
} from "../../exports/renderers.js";
import type { Locale } from "../../lib/i18n.js";
import { translator } from "../../messages.js";
import type { Period } from "../periods.js";
import { buildReport, type Report } from "../report.js";
import { csvContentType, renderCsv } from "./csv.js";
import { renderXlsx, xlsxContentType } from "./xlsx.js";

/**
 * The reader a report is built for when no one is signed in to the process (an export's job, an
 * operator's command): someone who may read these sites, or every site when `siteIds` is null.
 * buildReport limits sites through the policy's readableSites, which reads exactly this.
 */
export function reportReader(siteIds: readonly string[] | null, locale: Locale): SessionUser {
  return {
    id: "report-reader",
    username: "report-reader",
    displayName: "report-reader",
    role: siteIds === null ? "programme_officer" : "supervisor",
    siteIds: siteIds ?? [],
    staffId: null,
    locale,
  };
}

/** The report an export covers. */
export function buildExportReport(db: Db, slug: string, params: ExportParams): Promise<Report> {
  const period: Period = { kind: params.periodKind, from: params.from, to: params.to };
  return buildReport(db, {
    slug,
    period,
    user: reportReader(params.sites?.map((s) => s.id) ?? null, params.locale),
    public: false,
  });
}

/** `bao-cao-dien-bien-2011Q3.xlsx`, `report-dien-bien-2011Q3-TG.csv`: ASCII, no directories. */
export function reportFileName(
  locale: Locale,
  slug: string,
  period: Pick<ExportParams, "period" | "periodKind" | "from" | "to">,
  siteCodes: readonly string[] | null,
  extension: string,
): string {
  const when = period.periodKind === "custom" ? `${period.from}_${period.to}` : period.period;
  const parts = [translator(locale).t("spreadsheet.file_prefix"), slug, when, ...(siteCodes ?? [])];
  return `${parts.join("-").replace(/[^A-Za-z0-9._-]/g, "_")}.${extension}`;
}

function reportRenderer(
  extension: string,
  contentType: string,
  render: (report: Report, params: ExportParams) => Promise<Buffer> | Buffer,
) {
  return async (context: ExportRenderContext): Promise<ExportFile> => {
    const { params } = context;
    await context.progress(0, "exports.note.computing");
    const report = await buildExportReport(context.db, context.project.slug, params);
    context.signal.throwIfAborted();
    await context.progress(10, "exports.note.writing");
    const body = await render(report, params);
    await context.progress(90, "exports.note.writing");
    return {
      fileName: reportFileName(
        params.locale,
        context.project.slug,
        params,
        params.sites?.map((s) => s.code) ?? null,
        extension,
      ),
      contentType,
      body,
    };
  };
}

export const renderXlsxExport = reportRenderer("xlsx", xlsxContentType, (report, params) =>
  renderXlsx(report, params.locale, { allSites: params.sites === null }),
);

export const renderCsvExport = reportRenderer("csv", csvContentType, (report, params) =>
  renderCsv(report, params.locale),
);

/** Makes `xlsx` and `csv` exports available; returns a function that removes them (tests). */
export function registerSpreadsheetExports(): () => void {
  const removers = [
    registerExportRenderer("xlsx", renderXlsxExport),
    registerExportRenderer("csv", renderCsvExport),
  ];
  return () => {
    for (const remove of removers) remove();
  };
}
