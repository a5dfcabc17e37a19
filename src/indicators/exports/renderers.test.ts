// The spreadsheet and CSV as background exports: the renderers build the report for exactly the
// sites the export recorded, report their progress and name their files; and a coordinator who
// asks for a spreadsheet over HTTP downloads one that holds their site only.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/connection.js";
import type { ExportParams, ExportRenderContext } from "../../exports/renderers.js";
import { findExportRenderer } from "../../exports/renderers.js";
import { newId } from "../../lib/ids.js";
import { openTestDatabase } from "../../test-support/database.js";
import {
  insertProjectFixture,
  insertReportRecords,
  type ProjectFixture,
} from "../../test-support/fixtures.js";
import { buildTestAppWithJobs, waitFor } from "../../test-support/jobs.js";
import { createAccount, signIn } from "../../test-support/sessions.js";
import {
  registerSpreadsheetExports,
  renderCsvExport,
  renderXlsxExport,
  reportFileName,
} from "./renderers.js";

let database: Database;
let f: ProjectFixture;

beforeAll(async () => {
  database = await openTestDatabase();
  f = await insertProjectFixture(database.db);
  await insertReportRecords(database.db, f);
});
afterAll(async () => database.close());

const quarter3 = { period: "2011Q3", periodKind: "quarter", from: "2011-07-01", to: "2011-09-30" };

function contextFor(params: ExportParams, signal = new AbortController().signal) {
  const progress: [number, string | undefined][] = [];
  const context: ExportRenderContext = {
    db: database.db,
    exportId: newId(),
    project: { id: f.projectId, slug: f.slug },
    params,
    progress: async (percent, note) => {
      progress.push([percent, note]);
    },
    signal,
  };
  return { context, progress };
}

async function readBack(body: Buffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type; a Node Buffer is what it reads.
  await workbook.xlsx.load(Buffer.from(body) as unknown as ExcelJS.Buffer);
  return workbook;
}

/** The value in column `column` of the row whose first cell reads `text`. */
function valueIn(sheet: ExcelJS.Worksheet | undefined, text: string, column: number) {
  let found: ExcelJS.CellValue;
  sheet?.eachRow((row) => {
    if (row.getCell(1).value === text) found = row.getCell(column).value;
  });
  return found;
}

describe("the xlsx and csv renderers", () => {
  it("make the whole project's spreadsheet, reporting progress, named for the period", async () => {
    const { context, progress } = contextFor({
      ...quarter3,
      periodKind: "quarter",
      sites: null,
      locale: "vi",
    });
    const file = await renderXlsxExport(context);
    expect(file.fileName).toBe("bao-cao-test-project-2011Q3.xlsx");
    expect(file.contentType).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(progress).toEqual([
      [0, "exports.note.computing"],
      [10, "exports.note.writing"],
      [90, "exports.note.writing"],
    ]);
    const summary = (await readBack(file.body)).getWorksheet("Tổng quan");
    expect(valueIn(summary, "Phạm vi", 2)).toBe(
      "Tất cả các địa bàn của dự án: Địa bàn A, Địa bàn B",
    );
    expect(valueIn(summary, "people_reached", 4)).toBe(9);
    expect(valueIn(summary, "contacts", 4)).toBe(14);
  });

  it("make a file of the recorded sites only, with small figures shown (a staff file)", async () => {
    const { context } = contextFor({
      ...quarter3,
      periodKind: "quarter",
      sites: [{ id: f.siteB.id, code: "B" }],
      locale: "en",
    });
    const file = await renderCsvExport(context);
    expect(file.fileName).toBe("report-test-project-2011Q3-B.csv");
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    const text = Buffer.from(file.body).toString("utf8");
    expect(text).toContain("people_reached,People reached,people,,,,,,,,2,\r\n");
    expect(text).toContain(",site,site,B,Site B,,,,2,\r\n");
    expect(text).not.toContain("Site A");
  });

  it("name a custom period by its dates", () => {
    const custom = { period: "2011-07-01..2011-10-31", periodKind: "custom" as const };
    expect(
      reportFileName(
        "en",
        "dien-bien",
        { ...custom, from: "2011-07-01", to: "2011-10-31" },
        ["TG"],
        "csv",
      ),
    ).toBe("report-dien-bien-2011-07-01_2011-10-31-TG.csv");
  });

  it("stop when the export is aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const { context } = contextFor(
      { ...quarter3, periodKind: "quarter", sites: null, locale: "en" },
      controller.signal,
    );
    await expect(renderXlsxExport(context)).rejects.toThrow();
  });
});

describe("a spreadsheet asked for over HTTP", () => {
  it("is made in the background and holds only the coordinator's site", async () => {
    const unregister = registerSpreadsheetExports();
    const withJobs = await buildTestAppWithJobs(database, { exports: { retryLimit: 0 } });
    try {
      expect(findExportRenderer("xlsx")).toBe(renderXlsxExport);
      expect(findExportRenderer("csv")).toBe(renderCsvExport);
      const account = await createAccount(database.db, {
        role: "site_coordinator",
        siteIds: [f.siteB.id],
      });
      const as = await signIn(withJobs.app, account.username, account.password);
      const asked = await withJobs.app.inject({
        method: "POST",
        url: "/api/exports",
        headers: as.unsafeHeaders,
        payload: { project: f.slug, kind: "xlsx", period: "2011Q3", locale: "en" },
      });
      expect(asked.statusCode).toBe(202);
      const { id } = asked.json() as { id: string };
      const done = await waitFor(async () => {
        const answer = await withJobs.app.inject({
          method: "GET",
          url: `/api/exports/${id}`,
          headers: as.headers,
        });
        const current = answer.json() as { status: string; links: { file?: string } };
        if (current.status === "failed") throw new Error(answer.body);
        return current.status === "done" ? current : undefined;
      }, "the spreadsheet");
      const file = await withJobs.app.inject({
        method: "GET",
        url: done.links.file!,
        headers: as.headers,
      });
      expect(file.statusCode).toBe(200);
      expect(file.headers["content-disposition"]).toContain(
        'filename="report-test-project-2011Q3-B.xlsx"',
      );
      const workbook = await readBack(file.rawPayload);
      expect(workbook.getWorksheet("Site")?.getRow(1).values).toEqual([
        undefined,
        "Indicator",
        "Site B",
        "Total",
      ]);
      expect(valueIn(workbook.getWorksheet("Summary"), "people_reached", 4)).toBe(2);
    } finally {
      await withJobs.close();
      unregister();
    }
    expect(findExportRenderer("xlsx")).toBeUndefined();
  });
});
