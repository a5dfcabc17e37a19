// The PDF project report as a background export (src/exports/): the kind `pdf` is the staff
// report — every figure, for the sites the export recorded — and `pdf_public` the version fit to
// publish, with small figures about clients withheld ("<5", or under the configured threshold) as
// on the project page.

import type { Db } from "../../db/connection.js";
import {
  ExportError,
  type ExportFile,
  type ExportRenderContext,
  registerExportRenderer,
} from "../../exports/renderers.js";
import { AppError } from "../../lib/errors.js";
import type { Locale } from "../../lib/i18n.js";
import { translator } from "../../messages.js";
import { listPublishedPeriods, publishedPeriod } from "../release.js";
import { buildReport, releaseRequestOf } from "../report.js";
import { renderPdf } from "./pdf.js";
import { reportFileName, reportReader } from "./renderers.js";
import { loadReportNarrative } from "./report-narrative.js";

export const pdfContentType = "application/pdf";

export interface PdfExportOptions {
  /** Withhold small figures: a report fit to publish. */
  public: boolean;
  /** The smallest figure about clients a public report shows (PUBLIC_MIN_COUNT); 5 by default. */
  threshold?: number;
  /** When the file is made (tests). */
  now?: () => Date;
}

export function pdfExportRenderer(options: PdfExportOptions) {
  return async (context: ExportRenderContext): Promise<ExportFile> => {
    const { params, db } = context;
    await context.progress(0, "exports.note.computing");
    const report = await buildReport(db, {
      slug: context.project.slug,
      period: { kind: params.periodKind, from: params.from, to: params.to },
      user: reportReader(params.sites?.map((s) => s.id) ?? null, params.locale),
      public: options.public,
      threshold: options.threshold,
    });
    const narrative = await loadReportNarrative(db, context.project.id);
    context.signal.throwIfAborted();
    await context.progress(20, "exports.note.laying_out");
    let body: Buffer;
    try {
      body = await renderPdf(report, narrative, params.locale, {
        allSites: params.sites === null,
        now: options.now?.() ?? new Date(),
        signal: context.signal,
        onPrinting: () => void context.progress(60, "exports.note.printing"),
      });
    } catch (error) {
      // Not a passing failure: retrying will not install Chromium.
      if (error instanceof AppError && error.details.reason === "chromium_missing") {
        throw new ExportError("chromium_missing", error.message);
      }
      throw error;
    }
    await context.progress(100);
    const name = reportFileName(
      params.locale,
      context.project.slug,
      params,
      params.sites?.map((s) => s.code) ?? null,
      "pdf",
    );
    return {
      fileName: options.public
        ? name.replace(/\.pdf$/, `-${translator(params.locale).t("report.file_public")}.pdf`)
        : name,
      contentType: pdfContentType,
      body,
    };
  };
}

/**
 * The public results report of a project's whole period, as the project page links it: the same
 * release as the page (every site, small figures withheld), printed in one language. The site
 * keeps it until a record or the project changes (src/site/routes.ts), so Chromium prints it once
 * per change, not per download.
 */
export async function renderPublicResultsPdf(
  db: Db,
  slug: string,
  locale: Locale,
  threshold: number,
): Promise<Buffer> {
  const { project } = await listPublishedPeriods(db, slug);
  const report = await buildReport(db, {
    slug,
    period: { kind: "custom", from: project.starts_on, to: project.ends_on },
    user: null,
    public: true,
    threshold,
  });
  const narrative = await loadReportNarrative(db, report.project.id);
  return renderPdf(report, narrative, locale, { allSites: true, now: new Date() });
}

/** Makes `pdf` and `pdf_public` exports available; returns a function that removes them (tests). */
export function registerPdfExports(options: Omit<PdfExportOptions, "public"> = {}): () => void {
  const removers = [
    registerExportRenderer("pdf", pdfExportRenderer({ ...options, public: false })),
    registerExportRenderer(
      "pdf_public",
      pdfExportRenderer({ ...options, public: true }),
      // Refused at once unless the period is one the project publishes (release.ts).
      async ({ db, projectSlug, period, sites }) => {
        const { project, periods } = await listPublishedPeriods(db, projectSlug);
        const chosen = publishedPeriod(periods, releaseRequestOf(project, period), "period");
        if (chosen.key !== "project" && sites !== null) {
          throw new AppError("invalid_parameter", {
            parameter: "site",
            reason: "quarter_all_sites",
          });
        }
      },
    ),
  ];
  return () => {
    for (const remove of removers) remove();
  };
}
