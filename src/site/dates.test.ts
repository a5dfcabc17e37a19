import { describe, expect, it } from "vitest";
import { translator } from "../messages.js";
import { capitalise, formatLongDate, formatPeriod } from "./dates.js";

const vi = translator("vi");
const en = translator("en");

describe("formatPeriod", () => {
  it("names whole months within a year the way each language does", () => {
    expect(formatPeriod(vi, "2011-07-01", "2011-10-31")).toBe("tháng 7 – tháng 10/2011");
    expect(formatPeriod(en, "2011-07-01", "2011-10-31")).toBe("July – October 2011");
  });

  it("names a single month once", () => {
    expect(formatPeriod(vi, "2012-07-01", "2012-07-31")).toBe("tháng 7/2012");
    expect(formatPeriod(en, "2012-07-01", "2012-07-31")).toBe("July 2012");
  });

  it("gives both years when the period crosses a year (February of a leap year included)", () => {
    expect(formatPeriod(vi, "2011-10-01", "2012-02-29")).toBe("tháng 10/2011 – tháng 2/2012");
    expect(formatPeriod(en, "2011-10-01", "2012-02-29")).toBe("October 2011 – February 2012");
  });

  it("writes the dates when the period does not run over whole months", () => {
    expect(formatPeriod(vi, "2012-07-01", "2012-07-15")).toBe(
      "từ ngày 1 tháng 7 năm 2012 đến ngày 15 tháng 7 năm 2012",
    );
    expect(formatPeriod(en, "2012-07-01", "2012-07-15")).toBe("1 July 2012 – 15 July 2012");
  });
});

describe("formatLongDate", () => {
  it("writes a date in words, without thousands separators in the year", () => {
    expect(formatLongDate(vi, "2018-09-18")).toBe("ngày 18 tháng 9 năm 2018");
    expect(formatLongDate(en, "2018-09-18")).toBe("18 September 2018");
    expect(capitalise(formatLongDate(vi, "2018-09-18"), vi)).toBe("Ngày 18 tháng 9 năm 2018");
  });
});
