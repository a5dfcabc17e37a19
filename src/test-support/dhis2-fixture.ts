// A hand-made programme for the DHIS2 and ADX export tests: its mapping (as the file would hold
// it) and records with known counts, on top of insertProjectFixture's sites A and B.
import type { Database } from "../db/connection.js";
import {
  categoryCombinations,
  categoryKey,
  type MappableDimension,
  parseDhis2Mapping,
} from "../indicators/exports/dhis2-mapping.js";
import {
  insertClient,
  insertContact,
  insertDistribution,
  insertReferral,
  insertTraining,
  type ProjectFixture,
} from "./fixtures.js";

/** A category option combo uid per cell, numbered: Coc + element + cell (11 characters). */
function combos(
  element: number,
  disaggregation: MappableDimension[],
  leaveOut: (parts: string[]) => boolean,
) {
  const list = categoryCombinations(disaggregation).filter((parts) => !leaveOut(parts));
  return Object.fromEntries(
    list.map((parts, i) => [categoryKey(parts), `Coc${element}${String(i).padStart(7, "0")}`]),
  );
}

/** The test project's mapping, as its file would hold it. */
export function fixtureMappingJson(overrides: Record<string, unknown> = {}) {
  return {
    project: "test-project",
    periodType: "Monthly",
    sendZeros: false,
    dataSet: { uid: "DsTest00001", code: "TEST_DS" },
    orgUnits: {
      project: { uid: "OuProject01", code: "OU_PROJECT" },
      sites: { A: { uid: "OuSiteA0001", code: "OU_A" }, B: { uid: "OuSiteB0001", code: "OU_B" } },
    },
    categories: {
      sex: { code: "SEX", options: { female: "F", male: "M", other: "O" } },
      age_band: {
        code: "AGE",
        options: Object.fromEntries(
          [
            "<15",
            "15-19",
            "20-24",
            "25-29",
            "30-34",
            "35-39",
            "40-44",
            "45-49",
            "50+",
            "unknown",
          ].map((band) => [band, `Y${band.replace(/\W/g, "_")}`]),
        ),
      },
      result: { code: "RESULT", options: { negative: "NEG", positive: "POS" } },
    },
    dataElements: [
      {
        indicator: "people_reached",
        uid: "DeReach0001",
        code: "REACHED",
        disaggregation: ["age_band", "sex"],
        categoryOptionCombos: combos(1, ["age_band", "sex"], () => false),
      },
      { indicator: "contacts", uid: "DeContact01", code: "CONTACTS", disaggregation: [] },
      {
        indicator: "hts_tst",
        uid: "DeHtsTst001",
        code: "HTS_TST",
        disaggregation: ["age_band", "sex", "result"],
        categoryOptionCombos: combos(
          3,
          ["age_band", "sex", "result"],
          (p) => p[2] === "indeterminate",
        ),
        notExported: ["*|*|indeterminate"],
        attributeOptionCombo: { uid: "AocHts00001", categories: { FUNDER: "TEST_FUNDER" } },
      },
      { indicator: "condoms_distributed", uid: "DeCondoms01", code: "CONDOMS", disaggregation: [] },
      { indicator: "trainings", uid: "DeTraining1", code: "TRAININGS", disaggregation: [] },
    ],
    ...overrides,
  };
}

export const fixtureMapping = (overrides: Record<string, unknown> = {}) =>
  parseDhis2Mapping(fixtureMappingJson(overrides), "test-project.json");

/**
 * July 2011: at site A a woman born 1995 (15-19) contacted twice and tested negative, a man born
 * 1985 (25-29) contacted once and tested positive, 100 condoms; at site B a woman born 1995
 * contacted once, her test indeterminate; a project-wide training with no one from a site. In
 * August one more contact at site B.
 */
export async function insertDhis2Records(database: Database, f: ProjectFixture) {
  const db = database.db;
  const woman = await insertClient(db, f.siteA, { sex: "female", birthYear: 1995 });
  const man = await insertClient(db, f.siteA, { sex: "male", birthYear: 1985 });
  const other = await insertClient(db, f.siteB, { sex: "female", birthYear: 1995 });
  await insertContact(db, f.siteA, woman, "2011-07-04");
  await insertContact(db, f.siteA, woman, "2011-07-20");
  await insertContact(db, f.siteA, man, "2011-07-05");
  await insertContact(db, f.siteB, other, "2011-07-10");
  await insertContact(db, f.siteB, other, "2011-08-10");
  await insertReferral(db, f.siteA, woman, { result: "negative" });
  await insertReferral(db, f.siteA, man, { result: "positive" });
  await insertReferral(db, f.siteB, other, { result: "indeterminate" });
  await insertDistribution(db, f.siteA, 100, { date: "2011-07-15" });
  await insertTraining(db, f, []);
}
