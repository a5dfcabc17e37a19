import { describe, expect, it } from "vitest";
import { indicatorDefinitions } from "../indicators/definitions.js";
import {
  type ResultsIndicatorId as IndicatorId,
  type IndicatorValues,
  resultsIndicators as indicatorIds,
  type ProjectResults,
  type SiteResults,
} from "../indicators/service.js";
import { translator } from "../messages.js";
import { describeResults } from "./results-view.js";

const vi = translator("vi");
const en = translator("en");

function values(given: Partial<IndicatorValues>): IndicatorValues {
  const zeros = Object.fromEntries(indicatorIds.map((id) => [id, 0])) as IndicatorValues;
  return { ...zeros, ...given };
}

function site(
  code: string,
  given: Partial<IndicatorValues>,
  suppressed: IndicatorId[] = [],
  protecting: IndicatorId[] = [],
): SiteResults {
  return {
    code,
    name: { vi: `Địa bàn ${code}`, en: `Site ${code}` },
    values: values(given),
    suppressed,
    protecting,
  };
}

function results(
  total: Partial<IndicatorValues>,
  sites: SiteResults[],
  {
    project = "mot-du-an",
    suppressed = [] as IndicatorId[],
    protecting = [] as IndicatorId[],
    threshold = 5,
  } = {},
): ProjectResults {
  return {
    project,
    period: { from: "2011-07-01", to: "2011-10-31" },
    total: values(total),
    suppressed,
    unpublished: [],
    protecting,
    sites,
    indicators: indicatorDefinitions,
    threshold,
  };
}

describe("describeResults", () => {
  it("says coaching happened at each site when every site had the same number of rounds", () => {
    const view = describeResults(
      en,
      results({ people_reached: 40, coaching_rounds: 6 }, [
        site("A", { coaching_rounds: 2 }),
        site("B", { coaching_rounds: 2 }),
        site("C", { coaching_rounds: 2 }),
      ]),
    );
    expect(view.lines).toContain(
      "Organised 2 rounds of on-the-job coaching at each of the 3 sites",
    );
  });

  it("counts coaching rounds and the sites that had any when sites differ", () => {
    const view = describeResults(
      vi,
      results({ people_reached: 40, coaching_rounds: 1 }, [
        site("A", { coaching_rounds: 1 }),
        site("B", {}),
      ]),
    );
    expect(view.lines).toContain("Tổ chức 1 đợt đào tạo cầm tay chỉ việc tại 1 địa bàn");
    expect(
      describeResults(
        en,
        results({ coaching_rounds: 1 }, [site("A", { coaching_rounds: 1 }), site("B", {})]),
      ).lines,
    ).toContain("Organised 1 round of on-the-job coaching at 1 site");
  });

  it("leaves out what the project did not do, but always says how many people it reached", () => {
    const view = describeResults(vi, results({ people_reached: 0, contacts: 0 }, []));
    expect(view.lines).toEqual(["Số khách hàng được tiếp cận: 0 người (với 0 lượt tiếp cận)"]);
  });

  it("writes a figure withheld to protect another as not published, never as '<5'", () => {
    const view = describeResults(
      en,
      results(
        { people_reached: 9, contacts: null },
        [
          site("A", { people_reached: null }, [], ["people_reached"]),
          site("B", { people_reached: null }, ["people_reached"]),
        ],
        { protecting: ["contacts"] },
      ),
    );
    expect(view.lines[0]).toMatch(/\(not published\)/);
    expect(view.rows.map((r) => r.peopleReached)).toEqual(["×", "<5"]);
    expect(view.rows[0]!.reach).toBe("×");
    expect(view.notes.protecting).toBe(true);
  });

  it("writes withheld totals as 'fewer than 5', never as a number", () => {
    const view = describeResults(
      vi,
      results(
        { people_reached: null, contacts: 7, hiv_test_visits: null, reach_vs_estimate: null },
        [],
        { suppressed: ["people_reached", "hiv_test_visits", "reach_vs_estimate"] },
      ),
    );
    expect(view.lines).toEqual([
      "Số khách hàng được tiếp cận: dưới 5 người (với 7 lượt tiếp cận)",
      "Số lượt khách hàng đi xét nghiệm HIV (VCT): dưới 5 lượt",
    ]);
    expect(view.notes.withheld).toBe(true);
  });

  it("writes a withheld site as <5 and its reach as the bound it is under; no estimate as a dash", () => {
    const view = describeResults(
      en,
      results({ people_reached: 104, population_size_estimate: null, reach_vs_estimate: null }, [
        site(
          "A",
          {
            people_reached: null,
            population_size_estimate: 180,
            reach_vs_estimate: null,
            communes_covered: 2,
            communes_in_area: 9,
          },
          ["people_reached", "reach_vs_estimate"],
        ),
        site("B", {
          people_reached: 1234,
          population_size_estimate: null,
          reach_vs_estimate: null,
          communes_in_area: 19,
        }),
      ]),
    );
    expect(view.rows).toEqual([
      { name: "Site A", communes: "2/9", peopleReached: "<5", estimate: "180", reach: "<3%" },
      { name: "Site B", communes: "0/19", peopleReached: "1,234", estimate: "—", reach: "—" },
    ]);
    expect(view.notes).toEqual({
      total: true,
      withheld: true,
      protecting: false,
      noEstimate: true,
    });
    expect(view.period).toBe("July – October 2011");
  });

  it("writes the threshold the figures were published with, in sentences, cells and reach bounds", () => {
    const withheld = (locale: typeof vi) =>
      describeResults(
        locale,
        results(
          { people_reached: null, contacts: 40 },
          [
            site(
              "A",
              { people_reached: null, population_size_estimate: 180, reach_vs_estimate: null },
              ["people_reached", "reach_vs_estimate"],
            ),
          ],
          { suppressed: ["people_reached"], threshold: 10 },
        ),
      );
    const inVi = withheld(vi);
    expect(inVi.lines[0]).toBe("Số khách hàng được tiếp cận: dưới 10 người (với 40 lượt tiếp cận)");
    expect(inVi.rows[0]!.peopleReached).toBe("<10");
    expect(inVi.threshold).toBe("10");
    const inEn = withheld(en);
    expect(inEn.lines[0]).toBe("People reached: fewer than 10 (with 40 outreach contacts)");
    // Fewer than 10 of 180 is under 6 %, not the 3 % that fewer than 5 would be.
    expect(inEn.rows[0]!.reach).toBe("<6%");
  });

  it("marks per-site figures as illustrative on the demo project only", () => {
    expect(describeResults(vi, results({}, [], { project: "dien-bien" })).illustrative).toBe(true);
    expect(describeResults(vi, results({}, [], { project: "lao-cai" })).illustrative).toBe(false);
  });
});
