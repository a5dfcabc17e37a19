// Reporting periods: what a dashboard, a report or an export asks for, as inclusive date ranges.
// Four forms are read — a month `2011-07` (or DHIS2's `201107`), a quarter `2011Q3`, a year `2011`,
// and a custom range `2011-07-01..2011-10-31` — and the first three are written back in DHIS2
// period notation. Dates stay YYYY-MM-DD strings throughout, as the database returns them, so no
// time zone can shift a period's edge.
import { AppError } from "../lib/errors.js";
import { maxPeriodMonths, maxYear, minYear } from "../limits/limits.js";

export type PeriodKind = "month" | "quarter" | "year" | "custom";

export interface Period {
  kind: PeriodKind;
  /** First day, inclusive (YYYY-MM-DD). */
  from: string;
  /** Last day, inclusive (YYYY-MM-DD): SQL compares with `between from and to`. */
  to: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Last day of a month, from UTC arithmetic (day 0 of the next month); handles leap years. */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const isoDate = (year: number, month: number, day: number) =>
  `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** Years outside src/limits/limits.ts's range are typing mistakes, not programme data. */
function checkYear(year: number, text: string): void {
  if (year < minYear || year > maxYear) invalid(text, "date_range");
}

function invalid(text: string, reason = "period_format"): never {
  throw new AppError("invalid_parameter", {
    parameter: "period",
    reason,
    values: { min: `${minYear}-01-01`, max: `${maxYear}-12-31` },
    detail: `not a period: ${JSON.stringify(text)} (expected 2011-07, 2011Q3, 2011 or 2011-07-01..2011-10-31)`,
  });
}

export function monthPeriod(year: number, month: number): Period {
  return {
    kind: "month",
    from: isoDate(year, month, 1),
    to: isoDate(year, month, daysInMonth(year, month)),
  };
}

export function quarterPeriod(year: number, quarter: number): Period {
  const first = (quarter - 1) * 3 + 1;
  return {
    kind: "quarter",
    from: isoDate(year, first, 1),
    to: isoDate(year, first + 2, daysInMonth(year, first + 2)),
  };
}

export function yearPeriod(year: number): Period {
  return { kind: "year", from: isoDate(year, 1, 1), to: isoDate(year, 12, 31) };
}

/** A real calendar date written YYYY-MM-DD, or null (rejects 2011-02-29, 2011-13-01, 2011-7-1). */
function parseDate(text: string): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Reads a period in any of the four forms; throws `invalid_parameter` (parameter `period`). */
export function parsePeriod(input: string): Period {
  const text = input.trim();
  let match = /^(\d{4})-?(\d{2})$/.exec(text);
  if (match) {
    const [year, month] = [Number(match[1]), Number(match[2])];
    checkYear(year, text);
    if (month < 1 || month > 12) invalid(text);
    return monthPeriod(year, month);
  }
  match = /^(\d{4})Q([1-4])$/.exec(text);
  if (match) {
    const year = Number(match[1]);
    checkYear(year, text);
    return quarterPeriod(year, Number(match[2]));
  }
  match = /^(\d{4})$/.exec(text);
  if (match) {
    const year = Number(match[1]);
    checkYear(year, text);
    return yearPeriod(year);
  }
  match = /^(\S+)\.\.(\S+)$/.exec(text);
  if (match) {
    const from = parseDate(match[1]!);
    const to = parseDate(match[2]!);
    if (!from || !to) invalid(text, "date_format");
    checkYear(from.year, text);
    checkYear(to.year, text);
    const range = { kind: "custom" as const, from: match[1]!, to: match[2]! };
    if (range.from > range.to) invalid(text, "from_after_to");
    return range;
  }
  return invalid(text);
}

/**
 * The period in DHIS2 notation (`201107`, `2011Q3`, `2011`). DHIS2 has no arbitrary ranges, so a
 * custom period has none (null): an export must be asked for in months, quarters or years.
 */
export function toDhis2Period(period: Period): string | null {
  const year = period.from.slice(0, 4);
  const month = Number(period.from.slice(5, 7));
  switch (period.kind) {
    case "month":
      return `${year}${pad(month)}`;
    case "quarter":
      return `${year}Q${Math.ceil(month / 3)}`;
    case "year":
      return year;
    case "custom":
      return null;
  }
}

/**
 * The months a period touches, each clipped to the period (monthly trends, DHIS2 monthly exports).
 * A custom period that starts or ends mid-month gives partial first and last months.
 */
export function monthsOf(period: Period): Period[] {
  const months: Period[] = [];
  let year = Number(period.from.slice(0, 4));
  let month = Number(period.from.slice(5, 7));
  while (isoDate(year, month, 1) <= period.to) {
    const whole = monthPeriod(year, month);
    // ISO dates order as strings: the later start and the earlier end clip the month.
    const from = [whole.from, period.from].sort()[1]!;
    const to = [whole.to, period.to].sort()[0]!;
    // A clipped month is no longer a DHIS2 month: it keeps kind "custom" so it is never exported
    // as if it were whole.
    const clipped = from !== whole.from || to !== whole.to;
    months.push(clipped ? { kind: "custom", from, to } : whole);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

/** Refuses a calendar date (YYYY-MM-DD) outside the years periods may have. */
export function checkDateInRange(text: string, parameter: string): string {
  const year = Number(text.slice(0, 4));
  if (year < minYear || year > maxYear) {
    throw new AppError("invalid_parameter", {
      parameter,
      reason: "date_range",
      values: { min: `${minYear}-01-01`, max: `${maxYear}-12-31` },
    });
  }
  return text;
}

/**
 * Refuses a period that touches more calendar months than the dashboards, the staff indicators API
 * and exports compute (src/limits/limits.ts): the work and the answer grow with every month.
 */
export function checkPeriodSpan(period: Period, parameter = "period"): Period {
  if (monthsOf(period).length > maxPeriodMonths) {
    throw new AppError("invalid_parameter", {
      parameter,
      reason: "period_too_long",
      values: { months: maxPeriodMonths, years: maxPeriodMonths / 12 },
      detail: `the period ${period.from}..${period.to} touches more than ${maxPeriodMonths} months`,
    });
  }
  return period;
}

/**
 * A project's period as a dashboard or report shows it by default: the whole project, or, for a
 * project longer than the longest period allowed, its last months up to that length.
 */
export function projectPeriodOf(project: { starts_on: string; ends_on: string }): Period {
  const whole: Period = { kind: "custom", from: project.starts_on, to: project.ends_on };
  const months = monthsOf(whole);
  if (months.length <= maxPeriodMonths) return whole;
  return { ...whole, from: months[months.length - maxPeriodMonths]!.from };
}
