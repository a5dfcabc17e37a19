// The ADX export of a small hand-made programme: the same values as the DHIS2 JSON, grouped by org
// unit, period and attribute option combo, codes from the mapping, periods in ISO 8601 start and
// duration, escaped properly, and valid against the official schema (xmllint, adx_loose.xsd).
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../auth/policy.js";
import type { Database } from "../../db/connection.js";
import { ExportError } from "../../exports/renderers.js";
import { AppError } from "../../lib/errors.js";
import { adxSchemaMissing, validateAdx } from "../../test-support/adx-schema.js";
import { openTestDatabase } from "../../test-support/database.js";
import {
  fixtureMapping,
  fixtureMappingJson,
  insertDhis2Records,
} from "../../test-support/dhis2-fixture.js";
import { insertProjectFixture, type ProjectFixture } from "../../test-support/fixtures.js";
import { insertUser } from "../../test-support/users.js";
import { parsePeriod } from "../periods.js";
import { adxNamespace, adxPeriod, toAdx } from "./adx.js";
import { computeDhis2Sets, toDataValueSets } from "./dhis2.js";
import { parseDhis2Mapping, type TDhis2Mapping } from "./dhis2-mapping.js";

let database: Database;
let f: ProjectFixture;
let officer: SessionUser;
const exportedAt = new Date("2011-11-15T02:30:00.123Z");

beforeAll(async () => {
  database = await openTestDatabase();
  f = await insertProjectFixture(database.db);
  officer = await insertUser(database.db, "programme_officer");
  await insertDhis2Records(database, f);
});
afterAll(async () => database.close());

const setsFor = (period: string, mapping: TDhis2Mapping) =>
  computeDhis2Sets(database.db, {
    slug: f.slug,
    period: parsePeriod(period),
    user: officer,
    mapping,
  });

type Attributes = Record<string, string>;
interface ParsedAdx {
  adx: Attributes & { group: (Attributes & { dataValue: Attributes[] })[] };
}

/** The document read back, every attribute unescaped. */
function readAdx(xml: string): ParsedAdx {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseAttributeValue: false,
    isArray: (name) => name === "group" || name === "dataValue",
  });
  return parser.parse(xml) as ParsedAdx;
}

describe("the ADX document", () => {
  it("groups the values by org unit, period and attribute option combo, with the mapping's codes", async () => {
    const mapping = fixtureMapping();
    const xml = toAdx(await setsFor("2011-07", mapping), mapping, { exportedAt });
    expect(
      xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<adx xmlns="urn:ihe:qrph:adx:2015"'),
    ).toBe(true);
    const { adx } = readAdx(xml);
    expect(adx.xmlns).toBe(adxNamespace);
    expect(adx.exported).toBe("2011-11-15T02:30:00Z");
    const period = "2011-07-01/P1M";
    expect(adx.group).toEqual([
      {
        orgUnit: "OU_A",
        period,
        dataSet: "TEST_DS",
        dataValue: [
          { dataElement: "REACHED", AGE: "Y15_19", SEX: "F", value: "1" },
          { dataElement: "REACHED", AGE: "Y25_29", SEX: "M", value: "1" },
          { dataElement: "CONTACTS", value: "3" },
          { dataElement: "CONDOMS", value: "100" },
        ],
      },
      {
        orgUnit: "OU_A",
        period,
        dataSet: "TEST_DS",
        FUNDER: "TEST_FUNDER",
        dataValue: [
          { dataElement: "HTS_TST", AGE: "Y15_19", SEX: "F", RESULT: "NEG", value: "1" },
          { dataElement: "HTS_TST", AGE: "Y25_29", SEX: "M", RESULT: "POS", value: "1" },
        ],
      },
      {
        orgUnit: "OU_B",
        period,
        dataSet: "TEST_DS",
        dataValue: [
          { dataElement: "REACHED", AGE: "Y15_19", SEX: "F", value: "1" },
          { dataElement: "CONTACTS", value: "1" },
        ],
      },
      {
        orgUnit: "OU_PROJECT",
        period,
        dataSet: "TEST_DS",
        dataValue: [{ dataElement: "TRAININGS", value: "1" }],
      },
    ]);
  });

  it("holds exactly the values of the DHIS2 JSON", async () => {
    const mapping = fixtureMapping({ sendZeros: true });
    const sets = await setsFor("2011Q3", mapping);
    const json = toDataValueSets(sets, mapping, { exportedAt });
    const { adx } = readAdx(toAdx(sets, mapping, { exportedAt }));
    // Each value as (data element, org unit, period, value), by codes, in any order.
    const fromAdx = adx.group.flatMap((g) =>
      g.dataValue.map((v) => [v.dataElement, g.orgUnit, g.period, v.value].join(" ")),
    );
    const codeOf = (uid: string) =>
      [
        ...mapping.dataElements,
        mapping.orgUnits.project!,
        ...Object.values(mapping.orgUnits.sites),
      ].find((entry) => entry.uid === uid)!.code;
    const months: Record<string, string> = {
      "201107": "2011-07",
      "201108": "2011-08",
      "201109": "2011-09",
    };
    const fromJson = json.dataValues.map((v) =>
      [codeOf(v.dataElement), codeOf(v.orgUnit), `${months[v.period]}-01/P1M`, v.value].join(" "),
    );
    expect(fromAdx).toHaveLength(559);
    expect(fromAdx.sort()).toEqual(fromJson.sort());
    expect(new Set(adx.group.map((g) => g.period))).toEqual(
      new Set(["2011-07-01/P1M", "2011-08-01/P1M", "2011-09-01/P1M"]),
    );
  });

  it("escapes what XML must: codes with & < > and quotes come back unchanged", async () => {
    const json = fixtureMappingJson({ markComplete: true });
    json.dataSet.code = `DS & "partners" <2011>`;
    json.categories.sex.options.female = "F'emale & co";
    const mapping = parseDhis2Mapping(json, "test-project.json");
    const xml = toAdx(await setsFor("2011-07", mapping), mapping, { exportedAt });
    expect(xml).toContain('dataSet="DS &amp; &quot;partners&quot; &lt;2011&gt;"');
    const { adx } = readAdx(xml);
    expect(adx.group[0]).toMatchObject({
      dataSet: `DS & "partners" <2011>`,
      completeDate: "2011-11-15",
    });
    expect(adx.group[0]!.dataValue[0]).toMatchObject({ SEX: "F'emale & co" });
    if (!adxSchemaMissing) expect(await validateAdx(xml)).toMatchObject({ ok: true });
  });

  it("refuses to write an empty document (ADX needs a value)", async () => {
    const mapping = fixtureMapping();
    const empty = await setsFor("2011-10", mapping);
    expect(() => toAdx(empty, mapping, { exportedAt })).toThrow(ExportError);
    expect(() => toAdx(empty, mapping, { exportedAt })).toThrow(
      expect.objectContaining({ code: "dhis2_nothing_to_send" }),
    );
  });
});

describe("ADX periods", () => {
  it("are the first day and the length", () => {
    expect(adxPeriod(parsePeriod("2011-07"))).toBe("2011-07-01/P1M");
    expect(adxPeriod(parsePeriod("2011Q3"))).toBe("2011-07-01/P3M");
    expect(adxPeriod(parsePeriod("2011"))).toBe("2011-01-01/P1Y");
  });

  it("refuse a custom period with a 400", () => {
    expect(() => adxPeriod(parsePeriod("2011-07-01..2011-07-15"))).toThrow(
      expect.objectContaining({
        status: 400,
        details: expect.objectContaining({ reason: "dhis2_period" }),
      }),
    );
    expect(() => adxPeriod(parsePeriod("2011-07-01..2011-07-15"))).toThrow(AppError);
  });
});

describe.skipIf(adxSchemaMissing)("the official schema (adx_loose.xsd, xmllint)", () => {
  it("catches an invalid document, so a pass means something", async () => {
    const invalid = `<?xml version="1.0"?><adx xmlns="${adxNamespace}" exported="2011-11-15T00:00:00Z"><group orgUnit="A" period="2011-07-01/P1M"><dataValue dataElement="X" value="many"/></group></adx>`;
    const verdict = await validateAdx(invalid);
    expect(verdict.ok).toBe(false);
    expect(verdict.output).toContain("value");
  });

  it("accepts the export of a month and of a quarter", async () => {
    for (const period of ["2011-07", "2011Q3"]) {
      const mapping = fixtureMapping({ sendZeros: true });
      const xml = toAdx(await setsFor(period, mapping), mapping, { exportedAt });
      const verdict = await validateAdx(xml);
      expect(verdict.output, period).toContain("validates");
      expect(verdict.ok, period).toBe(true);
    }
  });
});
