// The PDF project report printed by Chromium, read back as text (poppler's pdftotext): the demo
// project's report in Vietnamese and in English, the staff and the public version, the export
// kinds `pdf` and `pdf_public`, and a clear failure where Chromium is missing. One browser for the
// whole file. Where Chromium or pdftotext is missing these tests are skipped with a message, except
// on CI, which installs both (.ci/run).
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../auth/policy.js";
import type { Database } from "../../db/connection.js";
import { loadDemo } from "../../demo/service.js";
import {
  ExportError,
  type ExportParams,
  type ExportRenderContext,
  findExportRenderer,
} from "../../exports/renderers.js";
import { AppError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { chromiumPath, closePdfBrowser } from "../../pdf/printer.js";
import { openTestDatabase } from "../../test-support/database.js";
import { buildTestAppWithJobs, waitFor } from "../../test-support/jobs.js";
import { signIn } from "../../test-support/sessions.js";
import { insertUser } from "../../test-support/users.js";
import { parsePeriod } from "../periods.js";
import { buildReport, type Report } from "../report.js";
import { renderPdf } from "./pdf.js";
import { pdfExportRenderer, registerPdfExports } from "./pdf-export.js";
import { loadReportNarrative, type ReportNarrative } from "./report-narrative.js";

const pdftotext = "/usr/bin/pdftotext";
const missing = [
  ...(existsSync(chromiumPath())
    ? []
    : [`Chromium at ${chromiumPath()} (apt-get install chromium)`]),
  ...(existsSync(pdftotext) ? [] : ["pdftotext (apt-get install poppler-utils)"]),
];
const skip = missing.length > 0 && process.env.CI !== "true";
if (skip) console.warn(`pdf: skipped — no ${missing.join(", no ")}`);

const period = "2011-07-01..2011-10-31";
const now = new Date("2011-11-15T03:00:00Z");

/** The PDF's text, page after page (pages separated by form feeds). */
function textOf(pdf: Buffer | Uint8Array): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(pdftotext, ["-enc", "UTF-8", "-", "-"], (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
    child.stdin?.end(pdf);
  });
}

const isPdf = (body: Buffer | Uint8Array) =>
  Buffer.from(body).subarray(0, 5).toString() === "%PDF-";

let database: Database;
let admin: SessionUser;
let report: Report;
let narrative: ReportNarrative;

beforeAll(async () => {
  database = await openTestDatabase();
  await loadDemo(database.db);
  admin = await insertUser(database.db, "administrator");
  report = await buildReport(database.db, {
    slug: "dien-bien",
    period: parsePeriod(period),
    user: admin,
  });
  narrative = await loadReportNarrative(database.db, report.project.id);
});
afterAll(async () => {
  await closePdfBrowser();
  await database?.close();
});

describe.skipIf(skip)("the demo project's PDF report", () => {
  it("is not printed once it is cancelled", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      renderPdf(report, narrative, "vi", { signal: controller.signal }),
    ).rejects.toThrow();
  });

  it("is a PDF in Vietnamese with the seed's sections, figures and charts", async () => {
    const pdf = await renderPdf(report, narrative, "vi", { now, allSites: true });
    expect(isPdf(pdf)).toBe(true);
    const text = await textOf(pdf);
    expect(text).toContain(
      "Dự phòng HIV cho bạn tình chính của người sử dụng ma túy thực hiện ở Điện Biên",
    );
    for (const heading of [
      "BÁO CÁO DỰ ÁN",
      "Bối cảnh",
      "Mục tiêu",
      "Đối tượng đích",
      "Địa bàn thực hiện",
      "Kết quả đạt được",
      "Thuận lợi",
      "Khó khăn",
      "Bài học kinh nghiệm",
      "Kiến nghị",
      "Nhà tài trợ và đối tác",
    ]) {
      expect(text, heading).toContain(heading);
    }
    expect(text).toContain("Số khách hàng được tiếp cận: 462 người (với 477 lượt tiếp cận)");
    expect(text).toContain("Số lượt khách hàng đến sinh hoạt nhóm: 241 lượt (với 11 buổi)");
    expect(text).toContain("Khách hàng được tiếp cận và lượt tiếp cận theo tháng");
    // The chart's own words are text in the PDF too: its axis names the months.
    expect(text).toContain("tháng 10/2011");
    expect(text).toMatch(/Trang 1\/[4-9]/);
    expect(text).toContain("Bản nội bộ: số liệu đầy đủ");
  });

  it("is a PDF in English", async () => {
    const pdf = await renderPdf(report, narrative, "en", { now, allSites: true });
    expect(isPdf(pdf)).toBe(true);
    const text = await textOf(pdf);
    expect(text).toContain(
      "HIV prevention for Primary Sexual Partners of People who use drugs in Dien Bien",
    );
    for (const heading of [
      "PROJECT REPORT",
      "Background",
      "Objectives",
      "Target populations",
      "Locations",
      "Results",
      "Headline figures",
      "Enablers",
      "Difficulties",
      "Lessons learnt",
      "Recommendations",
      "Sponsors and partners",
    ]) {
      expect(text, heading).toContain(heading);
    }
    expect(text).toContain("462");
    expect(text).toContain("477");
    expect(text).toContain("People reached and contacts by month");
    expect(text).toMatch(/Page 1 of [4-9]/);
    expect(text).not.toContain("Bối cảnh");
  });

  it("has a public version that withholds small figures", async () => {
    const published = await buildReport(database.db, {
      slug: "dien-bien",
      period: parsePeriod(period),
      user: null,
    });
    const text = await textOf(await renderPdf(published, narrative, "en", { now, allSites: true }));
    expect(text).toContain("Public version: figures about fewer than 5 clients are withheld");
    // Four people newly on treatment: a small figure, never printed.
    // The label may wrap in the table cell; the row's first figure follows it.
    expect(text).toMatch(/TX_NEW: people newly started(?:\s+on ART)?\s+<5\s/);
    expect(text).toContain("462");
  });

  it("has a public version of a quarter, for all sites together and without people", async () => {
    const quarter = await buildReport(database.db, {
      slug: "dien-bien",
      period: parsePeriod("2011Q4"),
      user: null,
    });
    expect(quarter.set.period).toMatchObject({ from: "2011-10-01", to: "2011-10-31" });
    const text = await textOf(await renderPdf(quarter, narrative, "en", { now, allSites: true }));
    expect(text).toMatch(/Scope\s+All sites, together \(not site by site\)/);
    expect(text).toContain("Organised 3 rounds of on-the-job coaching\n");
    expect(text).not.toContain("at 0 sites");
  });
});

function exportContext(params: Partial<ExportParams> = {}) {
  const progress: [number, string | undefined][] = [];
  const context: ExportRenderContext = {
    db: database.db,
    exportId: newId(),
    project: { id: report.project.id, slug: "dien-bien" },
    params: {
      period,
      periodKind: "custom",
      from: "2011-07-01",
      to: "2011-10-31",
      sites: null,
      locale: "vi",
      ...params,
    },
    progress: async (percent, note) => {
      progress.push([percent, note]);
    },
    signal: new AbortController().signal,
  };
  return { context, progress };
}

describe.skipIf(skip)("the PDF as an export", () => {
  it("covers the sites the export recorded, reporting its progress", async () => {
    const tuanGiao = report.set.sites.find((s) => s.code === "TG")!;
    const { context, progress } = exportContext({
      sites: [{ id: tuanGiao.id, code: "TG" }],
    });
    const file = await pdfExportRenderer({ public: false, now: () => now })(context);
    expect(file.fileName).toBe("bao-cao-dien-bien-2011-07-01_2011-10-31-TG.pdf");
    expect(file.contentType).toBe("application/pdf");
    expect(progress).toEqual([
      [0, "exports.note.computing"],
      [20, "exports.note.laying_out"],
      [60, "exports.note.printing"],
      [100, undefined],
    ]);
    const text = await textOf(file.body);
    expect(text).toMatch(/Phạm vi\s+Huyện Tuần Giáo\s/);
    expect(text).toContain(`Số khách hàng được tiếp cận: ${tuanGiaoReached()} người`);
  });

  it("makes the public version with the configured threshold (PUBLIC_MIN_COUNT)", async () => {
    const unregister = registerPdfExports({ now: () => now, threshold: 10 });
    try {
      const file = await findExportRenderer("pdf_public")!(exportContext({ locale: "en" }).context);
      const text = await textOf(file.body);
      expect(text).toContain("Public version: figures about fewer than 10 clients are withheld");
      expect(text).toMatch(/TX_NEW: people newly started(?:\s+on ART)?\s+<10\s/);
      expect(text).not.toContain("<5");
    } finally {
      unregister();
    }
  });

  it("is asked for over HTTP and downloaded by a site coordinator", async () => {
    const unregister = registerPdfExports({ now: () => now });
    const withJobs = await buildTestAppWithJobs(database, { exports: { retryLimit: 0 } });
    try {
      const as = await signIn(withJobs.app, "coordinator.tg", "dieu-phoi-2011-demo");
      const asked = await withJobs.app.inject({
        method: "POST",
        url: "/api/exports",
        headers: as.unsafeHeaders,
        payload: { project: "dien-bien", kind: "pdf_public", period, locale: "en" },
      });
      expect(asked.statusCode).toBe(202);
      const { id } = asked.json() as { id: string };
      const done = await waitFor(
        async () => {
          const answer = await withJobs.app.inject({
            method: "GET",
            url: `/api/exports/${id}`,
            headers: as.headers,
          });
          const current = answer.json() as { status: string; links: { file?: string } };
          if (current.status === "failed") throw new Error(answer.body);
          return current.status === "done" ? current : undefined;
        },
        "the PDF",
        60_000,
      );
      const file = await withJobs.app.inject({
        method: "GET",
        url: done.links.file!,
        headers: as.headers,
      });
      expect(file.statusCode).toBe(200);
      expect(file.headers["content-type"]).toBe("application/pdf");
      expect(file.headers["content-disposition"]).toContain(
        'filename="report-dien-bien-2011-07-01_2011-10-31-TG-public.pdf"',
      );
      const text = await textOf(file.rawPayload);
      expect(text).toMatch(/Scope\s+Tuần Giáo district\s/);
      expect(text).toContain("Public version");
    } finally {
      await withJobs.close();
      unregister();
    }
    expect(findExportRenderer("pdf")).toBeUndefined();
  });
});

/** People reached at Tuần Giáo, as the indicator engine counts them. */
function tuanGiaoReached(): number {
  const tuanGiao = report.set.sites.find((s) => s.code === "TG")!;
  const cell = report.set.figures.people_reached?.by.site?.find(
    (c) => c.categories.site === tuanGiao.id,
  );
  return cell!.value!;
}

describe("without Chromium", () => {
  it("says that a PDF needs Chromium and how to install it", async () => {
    await closePdfBrowser();
    const before = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    try {
      const failure = await renderPdf(report, narrative, "vi").catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AppError);
      expect(failure).toMatchObject({
        code: "feature_unavailable",
        details: { reason: "chromium_missing" },
      });
      expect((failure as AppError).message).toContain("apt-get install chromium");
      // An export fails at once with its own message, rather than being tried again.
      const exported = await pdfExportRenderer({ public: false })(exportContext().context).catch(
        (error: unknown) => error,
      );
      expect(exported).toBeInstanceOf(ExportError);
      expect(exported).toMatchObject({ code: "chromium_missing" });
    } finally {
      if (before === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = before;
    }
  });
});
