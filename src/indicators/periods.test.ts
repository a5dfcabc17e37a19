import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maxPeriodMonths } from "../limits/limits.js";
import {
  checkPeriodSpan,
  monthsOf,
  parsePeriod,
  projectPeriodOf,
  toDhis2Period,
} from "./periods.js";

describe("parsePeriod", () => {
  it("reads a month, in ISO and in DHIS2 form, to its first and last day", () => {
    expect(parsePeriod("2011-07")).toEqual({ kind: "month", from: "2011-07-01", to: "2011-07-31" });
    expect(parsePeriod("201109")).toEqual({ kind: "month", from: "2011-09-01", to: "2011-09-30" });
  });

  it("ends February on the 29th in a leap year only", () => {
    expect(parsePeriod("2012-02").to).toBe("2012-02-29");
    expect(parsePeriod("2011-02").to).toBe("2011-02-28");
    expect(parsePeriod("2000-02").to).toBe("2000-02-29");
    expect(parsePeriod("1900-02").to).toBe("1900-02-28");
  });

  it("reads quarters and years", () => {
    expect(parsePeriod("2011Q3")).toEqual({
      kind: "quarter",
      from: "2011-07-01",
      to: "2011-09-30",
    });
    expect(parsePeriod("2011Q4").to).toBe("2011-12-31");
    expect(parsePeriod("2012Q1")).toMatchObject({ from: "2012-01-01", to: "2012-03-31" });
    expect(parsePeriod("2011")).toEqual({ kind: "year", from: "2011-01-01", to: "2011-12-31" });
  });

  it("reads a custom range, inclusive, and a one-day range", () => {
    expect(parsePeriod("2011-07-01..2011-10-31")).toEqual({
      kind: "custom",
      from: "2011-07-01",
      to: "2011-10-31",
    });
    expect(parsePeriod(" 2011-07-04..2011-07-04 ")).toMatchObject({
      from: "2011-07-04",
      to: "2011-07-04",
    });
  });

  it.each([
    ["2011-13", "period_format"],
    ["2011-00", "period_format"],
    ["2011Q5", "period_format"],
    ["2011Q0", "period_format"],
    ["2011q3", "period_format"],
    ["11", "period_format"],
    ["1899", "date_range"],
    ["2101Q1", "date_range"],
    ["0000-01-01..2011-07-01", "date_range"],
    ["2011-7", "period_format"],
    ["", "period_format"],
    ["2011-07-01..", "period_format"],
    ["2011-02-29..2011-03-01", "date_format"],
    ["2011-07-1..2011-07-31", "date_format"],
    ["2011-07-31..2011-07-01", "from_after_to"],
  ])("rejects %j (%s)", (text, reason) => {
    expect(() => parsePeriod(text)).toThrow(
      expect.objectContaining({
        code: "invalid_parameter",
        details: expect.objectContaining({ parameter: "period", reason }),
      }),
    );
  });
});

describe("DHIS2 notation", () => {
  it("writes months, quarters and years as DHIS2 does, and no custom range", () => {
    expect(toDhis2Period(parsePeriod("2011-07"))).toBe("201107");
    expect(toDhis2Period(parsePeriod("2011Q3"))).toBe("2011Q3");
    expect(toDhis2Period(parsePeriod("2011"))).toBe("2011");
    expect(toDhis2Period(parsePeriod("2011-07-01..2011-09-30"))).toBeNull();
  });

  it("reads back what it writes, for every month, quarter and year", () => {
    const year = fc.integer({ min: 1900, max: 2100 });
    const notation = fc.oneof(
      fc
        .tuple(year, fc.integer({ min: 1, max: 12 }))
        .map(([y, m]) => `${y}${`${m}`.padStart(2, "0")}`),
      fc.tuple(year, fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}Q${q}`),
      year.map(String),
    );
    fc.assert(
      fc.property(notation, (text) => {
        const period = parsePeriod(text);
        expect(toDhis2Period(period)).toBe(text);
        expect(period.from <= period.to).toBe(true);
      }),
    );
  });
});

describe("monthsOf", () => {
  it("splits a quarter into its three whole months", () => {
    expect(monthsOf(parsePeriod("2011Q3")).map(toDhis2Period)).toEqual([
      "201107",
      "201108",
      "201109",
    ]);
  });

  it("clips the first and last month of a custom range, across New Year", () => {
    const months = monthsOf(parsePeriod("2011-12-15..2012-02-10"));
    expect(months).toEqual([
      { kind: "custom", from: "2011-12-15", to: "2011-12-31" },
      { kind: "month", from: "2012-01-01", to: "2012-01-31" },
      { kind: "custom", from: "2012-02-01", to: "2012-02-10" },
    ]);
  });
});

describe("checkPeriodSpan", () => {
  it("takes a period of up to five years and refuses a longer one, naming the limit", () => {
    expect(maxPeriodMonths).toBe(60);
    expect(checkPeriodSpan(parsePeriod("2021-01-01..2025-12-31")).to).toBe("2025-12-31");
    // Five years that start mid-month touch 61 months.
    for (const text of [
      "2021-01-01..2026-01-01",
      "2021-01-15..2026-01-14",
      "1900-01-01..2100-12-31",
    ]) {
      expect(() => checkPeriodSpan(parsePeriod(text))).toThrow(
        expect.objectContaining({
          code: "invalid_parameter",
          details: expect.objectContaining({
            parameter: "period",
            reason: "period_too_long",
            values: { months: 60, years: 5 },
          }),
        }),
      );
    }
  });
});

describe("projectPeriodOf", () => {
  it("is the project's period, or its last five years when it is longer", () => {
    expect(projectPeriodOf({ starts_on: "2011-07-01", ends_on: "2011-10-31" })).toEqual({
      kind: "custom",
      from: "2011-07-01",
      to: "2011-10-31",
    });
    const long = projectPeriodOf({ starts_on: "2012-03-15", ends_on: "2021-06-30" });
    expect(long).toEqual({ kind: "custom", from: "2016-07-01", to: "2021-06-30" });
    expect(monthsOf(long)).toHaveLength(60);
  });
});
