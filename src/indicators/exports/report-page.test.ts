// The PDF report's HTML page, without a browser: the seed page's sections in its order and in the
// reader's language, the headline figures per site and in total with targets, the monthly charts
// and tables, withheld figures in the public version, and the running header and footer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../auth/policy.js";
import type { Database } from "../../db/connection.js";
import { loadReferencePlaces } from "../../places/service.js";
import { openTestDatabase } from "../../test-support/database.js";
import { insertProjectFixture } from "../../test-support/published-project.js";
import { insertUser } from "../../test-support/users.js";
import type { Cell, Figure } from "../engine.js";
import { parsePeriod } from "../periods.js";
import { buildReport, type Report } from "../report.js";
import { setTargets } from "../targets.js";
import { loadReportNarrative, type ReportNarrative } from "./report-narrative.js";
import { renderReportPage } from "./report-page.js";

const slug = "thu-nghiem";
const period = parsePeriod("2011-07-01..2011-10-31");
const now = new Date("2011-11-15T03:00:00Z");

let database: Database;
let admin: SessionUser;
let staffReport: Report;
let publicReport: Report;
let narrative: ReportNarrative;

beforeAll(async () => {
  database = await openTestDatabase();
  await loadReferencePlaces(database.db);
  const projectId = await insertProjectFixture(database.db, { slug });
  admin = await insertUser(database.db, "administrator");
  staffReport = await buildReport(database.db, { slug, period, user: admin });
  publicReport = await buildReport(database.db, { slug, period, user: null });
  narrative = await loadReportNarrative(database.db, projectId);
});
afterAll(async () => database?.close());

const page = (report: Report, locale: "vi" | "en", given = narrative) =>
  renderReportPage(report, given, locale, { now, allSites: true });

/** The text of the page, tags removed and entities read, for what a reader sees. */
const textOf = (html: string) =>
  html
    .replace(/<head>[\s\S]*?<\/head>/, "")
    .replace(/<svg[\s\S]*?<\/svg>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

/** The cells of the first table row named `name`: each cell's text, its second line after "|". */
function row(html: string, name: string): string[] {
  const found = new RegExp(`<tr><th scope="row">${name}</th>(.*?)</tr>`).exec(html)?.[1];
  expect(found, name).toBeDefined();
  return [...found!.matchAll(/<td>(.*?)<\/td>/g)].map((m) =>
    m[1]!.replace(/<span class="sub">(.*?)<\/span>/, "|$1").replace(/&lt;/g, "<"),
  );
}

function expectInOrder(text: string, parts: string[]) {
  const positions = parts.map((part) => text.indexOf(part));
  for (const [i, part] of parts.entries()) expect(positions[i], part).toBeGreaterThan(-1);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
}

describe("the report page", () => {
  it("is one A4 document that needs nothing else: no script, nothing fetched", () => {
    const { html } = page(staffReport, "vi");
    expect(html.startsWith('<!doctype html><html lang="vi">')).toBe(true);
    expect(html).toContain("@page { size: A4;");
    expect(html).not.toMatch(/<script|<link |<img |src=|url\(/);
    expect(html).toContain("<title>Báo cáo dự án: Dự phòng HIV cho bạn tình chính");
  });

  it("has the seed page's sections in its order, in Vietnamese", () => {
    const text = textOf(page(staffReport, "vi").html);
    expectInOrder(text, [
      "Trung tâm Hỗ trợ Sáng kiến Phát triển Cộng đồng (SCDI)",
      "Dự phòng HIV cho bạn tình chính của người sử dụng ma túy thực hiện ở Điện Biên",
      "Đơn vị tài trợ Tổ chức Sức khỏe Gia đình Quốc tế (FHI)",
      "Thời gian Tháng 7 – tháng 10/2011",
      "Kỳ báo cáo Tháng 7 – tháng 10/2011",
      "Phạm vi Tất cả các địa bàn: Thành phố Điện Biên Phủ, Huyện Tuần Giáo",
      "Bản nội bộ",
      "Ngày lập Ngày 15 tháng 11 năm 2011",
      "Bối cảnh Kể từ năm 1998",
      "Mục tiêu",
      "Đối tượng đích",
      "Địa bàn thực hiện",
      "Kết quả đạt được",
      "Số khách hàng được tiếp cận: 15 người (với 18 lượt tiếp cận)",
      "Các chỉ số chính",
      "Diễn biến theo tháng",
      "Số liệu theo tháng",
      "Thuận lợi",
      "Khó khăn",
      "Bài học kinh nghiệm",
      "Kiến nghị",
      "Nhà tài trợ và đối tác",
      "Tổ chức Sức khỏe Gia đình Quốc tế (FHI) · Nhà tài trợ",
      "Số liệu được tính trực tiếp từ dữ liệu ghi nhận",
    ]);
  });

  it("is written in English for an English reader", () => {
    const { html } = page(staffReport, "en");
    expect(html).toContain('<html lang="en">');
    expectInOrder(textOf(html), [
      "Project report",
      "Funded by",
      "Reporting period July – October 2011",
      "Internal version",
      "Background",
      "Objectives",
      "Target populations",
      "Locations",
      "Results",
      "Headline figures",
      "Monthly trends",
      "Enablers",
      "Difficulties",
      "Lessons learnt",
      "Recommendations",
      "Sponsors and partners",
    ]);
  });

  it("shows every figure per site and in total to staff", () => {
    const { html } = page(staffReport, "vi");
    expect(html).toMatch(
      /<th scope="col">Thành phố Điện Biên Phủ<\/th><th scope="col">Huyện Tuần Giáo<\/th><th scope="col">Tổng cộng<\/th><\/tr>/,
    );
    expect(row(html, "Số khách hàng được tiếp cận")).toEqual(["12", "3", "15"]);
    expect(row(html, "Số lượt tiếp cận")).toEqual(["15", "3", "18"]);
    expect(row(html, "Số bao cao su được phát ra")).toEqual(["1.000", "200", "1.200"]);
    expect(row(html, "Tỷ lệ tiếp cận so với ước tính")).toEqual(["6,7%", "1,1%", "3,3%"]);
    // The demo's illustrative per-site figures are marked only for the demo project.
    expect(textOf(html)).not.toContain("Số liệu minh họa");
  });

  it("withholds small figures in the public version, and says so", () => {
    const { html } = page(publicReport, "vi");
    const text = textOf(html);
    expect(text).toContain("Bản công bố: số liệu về dưới 5 khách hàng được ẩn");
    expect(row(html, "Số khách hàng được tiếp cận")).toEqual(["12", "<5", "15"]);
    expect(text).toContain("<5: từ 1 đến 4 khách hàng, không công bố");
    expect(html).not.toMatch(
      /<th scope="row">Số khách hàng được tiếp cận<\/th><td>12<\/td><td>3<\/td>/,
    );
  });

  it("withholds under the report's threshold: a public report made with 10 says <10", async () => {
    const strict = await buildReport(database.db, { slug, period, user: null, threshold: 10 });
    const vi = page(strict, "vi").html;
    const viText = textOf(vi);
    expect(viText).toContain("Bản công bố: số liệu về dưới 10 khách hàng được ẩn (ghi là <10)");
    expect(row(vi, "Số khách hàng được tiếp cận")).toEqual(["12", "<10", "15"]);
    // Seven attendances and six visits to testing are published under the default threshold.
    expect(row(page(publicReport, "vi").html, "Số lượt khách hàng đến sinh hoạt nhóm")).toContain(
      "7",
    );
    expect(row(vi, "Số lượt khách hàng đến sinh hoạt nhóm")).not.toContain("7");
    expect(viText).toContain("Số lượt khách hàng đi xét nghiệm HIV (VCT): dưới 10 lượt");
    expect(viText).toContain("<10: từ 1 đến 9 khách hàng, không công bố");
    expect(viText).not.toContain("<5");

    const enText = textOf(page(strict, "en").html);
    expect(enText).toContain("Public version: figures about fewer than 10 clients are withheld");
    expect(enText).toContain("Visits to HIV testing (VCT): fewer than 10");
    expect(enText).toContain("<10: 1 to 9 clients, not published");
    expect(enText).not.toContain("<5");
  });

  it("draws the monthly trends as SVG charts, with their figures in a table too", () => {
    const { html } = page(staffReport, "en");
    const charts = [...html.matchAll(/<figure class="chart"><figcaption>(.*?)<\/figcaption>/g)].map(
      (m) => m[1],
    );
    expect(charts).toEqual([
      "People reached against the target population estimate, by site",
      "People reached and contacts by month",
      "Group meeting attendances and HIV test visits by month",
      "Condoms distributed by month",
    ]);
    expect(html).toMatch(
      /<svg class="chart__svg" role="img" aria-labelledby="chart-reach-title chart-reach-desc"/,
    );
    expect(html).toContain(
      '<title id="chart-reach-title">People reached and contacts by month</title>',
    );
    expect(html).toMatch(
      /<th scope="col">July 2011<\/th><th scope="col">August 2011<\/th><th scope="col">September 2011<\/th><th scope="col">October 2011<\/th><th scope="col">Total<\/th>/,
    );
  });

  it("sets targets beside the figures, with how far they were reached", async () => {
    await setTargets(database.db, staffReport.project.id, [
      { indicator: "people_reached", period: "2011Q3", value: 20 },
      { site: "DBP", indicator: "people_reached", period: "2011Q3", value: 10 },
      { site: "TG", indicator: "people_reached", period: "2011-10", value: 40 },
      // Outside the report's period: left out.
      { indicator: "contacts", period: "2011Q4", value: 100 },
    ]);
    const withTargets = await buildReport(database.db, { slug, period, user: admin });
    const { html } = page(withTargets, "vi");
    expect(html).toContain('<th scope="col">Chỉ tiêu</th><th scope="col">Đạt so với chỉ tiêu</th>');
    expect(row(html, "Số khách hàng được tiếp cận")).toEqual([
      "12|chỉ tiêu 10 · đạt 120%",
      "3|chỉ tiêu 40 · đạt 8%",
      "15",
      "20",
      "75%",
    ]);
    expect(row(html, "Số lượt tiếp cận")).toEqual(["15", "3", "18", "—", "—"]);
    expect(textOf(html)).toContain("Chỉ tiêu: tổng các chỉ tiêu có kỳ nằm trọn trong kỳ báo cáo");
  });

  it("puts the project and period at the top of every page, and page numbers at the bottom", () => {
    const { headerTemplate, footerTemplate } = page(staffReport, "vi");
    expect(headerTemplate).toContain(
      ">Dự phòng HIV cho bạn tình chính của người sử dụng ma túy thực hiện ở Điện Biên</span>",
    );
    expect(headerTemplate).toContain(">Tháng 7 – tháng 10/2011</span>");
    expect(footerTemplate).toContain(
      'Trang <span class="pageNumber"></span>/<span class="totalPages"></span>',
    );
    expect(footerTemplate).toContain(">SCDI</span>");
    expect(page(staffReport, "en").footerTemplate).toContain(
      'Page <span class="pageNumber"></span> of <span class="totalPages"></span>',
    );
  });

  it("shows a section in Vietnamese, marked so, when it has no English text", async () => {
    const untranslated: ReportNarrative = {
      ...narrative,
      sections: { ...narrative.sections, lessons: { vi: ["Xác định mục đích rõ ràng"], en: [] } },
    };
    const { html } = page(staffReport, "en", untranslated);
    expect(html).toContain(
      '<h2>Lessons learnt</h2><ul lang="vi"><li>Xác định mục đích rõ ràng</li>',
    );
  });

  it("escapes what the project's staff wrote", () => {
    const written: ReportNarrative = {
      ...narrative,
      sections: { ...narrative.sections, lessons: { vi: ["<b>đậm</b> & <script>"], en: [] } },
    };
    const { html } = page(staffReport, "vi", written);
    expect(html).toContain("&lt;b>đậm&lt;/b> &amp; &lt;script>");
    expect(html).not.toContain("<script>");
  });

  it("gives many sites tables of their own beside the headline totals", () => {
    const { html } = page(withSites(staffReport, 3), "en");
    const captions = [...html.matchAll(/<caption>(.*?)<\/caption>/g)].map((m) => m[1]);
    expect(captions.slice(0, 3)).toEqual([
      "Headline figures",
      "Figures by site",
      "Figures by site",
    ]);
    // Six sites: the headline has only the total; five sites, then one.
    expect(row(html, "People reached")).toEqual(["15"]);
    expect(html).toMatch(/<th scope="col">Indicator<\/th>(<th scope="col">[^<]+<\/th>){5}<\/tr>/);
  });
});

/** The report with each site copied `times` times over (new ids, the same cells): many sites. */
function withSites(report: Report, times: number): Report {
  const copies = Array.from({ length: times }, (_, n) =>
    report.set.sites.map((site) => ({
      ...site,
      id: `${site.id}-${n}`,
      code: `${site.code}${n}`,
      name_en: `${site.name_en} ${n}`,
    })),
  );
  const figures: Report["set"]["figures"] = {};
  for (const [id, figure] of Object.entries(report.set.figures) as [string, Figure][]) {
    const bySite = figure.by.site;
    figures[id as keyof typeof figures] = {
      ...figure,
      by: bySite
        ? {
            ...figure.by,
            site: Array.from({ length: times }, (_, n) =>
              bySite.map(
                (cell): Cell => ({
                  ...cell,
                  categories: { site: `${cell.categories.site}-${n}` },
                }),
              ),
            ).flat(),
          }
        : figure.by,
    };
  }
  return { ...report, set: { ...report.set, sites: copies.flat(), figures } };
}
