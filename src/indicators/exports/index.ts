// Every report export the server offers, registered with the export queue in one call at start:
// spreadsheets (xlsx, csv), the PDF report (pdf, pdf_public) and the DHIS2 files (dhis2_json, adx).

import { closePdfBrowser } from "../../pdf/printer.js";
import { registerDhis2Exports } from "./dhis2-renderers.js";
import { registerPdfExports } from "./pdf-export.js";
import { registerSpreadsheetExports } from "./renderers.js";

export interface ReportExportOptions {
  /** The smallest figure about clients a published report shows (PUBLIC_MIN_COUNT). */
  threshold?: number;
}

/** Registers the renderers; the returned function removes them and closes the PDF printer. */
export function registerReportExports(options: ReportExportOptions = {}): () => Promise<void> {
  const removers = [
    registerSpreadsheetExports(),
    registerPdfExports(options),
    registerDhis2Exports(),
  ];
  return async () => {
    for (const remove of removers) remove();
    await closePdfBrowser();
  };
}
