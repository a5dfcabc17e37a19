// Calendar dates and periods written the way each language writes them on the public pages:
// "tháng 7 – tháng 10/2011" / "July – October 2011"; "ngày 18 tháng 9 năm 2018" / "18 September 2018".
// Dates are YYYY-MM-DD strings (zone-less), so they are read by their parts, never through a Date.
import { timeZone } from "../lib/i18n.js";
import type { Translator } from "../messages.js";

interface DateParts {
  year: number;
  month: number;
  day: number;
}

function partsOf(date: string): DateParts {
  const [year = 0, month = 0, day = 0] = date.split("-").map(Number);
  return { year, month, day };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthName(t: Translator, month: number): string {
  return t.t("site.date.month", { month });
}

// en-CA writes dates as YYYY-MM-DD.
const calendarDateFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar date (YYYY-MM-DD) of a moment, in Vietnam, where the site's dates are read. */
export function calendarDateOf(at: Date): string {
  return calendarDateFormat.format(at);
}

export function formatLongDate(t: Translator, date: string): string {
  const { year, month, day } = partsOf(date);
  return t.t("site.date.long", {
    day: String(day),
    month: monthName(t, month),
    year: String(year),
  });
}

/**
 * A period from `from` to `to` (inclusive). Whole months are named as months; any other period
 * is written with its two dates.
 */
export function formatPeriod(t: Translator, from: string, to: string): string {
  const start = partsOf(from);
  const end = partsOf(to);
  const wholeMonths = start.day === 1 && end.day === daysInMonth(end.year, end.month);
  if (!wholeMonths) {
    return t.t("site.period.dates", { from: formatLongDate(t, from), to: formatLongDate(t, to) });
  }
  if (start.year !== end.year) {
    return t.t("site.period.months_years", {
      from: monthName(t, start.month),
      fromYear: String(start.year),
      to: monthName(t, end.month),
      toYear: String(end.year),
    });
  }
  if (start.month === end.month) {
    return t.t("site.period.month", { month: monthName(t, start.month), year: String(start.year) });
  }
  return t.t("site.period.months", {
    from: monthName(t, start.month),
    to: monthName(t, end.month),
    year: String(start.year),
  });
}

/** Việt Nam keeps UTC+7 all year (no daylight saving). */
const vietnamOffsetMs = 7 * 60 * 60 * 1000;

/** A moment (ISO 8601) as a date and time in Việt Nam: "08:00, ngày 15 tháng 8 năm 2011". */
export function formatMoment(t: Translator, moment: string): string {
  return t.t("site.date.moment", {
    date: formatLongDate(t, vietnamDate(moment)),
    time: vietnamTime(moment),
  });
}

const inVietnam = (moment: string) =>
  new Date(new Date(moment).getTime() + vietnamOffsetMs).toISOString();

/** The calendar date in Việt Nam of a moment (ISO 8601), as YYYY-MM-DD. */
export function vietnamDate(moment: string): string {
  return inVietnam(moment).slice(0, 10);
}

/** The time of day in Việt Nam of a moment (ISO 8601), as HH:MM. */
export function vietnamTime(moment: string): string {
  return inVietnam(moment).slice(11, 16);
}

/** For a phrase that stands alone (a table cell, a line of facts) rather than inside a sentence. */
export function capitalise(text: string, t: Translator): string {
  return text.charAt(0).toLocaleUpperCase(t.locale) + text.slice(1);
}
