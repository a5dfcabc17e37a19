// The spreadsheet report as a donor opens it: read back with exceljs, its sheets, headers, values,
// formats and withheld cells checked against the engine's figures.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/connection.js";
import { loadDemo } from "../../demo/service.js";
import { translator } from "../../messages.js";
import { openTestDatabase } from "../../test-support/database.js";
import {
  insertProjectFixture,
  insertReportRecords,
  type ProjectFixture,
} from "../../test-support/fixtures.js";
import { definitionOf, indicatorIds } from "../definitions.js";
import { cellValue } from "../engine.js";
import { categoryName, indicatorName } from "../labels.js";
import { parsePeriod } from "../periods.js";
import { buildReport, type Report } from "../report.js";
import { setTargets } from "../targets.js";
import { reportReader } from "./renderers.js";
import { disaggregationName, reportTables } from "./tables.js";
import { renderXlsx } from "./xlsx.js";

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type; a Node Buffer is what it reads.
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet "${name}" in ${workbook.worksheets.map((s) => s.name)}`);
  return sheet;
}

/** The row whose column `column` reads `text`. */
function rowWith(sheet: ExcelJS.Worksheet, text: string, column = 1): ExcelJS.Row {
  for (let r = 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    if (row.getCell(column).value === text) return row;
  }
  throw new Error(`no row "${text}" in sheet "${sheet.name}"`);
}

/** The column number whose header (in row `headerRow`) reads `text`. */
function columnWith(sheet: ExcelJS.Worksheet, text: string, headerRow = 1): number {
  const row = sheet.getRow(headerRow);
  for (let c = 1; c <= sheet.columnCount; c += 1) if (row.getCell(c).value === text) return c;
  throw new Error(`no column "${text}" in sheet "${sheet.name}"`);
}

const vi = translator("vi");
const en = translator("en");
const wholePeriod = parsePeriod("2011-07-01..2011-10-31");

describe("the spreadsheet of a small programme", () => {
  let database: Database;
  let f: ProjectFixture;
  let internal: Report;
  let published: Report;
  const now = new Date("2011-11-05T07:30:00Z");

  beforeAll(async () => {
    database = await openTestDatabase();
    f = await insertProjectFixture(database.db);
    await insertReportRecords(database.db, f);
    await setTargets(database.db, f.projectId, [
      { indicator: "people_reached", period: "2011Q3", value: 6 },
      { indicator: "people_reached", period: "2011-10", value: 12 },
      { indicator: "contacts", period: "2011-07-01..2011-10-31", value: 40 },
    ]);
    const request = { slug: f.slug, period: wholePeriod };
    internal = await buildReport(database.db, { ...request, user: reportReader(null, "vi") });
    published = await buildReport(database.db, { ...request, user: null });
  });
  afterAll(async () => database.close());

  it("has a summary and one sheet per disaggregation, named in the reader's language", async () => {
    const names = (await readBack(await renderXlsx(internal, "vi", { now }))).worksheets.map(
      (s) => s.name,
    );
    expect(names).toEqual([
      "Tổng quan",
      "Địa bàn",
      "Tháng",
      "Xã, phường",
      "Giới tính",
      "Nhóm tuổi",
      "Nhóm tuổi × Giới tính",
      "Nhóm đối tượng",
      "Tình trạng xét nghiệm",
      "Dịch vụ",
      "Kết quả",
      "Hình thức xét nghiệm",
      "Vật phẩm",
    ]);
    const english = (await readBack(await renderXlsx(internal, "en", { now }))).worksheets;
    expect(english.map((s) => s.name)).toEqual([
      "Summary",
      "Site",
      "Month",
      "Commune",
      "Sex",
      "Age band",
      "Age band × Sex",
      "Population group",
      "Testing status",
      "Service",
      "Result",
      "Testing modality",
      "Item",
    ]);
  });

  it("sums up the report on the summary: facts, totals, targets and achievement", async () => {
    const workbook = await readBack(await renderXlsx(internal, "vi", { now, allSites: true }));
    expect(workbook.creator).toBe("Peerlink");
    expect(workbook.created).toEqual(now);
    const sheet = sheetOf(workbook, "Tổng quan");
    expect(sheet.getCell("A1").value).toBe("Báo cáo chỉ số: Dự án thử");
    expect(rowWith(sheet, "Kỳ báo cáo").getCell(2).value).toBe(
      "Tháng 7 – tháng 10/2011 (2011-07-01 – 2011-10-31)",
    );
    expect(rowWith(sheet, "Phạm vi").getCell(2).value).toBe(
      "Tất cả các địa bàn của dự án: Địa bàn A, Địa bàn B",
    );
    expect(rowWith(sheet, "Thời điểm tạo").getCell(2).value).toBe(
      "Ngày 5 tháng 11 năm 2011, 14:30 (UTC+7)",
    );
    expect(String(rowWith(sheet, "Số liệu nhỏ").getCell(2).value)).toMatch(/^Được hiển thị/);

    const header = rowWith(sheet, "Mã chỉ số");
    expect(header.values).toEqual([
      undefined,
      "Mã chỉ số",
      "Chỉ số",
      "Đơn vị",
      "Tổng",
      "Chỉ tiêu",
      "Đạt so với chỉ tiêu",
    ]);
    expect(header.font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: header.number });

    const reached = rowWith(sheet, "people_reached");
    expect(reached.getCell(2).value).toBe("Số khách hàng được tiếp cận");
    expect(reached.getCell(3).value).toBe("người");
    expect(reached.getCell(4).value).toBe(9);
    expect(reached.getCell(4).numFmt).toBe("#,##0");
    // Two targets within the period add up; achievement is a fraction shown as a percentage.
    expect(reached.getCell(5).value).toBe(18);
    expect(reached.getCell(6).value).toBeCloseTo(0.5);
    expect(reached.getCell(6).numFmt).toBe("0.0%");
    expect(rowWith(sheet, "contacts").getCell(6).value).toBeCloseTo(14 / 40);
    expect(rowWith(sheet, "condoms_distributed").getCell(4).value).toBe(1334);
    expect(rowWith(sheet, "group_sessions").getCell(5).value).toBeNull();
    const reach = rowWith(sheet, "reach_vs_estimate");
    expect(reach.getCell(4).value).toBeCloseTo(9 / 150);
    expect(reach.getCell(4).numFmt).toBe("0.0%");
  });

  it("puts indicators down and categories across, with the engine's figures", async () => {
    const workbook = await readBack(await renderXlsx(internal, "vi", { now }));
    const sites = sheetOf(workbook, "Địa bàn");
    expect(sites.getRow(1).values).toEqual([undefined, "Chỉ số", "Địa bàn A", "Địa bàn B", "Tổng"]);
    expect(sites.getRow(1).font?.bold).toBe(true);
    expect(sites.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 1 });
    expect(sites.getColumn(1).width).toBeGreaterThan(30);
    const reached = rowWith(sites, "Số khách hàng được tiếp cận");
    expect([2, 3, 4].map((c) => reached.getCell(c).value)).toEqual([7, 2, 9]);
    const condoms = rowWith(sites, "Số bao cao su được phát ra");
    expect([2, 3, 4].map((c) => condoms.getCell(c).value)).toEqual([1234, 100, 1334]);
    expect(condoms.getCell(2).numFmt).toBe("#,##0");
    const reach = rowWith(sites, "Tỷ lệ tiếp cận so với ước tính");
    expect(reach.getCell(2).value).toBeCloseTo(7 / 100);
    expect(reach.getCell(2).numFmt).toBe("0.0%");

    const months = sheetOf(workbook, "Tháng");
    expect(months.getRow(1).values).toEqual([
      undefined,
      "Chỉ số",
      "tháng 7 năm 2011",
      "tháng 8 năm 2011",
      "tháng 9 năm 2011",
      "tháng 10 năm 2011",
      "Tổng",
    ]);
    const contacts = rowWith(months, "Số lượt tiếp cận");
    expect([2, 3, 4, 5, 6].map((c) => contacts.getCell(c).value)).toEqual([7, 5, 2, 0, 14]);

    const sexes = sheetOf(workbook, "Giới tính");
    expect(
      rowWith(sexes, "Số khách hàng được tiếp cận").getCell(columnWith(sexes, "Nữ")).value,
    ).toBe(cellValue(internal.set.figures.people_reached, ["sex"], { sex: "female" }));
  });

  it("writes age band × sex under two header rows, the age bands merged over the sexes", async () => {
    const workbook = await readBack(await renderXlsx(internal, "en", { now }));
    const sheet = sheetOf(workbook, "Age band × Sex");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 2 });
    const band = columnWith(sheet, "25-29");
    expect(sheet.getRow(2).getCell(band).value).toBe("Female");
    expect(sheet.getRow(2).getCell(band + 1).value).toBe("Male");
    expect(sheet.getRow(1).getCell(band + 1).isMerged).toBe(true);
    expect(sheet.getRow(1).getCell(band + 1).master.address).toBe(
      sheet.getRow(1).getCell(band).address,
    );
    const reached = rowWith(sheet, "People reached");
    expect(reached.getCell(band).value).toBe(5);
    expect(reached.getCell(columnWith(sheet, "15-19") + 1).value).toBe(2);
    expect(reached.getCell(columnWith(sheet, "20-24")).value).toBe(2);
    expect(reached.getCell(columnWith(sheet, "Total")).value).toBe(9);
    expect(
      rowWith(sheet, "Age = year of service − year of birth.", 1).getCell(1).font?.italic,
    ).toBe(true);
  });

  it("writes withheld public figures as text with a note, never as numbers", async () => {
    const workbook = await readBack(await renderXlsx(published, "vi", { now }));
    expect(String(rowWith(sheetOf(workbook, "Tổng quan"), "Số liệu nhỏ").getCell(2).value)).toMatch(
      /^Được ẩn: số liệu về khách hàng từ 1 đến 4 ghi là <5/,
    );
    const sites = sheetOf(workbook, "Địa bàn");
    const reached = rowWith(sites, "Số khách hàng được tiếp cận");
    const siteB = reached.getCell(columnWith(sites, "Địa bàn B"));
    expect(siteB.value).toBe("<5");
    expect(siteB.note).toMatch(/^Dưới 5: số liệu nhỏ về khách hàng/);
    expect(
      rowWith(
        sites,
        "<5: từ 1 đến 4 khách hàng, không công bố. “ẩn”: được ẩn để bảo vệ một số liệu nhỏ.",
      ),
    ).toBeDefined();

    // A public file has the published figures only: the summary and the sites.
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Tổng quan", "Địa bàn"]);
    // Every withheld cell of the release is text on its sheet, and no 1–4 about clients is a number.
    const bySite = published.set.figures.people_reached!.by.site!;
    for (const cell of bySite) {
      const name = categoryName(vi, published.set, "site", cell.categories.site ?? null);
      const shown = reached.getCell(columnWith(sites, name)).value;
      if (cell.withheld === "small") expect(shown).toBe("<5");
      else if (cell.withheld) expect(shown).toBe("ẩn");
      else expect(shown).toBe(cell.value);
    }
    expect(bySite.some((c) => c.withheld === "small")).toBe(true);
    for (const sheet of workbook.worksheets.slice(1)) {
      sheet.eachRow((r) => {
        const id = indicatorIds.find((i) => indicatorName(vi, i) === r.getCell(1).value);
        if (!id || !definitionOf(id).aboutClients) return;
        r.eachCell((c) => {
          if (typeof c.value === "number" && c.value > 0) {
            expect(c.value, `${sheet.name} ${c.address}`).toBeGreaterThanOrEqual(5);
          }
        });
      });
    }
  });

  it("withholds under the report's threshold and says so: a public file made with 10 writes <10", async () => {
    /** Every count about clients written as a number, and every "<…" mark, on the table sheets. */
    const written = async (report: Report) => {
      const workbook = await readBack(await renderXlsx(report, "en", { now }));
      const numbers: number[] = [];
      const marks = new Set<string>();
      for (const sheet of workbook.worksheets.slice(1)) {
        sheet.eachRow((r) => {
          const id = indicatorIds.find((i) => indicatorName(en, i) === r.getCell(1).value);
          if (!id || !definitionOf(id).aboutClients) return;
          r.eachCell((c) => {
            if (typeof c.value === "number") numbers.push(c.value);
            else if (typeof c.value === "string" && c.value.startsWith("<")) marks.add(c.value);
          });
        });
      }
      return { workbook, numbers, marks };
    };
    const strict = await buildReport(database.db, {
      slug: f.slug,
      period: wholePeriod,
      user: null,
      threshold: 10,
    });
    expect(strict.threshold).toBe(10);
    const five = await written(published);
    const ten = await written(strict);
    // The default threshold publishes counts from 5 to 9; 10 withholds every one of them.
    expect(five.numbers.some((n) => n >= 5 && n < 10)).toBe(true);
    expect(ten.numbers.filter((n) => n > 0 && n < 10)).toEqual([]);
    expect([...ten.marks]).toEqual(["<10"]);
    const summary = sheetOf(ten.workbook, "Summary");
    expect(String(rowWith(summary, "Small figures").getCell(2).value)).toMatch(/from 1 to 9 .*<10/);
  });

  it("gives the same workbook for the same report, but for the moment it was made", async () => {
    const contents = async (at: Date) => {
      const workbook = await readBack(await renderXlsx(internal, "en", { now: at }));
      return workbook.worksheets.map((s) =>
        s.getSheetValues().flatMap((row) => (row ? [JSON.stringify(row)] : [])),
      );
    };
    const first = await contents(now);
    const later = await contents(new Date("2011-11-06T01:00:00Z"));
    const withoutGenerated = (sheets: string[][]) =>
      sheets.map((rows) => rows.filter((row) => !row.includes('"Generated"')));
    expect(later[0]!.find((row) => row.includes('"Generated"'))).toContain(
      "6 November 2011, 08:00 (UTC+7)",
    );
    expect(withoutGenerated(later)).toEqual(withoutGenerated(first));
  });

  it("names the sites of a report limited to some of them", async () => {
    const report = await buildReport(database.db, {
      slug: f.slug,
      period: wholePeriod,
      user: reportReader([f.siteB.id], "en"),
    });
    const workbook = await readBack(await renderXlsx(report, "en", { now }));
    expect(rowWith(sheetOf(workbook, "Summary"), "Scope").getCell(2).value).toBe("Sites: Site B");
    expect(sheetOf(workbook, "Site").getRow(1).values).toEqual([
      undefined,
      "Indicator",
      "Site B",
      "Total",
    ]);
    expect(rowWith(sheetOf(workbook, "Summary"), "people_reached").getCell(4).value).toBe(2);
  });
});

describe("the spreadsheet of the demo project", () => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase();
    await loadDemo(database.db);
  });
  afterAll(async () => database.close());

  it("gives the seed's figures, in total and by site", async () => {
    const report = await buildReport(database.db, {
      slug: "dien-bien",
      period: wholePeriod,
      user: reportReader(null, "vi"),
    });
    const workbook = await readBack(await renderXlsx(report, "vi"));
    const summary = sheetOf(workbook, "Tổng quan");
    expect(summary.getCell("A1").value).toBe(`Báo cáo chỉ số: ${report.project.name_vi}`);
    const totals = Object.fromEntries(
      [
        "people_reached",
        "contacts",
        "group_attendances",
        "hiv_test_visits",
        "condoms_distributed",
      ].map((id) => [id, rowWith(summary, id).getCell(4).value]),
    );
    expect(totals).toEqual({
      people_reached: 462,
      contacts: 477,
      group_attendances: 241,
      hiv_test_visits: 254,
      condoms_distributed: 500,
    });
    const sites = sheetOf(workbook, "Địa bàn");
    const coaching = rowWith(sites, "Số đợt đào tạo cầm tay chỉ việc");
    for (const site of report.set.sites) {
      const column = columnWith(sites, site.name_vi);
      expect(coaching.getCell(column).value).toBe(2);
      expect(rowWith(sites, "Số khách hàng được tiếp cận").getCell(column).value).toBe(
        cellValue(report.set.figures.people_reached, ["site"], { site: site.id }),
      );
    }
    expect(columnWith(sites, "Huyện Tuần Giáo")).toBeGreaterThan(1);
  });

  it("withholds small figures in a public report as <5 text", async () => {
    const report = await buildReport(database.db, {
      slug: "dien-bien",
      period: wholePeriod,
      user: null,
    });
    const workbook = await readBack(await renderXlsx(report, "en"));
    let small = 0;
    for (const table of reportTables(report).filter((t) => t.dims.length === 1)) {
      const dimension = table.dims[0]!;
      const sheet = sheetOf(workbook, disaggregationName(en, table.dims));
      for (const id of table.indicators) {
        const row = rowWith(sheet, indicatorName(en, id));
        for (const cell of report.set.figures[id]!.by[table.key]!) {
          const name = categoryName(en, report.set, dimension, cell.categories[dimension] ?? null);
          const shown = row.getCell(columnWith(sheet, name));
          if (cell.withheld === "small") {
            small += 1;
            expect(shown.value).toBe("<5");
            expect(shown.note).toMatch(/^Fewer than 5/);
          } else if (cell.withheld) {
            expect(shown.value).toBe("withheld");
          } else if (cell.value !== null) {
            expect(shown.value).toBe(cell.value);
          }
        }
      }
    }
    expect(small).toBeGreaterThan(0);
    // The published figures: in total and by site; no other breakdown is public.
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Summary", "Site"]);
    const reached = rowWith(sheetOf(workbook, "Site"), "People reached");
    expect(reached.getCell(columnWith(sheetOf(workbook, "Site"), "Total")).value).toBe(462);
  });
});
