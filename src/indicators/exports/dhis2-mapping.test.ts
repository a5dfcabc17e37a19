// The DHIS2 mapping as configuration: the demo project's file loads, and a wrong file is refused
// with its name, the path of each problem inside it and what is wrong.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  categoryCombinations,
  Dhis2MappingError,
  formatPath,
  loadDhis2Mapping,
  parseDhis2Mapping,
  type TDhis2Mapping,
} from "./dhis2-mapping.js";

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "peerlink-dhis2-"));
});
afterAll(async () => rm(directory, { recursive: true, force: true }));

/** A small valid mapping, as JSON (what a file holds). */
function smallMapping(): Record<string, unknown> & { dataElements: Record<string, unknown>[] } {
  return {
    project: "test-project",
    periodType: "Monthly",
    dataSet: { uid: "DsTest00001", code: "TEST_DS" },
    orgUnits: { sites: { A: { uid: "OuSiteA0001", code: "OU_A" } } },
    categories: { sex: { code: "SEX", options: { female: "F", male: "M" } } },
    dataElements: [
      { indicator: "contacts", uid: "DeContact01", code: "CONTACTS", disaggregation: [] },
      {
        indicator: "people_reached",
        uid: "DeReach0001",
        code: "REACHED",
        disaggregation: ["sex"],
        categoryOptionCombos: { female: "CocFemale01", male: "CocMale0001" },
        notExported: ["other"],
      },
    ],
  };
}

/** The problems a mapping has, as "path: message" lines. */
function problemsOf(json: unknown): string[] {
  try {
    parseDhis2Mapping(json, "config/dhis2/test-project.json");
  } catch (error) {
    if (error instanceof Dhis2MappingError)
      return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  return [];
}

describe("the demo project's mapping", () => {
  let mapping: TDhis2Mapping;
  beforeAll(async () => {
    mapping = await loadDhis2Mapping("dien-bien");
  });

  it("loads, with an org unit for each of the three sites and defaults filled in", () => {
    expect(mapping.project).toBe("dien-bien");
    expect(Object.keys(mapping.orgUnits.sites).sort()).toEqual(["DB", "DBP", "TG"]);
    expect(mapping.sendZeros).toBe(true);
    expect(mapping.periodType).toBe("Monthly");
  });

  it("maps the seed figures and the donor indicators, every cell mapped or deliberately left out", () => {
    const indicators = new Set(mapping.dataElements.map((e) => e.indicator));
    for (const id of ["people_reached", "contacts", "condoms_distributed", "kp_prev", "hts_tst"]) {
      expect(indicators.has(id), id).toBe(true);
    }
    const hts = mapping.dataElements.find((e) => e.indicator === "hts_tst")!;
    expect(hts.disaggregation).toEqual(["age_band", "sex", "result"]);
    // 10 age bands × 3 sexes × negative and positive; indeterminate results are not exported.
    expect(Object.keys(hts.categoryOptionCombos!)).toHaveLength(60);
    expect(hts.notExported).toEqual(["*|*|indeterminate"]);
  });
});

describe("a mapping that is wrong", () => {
  it("names the file and each path: a broken uid, an unknown indicator, a ratio", () => {
    const json = smallMapping();
    json.dataSet = { uid: "not-a-uid", code: "TEST_DS" };
    json.dataElements[0]!.indicator = "people_met";
    json.dataElements.push({
      indicator: "hiv_positivity",
      uid: "DePositiv01",
      code: "POSITIVITY",
      disaggregation: [],
    });
    let error: unknown;
    try {
      parseDhis2Mapping(json, "config/dhis2/test-project.json");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Dhis2MappingError);
    const message = (error as Error).message;
    expect(message).toContain("config/dhis2/test-project.json: the DHIS2 mapping is not valid");
    expect(message).toContain(
      "dataSet.uid: not a DHIS2 uid (11 letters and digits, the first a letter)",
    );
    // A broken identifier does not hide the other problems.
    expect(problemsOf(json)).toContain(
      'dataElements[0].indicator: no indicator "people_met" (see src/indicators/definitions.ts)',
    );
    expect(problemsOf(json)).toContain(
      "dataElements[2].indicator: hiv_positivity is a ratio: map hiv_positives and hiv_tests and let DHIS2 divide them",
    );
  });

  it("lists the categories that are neither mapped nor left out", () => {
    const json = smallMapping();
    json.dataElements[1]!.notExported = [];
    expect(problemsOf(json)).toEqual([
      "dataElements[1].categoryOptionCombos: cells neither mapped nor listed in notExported (1): other",
    ]);
    json.dataElements[1] = {
      indicator: "people_reached",
      uid: "DeReach0001",
      code: "REACHED",
      disaggregation: ["age_band", "sex"],
      categoryOptionCombos: { "15-19|female": "CocF1519001" },
    };
    json.categories = {
      ...(json.categories as object),
      age_band: { code: "AGE", options: { "15-19": "Y15_19" } },
    };
    const [problem] = problemsOf(json);
    expect(problem).toMatch(
      /^dataElements\[1\]\.categoryOptionCombos: cells neither mapped nor listed in notExported \(29\): <15\|female, <15\|male, <15\|other, 15-19\|male, .* and 21 more$/,
    );
  });

  it("refuses a disaggregation the indicator does not have, the site or month, and unknown categories", () => {
    const json = smallMapping();
    json.dataElements[0]!.disaggregation = ["item"];
    json.dataElements[1]!.disaggregation = ["site", "sex"];
    expect(problemsOf(json)).toEqual([
      "dataElements[0].disaggregation[0]: contacts has no item disaggregation (it has sex, age_band, population_group)",
      "dataElements[1].disaggregation[0]: site cannot be a DHIS2 disaggregation: the site is the org unit and the month the period",
    ]);
    const typo = smallMapping();
    typo.dataElements[1]!.categoryOptionCombos = { femal: "CocFemale01", male: "CocMale0001" };
    expect(problemsOf(typo)).toEqual([
      'dataElements[1].categoryOptionCombos.femal: "femal" is not a category of sex (female, male, other)',
      "dataElements[1].categoryOptionCombos: cells neither mapped nor listed in notExported (1): female",
    ]);
  });

  it("needs an ADX option code for every category sent, and one combo per cell", () => {
    const json = smallMapping();
    json.categories = { sex: { code: "SEX", options: { female: "F" } } };
    json.dataElements[1]!.categoryOptionCombos = { female: "CocFemale01", male: "CocFemale01" };
    expect(problemsOf(json)).toEqual([
      'dataElements[1].categoryOptionCombos.male: the same category option combo as "female"',
      'categories.sex.options: no option code for "male", which dataElements[1] send',
    ]);
  });

  it("refuses a cell both mapped and left out, and a category code ADX cannot carry", () => {
    const json = smallMapping();
    json.dataElements[1]!.notExported = ["*"];
    json.categories = { sex: { code: "value", options: { female: "F", male: "M" } } };
    expect(problemsOf(json)).toEqual([
      "categories.sex.code: this name is used by ADX itself",
      'dataElements[1].categoryOptionCombos.female: also listed in notExported ("*")',
      'dataElements[1].categoryOptionCombos.male: also listed in notExported ("*")',
    ]);
  });

  it("reads a file: a missing one, one that is not JSON, one for another project", async () => {
    await expect(loadDhis2Mapping("test-project", directory)).rejects.toMatchObject({
      kind: "missing",
      message: expect.stringContaining("test-project.json: no DHIS2 mapping for this project"),
    });
    await writeFile(path.join(directory, "test-project.json"), '{ "project": "test-project", ');
    await expect(loadDhis2Mapping("test-project", directory)).rejects.toMatchObject({
      kind: "invalid",
      problems: [{ path: "", message: expect.stringMatching(/^not JSON: /) }],
    });
    await writeFile(
      path.join(directory, "test-project.json"),
      JSON.stringify({ ...smallMapping(), project: "dien-bien" }),
    );
    await expect(loadDhis2Mapping("test-project", directory)).rejects.toMatchObject({
      problems: [
        { path: "project", message: '"dien-bien" is not this file\'s project (test-project)' },
      ],
    });
    await writeFile(path.join(directory, "test-project.json"), JSON.stringify(smallMapping()));
    const mapping = await loadDhis2Mapping("test-project", directory);
    expect(mapping.dataElements.map((e) => e.code)).toEqual(["CONTACTS", "REACHED"]);
  });
});

describe("helpers", () => {
  it("writes a path as one reads it in the file", () => {
    expect(formatPath(["dataElements", 2, "categoryOptionCombos", "15-19|male"])).toBe(
      'dataElements[2].categoryOptionCombos["15-19|male"]',
    );
  });

  it("crosses the closed lists in report order", () => {
    expect(categoryCombinations(["result", "sex"]).slice(0, 4)).toEqual([
      ["negative", "female"],
      ["negative", "male"],
      ["negative", "other"],
      ["positive", "female"],
    ]);
    expect(categoryCombinations([])).toEqual([[]]);
  });
});
