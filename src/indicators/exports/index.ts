// Every report export the server offers, registered with the export queue in one call at start:
// spreadsheets (xlsx, csv), the PDF report (pdf, pdf_public) and the DHIS2 files (dhis2_json, adx).
import { registerDhis2Exports } from "./dhis2-renderers.js";
import { closePdfBrowser } from "./pdf.js";
import { registerPdfExports } from "./pdf-export.js";
import { registerSpreadsheetExports } from "./renderers.js";

/** Registers the renderers; the returned function removes them and closes the PDF printer. */
export function registerReportExports(): () => Promise<void> {
  const removers = [registerSpreadsheetExports(), registerPdfExports(), registerDhis2Exports()];
  return async () => {
    for (const remove of removers) remove();
    await closePdfBrowser();
  };
}
