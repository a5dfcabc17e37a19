// The demo project through its DHIS2 mapping (config/dhis2/dien-bien.json), as the export kinds
// `dhis2_json` and `adx` make it: every value well formed and where the mapping says, the same
// counts as the staff's reports, and ADX that the official schema accepts.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/connection.js";
import { loadDemo } from "../../demo/service.js";
import { makeExportFile } from "../../exports/job.js";
import { insertExport } from "../../exports/queries.js";
import {
  type ExportFile,
  type ExportParams,
  type ExportRenderContext,
  findExportRenderer,
} from "../../exports/renderers.js";
import { requestExport } from "../../exports/service.js";
import { newId } from "../../lib/ids.js";
import { adxSchemaMissing, validateAdx } from "../../test-support/adx-schema.js";
import { openTestDatabase } from "../../test-support/database.js";
import { memoryLog } from "../../test-support/jobs.js";
import { insertUser } from "../../test-support/users.js";
import { monthPeriod, parsePeriod } from "../periods.js";
import { buildReport } from "../report.js";
import { type TDataValueSet, ZDataValueSetSchema } from "./dhis2.js";
import { loadDhis2Mapping, type TDhis2Mapping } from "./dhis2-mapping.js";
import { adxRenderer, registerDhis2Exports } from "./dhis2-renderers.js";

let database: Database;
let project: { id: string; slug: string };
let mapping: TDhis2Mapping;
let unregister: () => void;
const exportedAt = new Date("2011-11-15T02:30:00Z");

beforeAll(async () => {
  database = await openTestDatabase();
  await loadDemo(database.db);
  const row = await database.db
    .selectFrom("projects")
    .select(["id", "slug"])
    .where("slug", "=", "dien-bien")
    .executeTakeFirstOrThrow();
  project = row;
  mapping = await loadDhis2Mapping("dien-bien");
  unregister = registerDhis2Exports({ now: () => exportedAt });
});
afterAll(async () => {
  unregister();
  await database.close();
});

function paramsFor(period: string, sites: ExportParams["sites"] = null): ExportParams {
  const parsed = parsePeriod(period);
  return { period, periodKind: parsed.kind, from: parsed.from, to: parsed.to, sites, locale: "vi" };
}

/** Runs a registered renderer as the export job would; returns the file and the notes shown. */
async function render(kind: string, params: ExportParams) {
  const notes: string[] = [];
  const context: ExportRenderContext = {
    db: database.db,
    exportId: newId(),
    project,
    params,
    progress: async (_percent, note) => {
      if (note && notes.at(-1) !== note) notes.push(note);
    },
    signal: new AbortController().signal,
  };
  const renderer = findExportRenderer(kind);
  if (!renderer) throw new Error(`no renderer for ${kind}`);
  return { file: await renderer(context), notes };
}

const jsonOf = (file: ExportFile): TDataValueSet =>
  ZDataValueSetSchema.parse(JSON.parse(Buffer.from(file.body).toString("utf8")));

describe("the demo project's DHIS2 export", () => {
  let quarter: TDataValueSet;
  beforeAll(async () => {
    const { file, notes } = await render("dhis2_json", paramsFor("2011Q3"));
    expect(file).toMatchObject({
      fileName: "dhis2-dien-bien-2011Q3.json",
      contentType: "application/json; charset=utf-8",
    });
    expect(notes).toEqual([
      "exports.note.preparing",
      "exports.note.computing",
      "exports.note.writing",
    ]);
    quarter = jsonOf(file);
  });

  it("parses: every value a whole number written as a string, in a month of the quarter", () => {
    expect(quarter.dataSet).toBe(mapping.dataSet.uid);
    expect(quarter.dataValues.length).toBeGreaterThan(1000);
    for (const value of quarter.dataValues) {
      expect(value.value).toMatch(/^(0|[1-9][0-9]*)$/);
      expect(Number.isSafeInteger(Number(value.value))).toBe(true);
      expect(["201107", "201108", "201109"]).toContain(value.period);
    }
  });

  it("names only what the mapping has: data elements, their combos, org units", () => {
    const orgUnits = new Set([
      ...Object.values(mapping.orgUnits.sites).map((o) => o.uid),
      mapping.orgUnits.project?.uid,
    ]);
    for (const value of quarter.dataValues) {
      const element = mapping.dataElements.find((e) => e.uid === value.dataElement);
      expect(element, value.dataElement).toBeDefined();
      expect(orgUnits.has(value.orgUnit)).toBe(true);
      expect(value.attributeOptionCombo).toBe(mapping.attributeOptionCombo!.uid);
      if (element!.disaggregation.length === 0) expect(value.categoryOptionCombo).toBeUndefined();
      else
        expect(Object.values(element!.categoryOptionCombos!)).toContain(value.categoryOptionCombo);
    }
    // Every site, every month, every data element's every mapped cell (zeros are sent).
    const cells = mapping.dataElements.reduce(
      (n, e) => n + Math.max(1, Object.keys(e.categoryOptionCombos ?? {}).length),
      0,
    );
    const siteValues = quarter.dataValues.filter(
      (v) => v.orgUnit !== mapping.orgUnits.project?.uid,
    );
    expect(siteValues).toHaveLength(3 * 3 * cells);
  });

  it("sends the staff's counts, small ones included, adding up to the report's", async () => {
    const officer = await insertUser(database.db, "programme_officer");
    const july = await buildReport(database.db, {
      slug: "dien-bien",
      period: monthPeriod(2011, 7),
      user: officer,
      by: [["site"]],
      public: false,
    });
    const inJuly = quarter.dataValues.filter((v) => v.period === "201107");
    const sum = (code: string, orgUnit?: string) =>
      inJuly
        .filter((v) => v.dataElement === mapping.dataElements.find((e) => e.code === code)!.uid)
        .filter((v) => orgUnit === undefined || v.orgUnit === orgUnit)
        .reduce((n, v) => n + Number(v.value), 0);
    expect(sum("PREV_CONTACTS")).toBe(july.set.figures.contacts!.total);
    expect(sum("PREV_CONDOMS")).toBe(july.set.figures.condoms_distributed!.total);
    // Age × sex splits each site's people reached (everyone has an age band and a sex).
    for (const site of july.set.sites) {
      const reached = july.set.figures.people_reached!.by.site!.find(
        (c) => c.categories.site === site.id,
      )!.value;
      expect(sum("PREV_REACHED", mapping.orgUnits.sites[site.code]!.uid), site.code).toBe(reached);
    }
    // Public pages withhold 1 to 4; DHIS2 gets them.
    const small = quarter.dataValues.filter((v) => Number(v.value) > 0 && Number(v.value) < 5);
    expect(small.length).toBeGreaterThan(0);
  });

  it("covers only the sites of the export", async () => {
    const tg = await database.db
      .selectFrom("sites")
      .select(["id", "code"])
      .where("code", "=", "TG")
      .executeTakeFirstOrThrow();
    const { file } = await render("dhis2_json", paramsFor("2011-08", [tg]));
    const set = jsonOf(file);
    expect(set).toMatchObject({ period: "201108", orgUnit: mapping.orgUnits.sites.TG!.uid });
    expect(new Set(set.dataValues.map((v) => v.orgUnit))).toEqual(
      new Set([mapping.orgUnits.sites.TG!.uid]),
    );
  });

  it("fails with a reason the requester can read: a custom period, a project with no mapping", async () => {
    await expect(render("dhis2_json", paramsFor("2011-07-01..2011-08-15"))).rejects.toMatchObject({
      name: "ExportError",
      code: "dhis2_period",
    });
    await expect(render("adx", paramsFor("2011-07-01..2011-08-15"))).rejects.toMatchObject({
      code: "dhis2_period",
    });
    const context = {
      db: database.db,
      exportId: newId(),
      project,
      params: paramsFor("2011-07"),
      progress: async () => {},
      signal: new AbortController().signal,
    };
    await expect(adxRenderer({ mappingDirectory: "/nonexistent" })(context)).rejects.toMatchObject({
      code: "dhis2_mapping_missing",
    });
  });

  it("takes its codes from the mapping: none is written in the code", async () => {
    const sources = await Promise.all(
      ["dhis2.ts", "adx.ts", "dhis2-renderers.ts", "dhis2-mapping.ts"].map((name) =>
        readFile(new URL(`./${name}`, import.meta.url), "utf8"),
      ),
    );
    const identifiers = [
      mapping.dataSet.uid,
      mapping.dataSet.code,
      ...Object.values(mapping.orgUnits.sites).flatMap((o) => [o.uid, o.code]),
      ...mapping.dataElements.flatMap((e) => [
        e.uid,
        e.code,
        ...Object.values(e.categoryOptionCombos ?? {}),
      ]),
      ...Object.values(mapping.categories).flatMap((c) => [c!.code, ...Object.values(c!.options)]),
    ];
    for (const identifier of identifiers) {
      for (const source of sources) expect(source).not.toContain(`"${identifier}"`);
    }
  });
});

describe("asking for a DHIS2 export", () => {
  it("refuses a custom period at once, before anything is queued", async () => {
    const officer = await insertUser(database.db, "programme_officer");
    const exports = async () =>
      (await database.db.selectFrom("exports").select("id").execute()).length;
    const before = await exports();
    const ask = (kind: string, period: string) =>
      requestExport(
        database.db,
        undefined,
        officer,
        { project: "dien-bien", kind, period, locale: "vi" },
        exportedAt,
      );
    for (const kind of ["dhis2_json", "adx"]) {
      await expect(ask(kind, "2011-07-01..2011-08-15")).rejects.toMatchObject({
        code: "invalid_parameter",
        details: { parameter: "period", reason: "dhis2_period" },
      });
    }
    // A quarter passes the check; here it stops only because no job runner was given.
    await expect(ask("adx", "2011Q3")).rejects.toMatchObject({ code: "internal" });
    expect(await exports()).toBe(before);
  });
});

describe("the export job", () => {
  it("makes a DHIS2 file, and fails a custom period with its code", async () => {
    const officer = await insertUser(database.db, "programme_officer");
    const run = async (kind: string, period: string) => {
      const id = newId();
      await insertExport(database.db, {
        id,
        projectId: project.id,
        kind,
        params: paramsFor(period),
        requestedBy: officer.id,
        createdAt: exportedAt,
        expiresAt: new Date(Date.now() + 86_400_000),
      });
      const { log, lines } = memoryLog();
      await makeExportFile(database.db, {
        data: { exportId: id },
        lastAttempt: false,
        signal: new AbortController().signal,
        log,
      });
      const row = await database.db
        .selectFrom("exports")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      return { row, lines };
    };
    const done = await run("adx", "2011-09");
    expect(done.row).toMatchObject({
      status: "done",
      file_name: "adx-dien-bien-201109.xml",
      content_type: "application/adx+xml; charset=utf-8",
    });
    expect(Buffer.from(done.row.content!).toString("utf8")).toContain('period="2011-09-01/P1M"');
    const failed = await run("dhis2_json", "2011-07-01..2011-07-15");
    expect(failed.row).toMatchObject({
      status: "failed",
      error_code: "dhis2_period",
      content: null,
    });
    expect(failed.lines).toContainEqual(
      expect.objectContaining({
        level: "warn",
        details: expect.objectContaining({ code: "dhis2_period" }),
      }),
    );
  });
});

describe.skipIf(adxSchemaMissing)("the demo project's ADX, against adx_loose.xsd", () => {
  for (const period of ["2011Q3", "2011-07"]) {
    it(`is valid for ${period}`, async () => {
      const { file } = await render("adx", paramsFor(period));
      expect(file).toMatchObject({
        fileName: `adx-dien-bien-${period.replace("-", "")}.xml`,
        contentType: "application/adx+xml; charset=utf-8",
      });
      const xml = Buffer.from(file.body).toString("utf8");
      expect(xml).toContain('period="2011-07-01/P1M"');
      expect(xml).toContain(`dataSet="${mapping.dataSet.code}"`);
      const verdict = await validateAdx(xml);
      expect(verdict.output).toContain("validates");
      expect(verdict.ok).toBe(true);
    });
  }
});
