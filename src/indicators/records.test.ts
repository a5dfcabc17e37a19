// The records behind a figure must be exactly what the figure counts: on the demo (three sites,
// voided traps, people seen in several months), for several indicators and cells, the list —
// every page of it — gives the figure the dashboard shows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/policy.js";
import type { Database } from "../db/connection.js";
import { loadDemo } from "../demo/service.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertUser } from "../test-support/users.js";
import { definitionOf, type IndicatorId } from "./definitions.js";
import { cellValue, type Figure } from "./engine.js";
import { listFigureRecords, parseCell, recordsPageSize } from "./records.js";
import type { RecordRow } from "./records-queries.js";
import { buildReport } from "./report.js";

let database: Database;
let officer: SessionUser;
let coordinator: SessionUser;
let figures: Partial<Record<IndicatorId, Figure>>;
let tuanGiao: string;
let busiestCommune: string;

beforeAll(async () => {
  database = await openTestDatabase();
  await loadDemo(database.db);
  const sites = await database.db.selectFrom("sites").select(["id", "code"]).execute();
  tuanGiao = sites.find((s) => s.code === "TG")!.id;
  officer = await insertUser(database.db, "programme_officer");
  coordinator = await insertUser(database.db, "site_coordinator", { siteIds: [tuanGiao] });
  const report = await buildReport(database.db, {
    slug: "dien-bien",
    period: { kind: "custom", from: "2011-07-01", to: "2011-10-31" },
    user: officer,
    by: [["site"], ["month"], ["commune"], ["sex"]],
  });
  figures = report.set.figures;
  const byCommune = figures.people_reached!.by.commune!;
  busiestCommune = [...byCommune].sort((a, b) => (b.value ?? 0) - (a.value ?? 0))[0]!.categories
    .commune!;
}, 120_000);
afterAll(async () => {
  await database.close();
});

/** Every row of the list, page after page. */
async function allRows(user: SessionUser, indicator: IndicatorId, cell: string) {
  const first = await listFigureRecords(database.db, "dien-bien", user, { indicator, cell });
  const rows: RecordRow[] = [...first.rows];
  for (let page = 2; page <= first.pageCount; page += 1) {
    const next = await listFigureRecords(database.db, "dien-bien", user, { indicator, cell, page });
    expect(next.page).toBe(page);
    rows.push(...next.rows);
  }
  return { first, rows };
}

/** What the list adds up to, the way the indicator counts. */
function countOf(indicator: IndicatorId, rows: readonly RecordRow[]): number {
  const counting = definitionOf(indicator).counting;
  if (counting === "quantity") return rows.reduce((sum, row) => sum + (row.quantity ?? 0), 0);
  if (counting === "unique") return new Set(rows.map((row) => row.subject)).size;
  return new Set(rows.map((row) => `${row.record_type}:${row.record_id}`)).size;
}

const cells = () => [
  { text: "", dims: [], categories: {} },
  { text: "month:2011-08", dims: ["month"], categories: { month: "2011-08" } },
  { text: `site:${tuanGiao}`, dims: ["site"], categories: { site: tuanGiao } },
  { text: `commune:${busiestCommune}`, dims: ["commune"], categories: { commune: busiestCommune } },
  { text: "sex:female", dims: ["sex"], categories: { sex: "female" } },
];

describe("the records behind a figure", () => {
  it.each([
    "people_reached",
    "contacts",
    "group_sessions",
    "group_attendances",
    "hiv_test_visits",
    "condoms_distributed",
    "referrals_made",
    "hiv_tests",
    "kp_prev",
    "pp_prev",
    "people_trained",
    "coaching_rounds",
    "communes_covered",
  ] as const)(
    "add up to the figure of %s, in total and in its cells",
    async (indicator) => {
      for (const cell of cells()) {
        const dims = cell.dims as Parameters<typeof cellValue>[1];
        if (!dims.every((d) => definitionOf(indicator).dimensions.includes(d))) continue;
        const figure = figures[indicator]!;
        const expected =
          dims.length === 0 ? figure.total : cellValue(figure, dims, cell.categories);
        const { first, rows } = await allRows(officer, indicator, cell.text);
        const where = `${indicator} ${cell.text || "total"}`;
        expect(first.summary.figure, where).toBe(expected);
        expect(countOf(indicator, rows), where).toBe(expected);
        expect(rows, where).toHaveLength(first.summary.rows);
      }
    },
    60_000,
  );

  it("pages a hundred at a time, in date order, naming clients by UIC only", async () => {
    const { first, rows } = await allRows(officer, "contacts", "");
    expect(first.summary.rows).toBe(477);
    expect(first.pageCount).toBe(Math.ceil(477 / recordsPageSize));
    expect(first.rows).toHaveLength(recordsPageSize);
    const dates = rows.map((r) => r.service_on);
    expect(dates).toEqual([...dates].sort());
    expect(rows.every((r) => r.record_type === "contact" && /^[A-Z0-9]{4,20}$/.test(r.uic!))).toBe(
      true,
    );
    expect(Object.keys(rows[0]!).sort()).toEqual([
      "commune_code",
      "commune_id",
      "commune_kind",
      "commune_name",
      "quantity",
      "record_id",
      "record_type",
      "service_on",
      "site_ids",
      "subject",
      "uic",
    ]);
  });

  it("keeps a coordinator to their site", async () => {
    const { first, rows } = await allRows(coordinator, "people_reached", "");
    expect(first.summary.figure).toBe(
      cellValue(figures.people_reached, ["site"], { site: tuanGiao }),
    );
    expect(rows.every((r) => r.site_ids.length === 1 && r.site_ids[0] === tuanGiao)).toBe(true);
    await expect(
      listFigureRecords(database.db, "dien-bien", coordinator, {
        indicator: "contacts",
        site: "DB",
      }),
    ).rejects.toMatchObject({ details: { parameter: "site", reason: "unknown_site" } });
  });

  it("names for a coordinator only clients of their sites: a record about another site's client keeps its row, not its id or UIC", async () => {
    const clients = await database.db.selectFrom("clients").select(["uic", "site_id"]).execute();
    const siteOfUic = new Map(clients.map((c) => [c.uic, c.site_id]));
    const sites = await database.db.selectFrom("sites").select("id").execute();
    for (const indicator of ["contacts", "referrals_made"] as const) {
      let unnamed = 0;
      for (const { id } of sites) {
        const reader = await insertUser(database.db, "site_coordinator", { siteIds: [id] });
        const { first, rows } = await allRows(reader, indicator, "");
        expect(rows, indicator).toHaveLength(first.summary.rows);
        for (const row of rows) {
          if (row.uic === null) {
            expect(row.record_id, indicator).toBeNull();
            unnamed += 1;
          } else expect(siteOfUic.get(row.uic), `${indicator} ${row.uic}`).toBe(id);
        }
      }
      // The demo has a contact and a referral at one site for a client of another.
      expect(unnamed, indicator).toBe(1);
    }
  });

  it("has no list for figures that count no records, and reads cells strictly", async () => {
    for (const indicator of ["reach_vs_estimate", "communes_in_area", "nonsense"]) {
      await expect(
        listFigureRecords(database.db, "dien-bien", officer, { indicator }),
      ).rejects.toMatchObject({ details: { parameter: "indicator", reason: "unknown_indicator" } });
    }
    expect(parseCell("sex:female,age_band:15-19", "people_reached")).toEqual({
      sex: "female",
      age_band: "15-19",
    });
    expect(parseCell("commune:", "contacts")).toEqual({ commune: null });
    for (const text of ["sex", "colour:red", "sex:female,sex:male", "sex:female,item:condom"]) {
      expect(() => parseCell(text, "people_reached"), text).toThrow(
        expect.objectContaining({ details: { parameter: "cell", reason: "cell_format" } }),
      );
    }
  });
});
