// The DHIS2 data value set of a small hand-made programme: every value where the mapping says, with
// the mapping's identifiers, the true (unpublished) counts, and the periods DHIS2 can take.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../auth/policy.js";
import type { Database } from "../../db/connection.js";
import { ExportError } from "../../exports/renderers.js";
import { AppError } from "../../lib/errors.js";
import { translator } from "../../messages.js";
import { openTestDatabase } from "../../test-support/database.js";
import {
  fixtureMapping,
  fixtureMappingJson,
  insertDhis2Records,
} from "../../test-support/dhis2-fixture.js";
import { insertProjectFixture, type ProjectFixture } from "../../test-support/fixtures.js";
import { insertUser } from "../../test-support/users.js";
import { parsePeriod } from "../periods.js";
import {
  collectDhis2Values,
  computeDhis2Sets,
  dhis2Periods,
  dhis2Request,
  formatDhis2Value,
  toDataValueSets,
} from "./dhis2.js";
import { parseDhis2Mapping, type TDhis2Mapping } from "./dhis2-mapping.js";

let database: Database;
let f: ProjectFixture;
let officer: SessionUser;
const exportedAt = new Date("2011-11-15T02:30:00Z");

beforeAll(async () => {
  database = await openTestDatabase();
  f = await insertProjectFixture(database.db);
  officer = await insertUser(database.db, "programme_officer");
  await insertDhis2Records(database, f);
});
afterAll(async () => database.close());

const setsFor = (period: string, mapping: TDhis2Mapping, user = officer) =>
  computeDhis2Sets(database.db, { slug: f.slug, period: parsePeriod(period), user, mapping });

describe("the DHIS2 data value set", () => {
  it("has exactly the expected values: element, combo, org unit, period, value", async () => {
    const mapping = fixtureMapping();
    const set = toDataValueSets(await setsFor("2011-07", mapping), mapping, { exportedAt });
    const coc = (element: number, key: string) =>
      mapping.dataElements[element]!.categoryOptionCombos![key];
    const value = (dataElement: string, orgUnit: string, v: string, extra = {}) => ({
      dataElement,
      period: "201107",
      orgUnit,
      ...extra,
      value: v,
    });
    expect(set).toEqual({
      dataSet: "DsTest00001",
      period: "201107",
      dataValues: [
        value("DeReach0001", "OuSiteA0001", "1", { categoryOptionCombo: coc(0, "15-19|female") }),
        value("DeReach0001", "OuSiteA0001", "1", { categoryOptionCombo: coc(0, "25-29|male") }),
        value("DeContact01", "OuSiteA0001", "3"),
        value("DeHtsTst001", "OuSiteA0001", "1", {
          categoryOptionCombo: coc(2, "15-19|female|negative"),
          attributeOptionCombo: "AocHts00001",
        }),
        value("DeHtsTst001", "OuSiteA0001", "1", {
          categoryOptionCombo: coc(2, "25-29|male|positive"),
          attributeOptionCombo: "AocHts00001",
        }),
        value("DeCondoms01", "OuSiteA0001", "100"),
        value("DeReach0001", "OuSiteB0001", "1", { categoryOptionCombo: coc(0, "15-19|female") }),
        value("DeContact01", "OuSiteB0001", "1"),
        // The training nobody from a site attended goes to the project's org unit.
        value("DeTraining1", "OuProject01", "1"),
      ],
    });
    expect(coc(0, "15-19|female")).toBe("Coc10000003");
  });

  it("sends zeros when the mapping says so, for every mapped cell of every site", async () => {
    const mapping = fixtureMapping({ sendZeros: true });
    const set = toDataValueSets(await setsFor("2011-07", mapping), mapping, { exportedAt });
    const reached = set.dataValues.filter((v) => v.dataElement === "DeReach0001");
    expect(reached).toHaveLength(2 * 30);
    expect(reached.filter((v) => v.value !== "0")).toHaveLength(3);
    // 10 age bands × 3 sexes × 2 results per site; indeterminate results are left out.
    expect(set.dataValues.filter((v) => v.dataElement === "DeHtsTst001")).toHaveLength(2 * 60);
  });

  it("takes every identifier from the mapping", async () => {
    const json = fixtureMappingJson();
    const renamed = JSON.parse(
      JSON.stringify(json)
        .replaceAll("DeContact01", "XyzContact9")
        .replaceAll("OuSiteB0001", "XyzSiteB999")
        .replaceAll("DsTest00001", "XyzDataSet9"),
    );
    const mapping = parseDhis2Mapping(renamed, "renamed.json");
    const set = toDataValueSets(await setsFor("2011-07", mapping), mapping, { exportedAt });
    expect(set.dataSet).toBe("XyzDataSet9");
    expect(set.dataValues).toContainEqual({
      dataElement: "XyzContact9",
      period: "201107",
      orgUnit: "XyzSiteB999",
      value: "1",
    });
    expect(JSON.stringify(set)).not.toMatch(/DeContact01|OuSiteB0001|DsTest00001/);
  });

  it("sends a quarter to a monthly data set as its three months, each counted on its own", async () => {
    const mapping = fixtureMapping();
    const set = toDataValueSets(await setsFor("2011Q3", mapping), mapping, { exportedAt });
    expect(set.period).toBeUndefined();
    const contacts = set.dataValues.filter((v) => v.dataElement === "DeContact01");
    expect(contacts).toEqual([
      { dataElement: "DeContact01", period: "201107", orgUnit: "OuSiteA0001", value: "3" },
      { dataElement: "DeContact01", period: "201107", orgUnit: "OuSiteB0001", value: "1" },
      { dataElement: "DeContact01", period: "201108", orgUnit: "OuSiteB0001", value: "1" },
    ]);
  });

  it("sends a quarter as itself to a quarterly data set, and marks it complete when asked", async () => {
    const mapping = fixtureMapping({ periodType: "Quarterly", markComplete: true });
    const set = toDataValueSets(await setsFor("2011Q3", mapping), mapping, { exportedAt });
    expect(set).toMatchObject({ period: "2011Q3", completeDate: "2011-11-15" });
    // The woman at site B, seen in July and August, is one person in the quarter.
    expect(set.dataValues).toContainEqual({
      dataElement: "DeReach0001",
      period: "2011Q3",
      orgUnit: "OuSiteB0001",
      categoryOptionCombo: mapping.dataElements[0]!.categoryOptionCombos!["15-19|female"],
      value: "1",
    });
    const bySite = toDataValueSets(await setsFor("2011", mapping), mapping, { exportedAt });
    expect(new Set(bySite.dataValues.map((v) => v.period))).toEqual(
      new Set(["2011Q3"]), // only quarters with records have non-zero values
    );
  });

  it("uses the true counts, not the public ones: small cells are sent", async () => {
    const mapping = fixtureMapping();
    const set = toDataValueSets(await setsFor("2011-07", mapping), mapping, { exportedAt });
    // Every count here is under the public threshold of 5, which public pages withhold.
    expect(
      set.dataValues.every(
        (v) => (Number(v.value) > 0 && Number(v.value) < 5) || v.value === "100",
      ),
    ).toBe(true);
  });

  it("covers only the sites the user may read", async () => {
    const mapping = fixtureMapping();
    const coordinator = await insertUser(database.db, "site_coordinator", {
      siteIds: [f.siteB.id],
    });
    const set = toDataValueSets(await setsFor("2011-07", mapping, coordinator), mapping, {
      exportedAt,
    });
    expect(set.orgUnit).toBe("OuSiteB0001");
    expect(new Set(set.dataValues.map((v) => v.orgUnit))).toEqual(new Set(["OuSiteB0001"]));
  });

  it("stops when a site has no org unit, or a value has nowhere to go", async () => {
    const noSiteB = fixtureMapping({
      orgUnits: { sites: { A: { uid: "OuSiteA0001", code: "OU_A" } } },
    });
    const sets = await setsFor("2011-07", noSiteB);
    expect(() => collectDhis2Values(sets, noSiteB)).toThrow(
      expect.objectContaining({ code: "dhis2_unmapped_site" }),
    );
    const noProject = fixtureMapping({
      orgUnits: {
        sites: { A: { uid: "OuSiteA0001", code: "OU_A" }, B: { uid: "OuSiteB0001", code: "OU_B" } },
      },
    });
    let error: unknown;
    try {
      collectDhis2Values(sets, noProject);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ExportError);
    expect(error).toMatchObject({ code: "dhis2_unmapped_values" });
    expect((error as Error).message).toContain(
      "trainings 2011-07-01..2011-07-31 site (none) [] = 1",
    );
  });
});

describe("periods", () => {
  it("refuses a custom period with a 400 whose reason reads in both languages", () => {
    const mapping = fixtureMapping();
    let error: unknown;
    try {
      dhis2Periods(parsePeriod("2011-07-01..2011-10-31"), mapping.periodType);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      status: 400,
      code: "invalid_parameter",
      details: { parameter: "period", reason: "dhis2_period" },
    });
    expect(translator("vi").t("reason.dhis2_period")).toContain("tháng, quý hoặc năm");
    expect(translator("en").t("reason.dhis2_period")).toContain("month, quarter or year");
  });

  it("refuses a period shorter than the data set's, and sends longer ones in its periods", () => {
    const month = parsePeriod("2011-07");
    expect(() => dhis2Periods(month, "Quarterly")).toThrow(
      expect.objectContaining({
        details: expect.objectContaining({ reason: "dhis2_period_type" }),
      }),
    );
    expect(() => dhis2Periods(parsePeriod("2011Q3"), "Yearly")).toThrow(AppError);
    expect(dhis2Periods(parsePeriod("2011"), "Quarterly").map((p) => p.from)).toEqual([
      "2011-01-01",
      "2011-04-01",
      "2011-07-01",
      "2011-10-01",
    ]);
    expect(dhis2Periods(parsePeriod("2011"), "Monthly")).toHaveLength(12);
    expect(dhis2Periods(month, "Monthly")).toEqual([month]);
  });
});

describe("helpers", () => {
  it("asks the engine for each disaggregation by site", () => {
    expect(dhis2Request(fixtureMapping())).toEqual({
      indicators: ["people_reached", "contacts", "hts_tst", "condoms_distributed", "trainings"],
      by: [["site", "age_band", "sex"], ["site"], ["site", "age_band", "sex", "result"]],
    });
  });

  it("writes values as DHIS2 does: plain decimals", () => {
    expect(formatDhis2Value(12)).toBe("12");
    expect(formatDhis2Value(0)).toBe("0");
    expect(formatDhis2Value(0.0000001)).toBe("0");
    expect(formatDhis2Value(2.5)).toBe("2.5");
  });
});
