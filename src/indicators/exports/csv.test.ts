// The CSV report as a data person reads it: parsed back field by field (quotes respected), its
// byte-order mark, header, totals and disaggregated rows checked against the engine's figures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/connection.js";
import { loadDemo } from "../../demo/service.js";
import { openTestDatabase } from "../../test-support/database.js";
import {
  insertProjectFixture,
  insertReportRecords,
  type ProjectFixture,
} from "../../test-support/fixtures.js";
import { parsePeriod } from "../periods.js";
import { buildReport, type Report } from "../report.js";
import { csvField, renderCsv } from "./csv.js";
import { reportReader } from "./renderers.js";

/** RFC 4180 read back: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 1;
    } else field += char;
  }
  if (field !== "" || row.length > 0) throw new Error("the last line has no CRLF");
  return rows;
}

/** Rows as records keyed by the header. */
function records(buffer: Buffer): Record<string, string>[] {
  const [header, ...rows] = parseCsv(buffer.toString("utf8").replace(/^\uFEFF/, ""));
  return rows.map((row) => {
    expect(row.length).toBe(header!.length);
    return Object.fromEntries(header!.map((name, i) => [name, row[i]!]));
  });
}

const wholePeriod = parsePeriod("2011-07-01..2011-10-31");

describe("csvField", () => {
  it("quotes a field with a comma, a quote or a line break, doubling its quotes", () => {
    expect(csvField("Tuần Giáo")).toBe("Tuần Giáo");
    expect(csvField(1234)).toBe("1234");
    expect(csvField("Xã, phường")).toBe('"Xã, phường"');
    expect(csvField('the "A" site')).toBe('"the ""A"" site"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
  });
});

describe("the CSV of a small programme", () => {
  let database: Database;
  let f: ProjectFixture;
  let internal: Report;
  let published: Report;

  beforeAll(async () => {
    database = await openTestDatabase();
    f = await insertProjectFixture(database.db);
    await insertReportRecords(database.db, f);
    // A name with a comma and quotes, as a real site might have.
    await database.db
      .updateTable("sites")
      .set({ name_vi: 'Địa bàn "A", thành phố', name_en: 'Site "A", city' })
      .where("id", "=", f.siteA.id)
      .execute();
    const request = { slug: f.slug, period: wholePeriod };
    internal = await buildReport(database.db, { ...request, user: reportReader(null, "vi") });
    published = await buildReport(database.db, { ...request, user: null });
  });
  afterAll(async () => database.close());

  it("starts with a byte-order mark and a header in the reader's language", () => {
    const buffer = renderCsv(internal, "vi");
    expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buffer.toString("utf8");
    expect(text.endsWith("\r\n")).toBe(true);
    const [header] = parseCsv(text.slice(1));
    expect(header).toEqual([
      "Mã chỉ số",
      "Chỉ số",
      "Đơn vị",
      "Phân tổ",
      "Tiêu chí 1",
      "Mã nhóm 1",
      "Nhóm 1",
      "Tiêu chí 2",
      "Mã nhóm 2",
      "Nhóm 2",
      "Giá trị",
      "Lý do ẩn",
    ]);
    expect(parseCsv(renderCsv(internal, "en").toString("utf8").slice(1))[0]).toEqual([
      "Indicator id",
      "Indicator",
      "Unit",
      "Disaggregation",
      "Dimension 1",
      "Category code 1",
      "Category 1",
      "Dimension 2",
      "Category code 2",
      "Category 2",
      "Value",
      "Withheld",
    ]);
  });

  it("has a total row and one row per category combination, with codes and names", () => {
    const rows = records(renderCsv(internal, "en"));
    const reached = rows.filter((r) => r["Indicator id"] === "people_reached");
    expect(reached[0]).toMatchObject({
      Indicator: "People reached",
      Unit: "people",
      Disaggregation: "",
      "Dimension 1": "",
      Value: "9",
      Withheld: "",
    });
    const bySite = reached.filter((r) => r.Disaggregation === "site");
    expect(bySite.map((r) => [r["Category code 1"], r["Category 1"], r.Value])).toEqual([
      ["A", 'Site "A", city', "7"],
      ["B", "Site B", "2"],
    ]);
    const cross = reached.find(
      (r) =>
        r.Disaggregation === "age_band+sex" &&
        r["Category code 1"] === "25-29" &&
        r["Category code 2"] === "female",
    );
    expect(cross).toMatchObject({
      "Dimension 1": "age_band",
      "Dimension 2": "sex",
      "Category 2": "Female",
      Value: "5",
    });
    const july = rows.find(
      (r) =>
        r["Indicator id"] === "contacts" &&
        r.Disaggregation === "month" &&
        r["Category code 1"] === "2011-07",
    );
    expect(july).toMatchObject({ "Category 1": "July 2011", Value: "7" });
    const condoms = rows.find(
      (r) => r["Indicator id"] === "condoms_distributed" && !r.Disaggregation,
    );
    expect(condoms?.Value).toBe("1334");
    // Every cell of the engine is one row.
    const cells = Object.values(internal.set.figures.people_reached!.by).flat().length;
    expect(reached.length).toBe(cells + 1);
  });

  it("quotes a name with a comma and quotes as RFC 4180 says", () => {
    const text = renderCsv(internal, "vi").toString("utf8");
    expect(text).toContain(',site,A,"Địa bàn ""A"", thành phố",,,,7,\r\n');
  });

  it("leaves a withheld public figure empty and says why", () => {
    const rows = records(renderCsv(published, "en"));
    const siteB = rows.find(
      (r) =>
        r["Indicator id"] === "people_reached" &&
        r.Disaggregation === "site" &&
        r["Category code 1"] === "B",
    );
    expect(siteB).toMatchObject({ Value: "", Withheld: "small" });
    for (const row of rows) {
      if (row.Withheld) expect(row.Value).toBe("");
    }
    // A public file has the published figures: in total and by site, nothing else.
    expect(new Set(rows.map((r) => r.Disaggregation))).toEqual(new Set(["", "site"]));
    const cells = published.set.figures.contacts!.by.site!;
    for (const cell of cells) {
      const code = published.set.sites.find((s) => s.id === cell.categories.site)!.code;
      const row = rows.find(
        (r) =>
          r["Indicator id"] === "contacts" &&
          r.Disaggregation === "site" &&
          r["Category code 1"] === code,
      );
      expect(row?.Withheld).toBe(cell.withheld ?? "");
      expect(row?.Value).toBe(cell.value === null ? "" : String(cell.value));
    }
  });
});

describe("the CSV of the demo project", () => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase();
    await loadDemo(database.db);
  });
  afterAll(async () => database.close());

  it("gives the seed's totals, and site rows that name the sites", async () => {
    const report = await buildReport(database.db, {
      slug: "dien-bien",
      period: wholePeriod,
      user: reportReader(null, "vi"),
    });
    const rows = records(renderCsv(report, "vi"));
    const total = (id: string) =>
      rows.find((r) => r["Mã chỉ số"] === id && r["Phân tổ"] === "")?.["Giá trị"];
    expect(total("people_reached")).toBe("462");
    expect(total("contacts")).toBe("477");
    expect(total("group_attendances")).toBe("241");
    const coaching = rows.filter(
      (r) => r["Mã chỉ số"] === "coaching_rounds" && r["Phân tổ"] === "site",
    );
    expect(coaching.map((r) => [r["Mã nhóm 1"], r["Nhóm 1"], r["Giá trị"]])).toEqual([
      // The engine's order: by the district's official code.
      ["DBP", "Thành phố Điện Biên Phủ", "2"],
      ["TG", "Huyện Tuần Giáo", "2"],
      ["DB", "Huyện Điện Biên", "2"],
    ]);
  });
});
