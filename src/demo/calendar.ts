// Calendar dates (YYYY-MM-DD strings, as the database returns them) for generating the demo's
// records: arithmetic, the project period, and how field work is spread over it.
import type { DateString } from "../db/schema.js";
import type { Random } from "./random.js";

/** The implementation period the seed's text gives: July to October 2011. */
export const period = { from: "2011-07-01", to: "2011-10-31" } as const;

const DAY_MS = 86_400_000;
/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

function toUtc(date: DateString): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export function addDays(date: DateString, days: number): DateString {
  return new Date(toUtc(date) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: DateString, to: DateString): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

export function earlier(a: DateString, b: DateString): DateString {
  return a < b ? a : b;
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: DateString, to: DateString): DateString[] {
  const count = daysBetween(from, to) + 1;
  return Array.from({ length: Math.max(count, 0) }, (_, i) => addDays(from, i));
}

/**
 * How busy field work is on a date: the teams were still finding clients in July and worked
 * mostly on weekdays, less on Saturdays, rarely on Sundays.
 */
export function fieldWorkWeight(date: DateString): number {
  const weekday = new Date(toUtc(date)).getUTCDay();
  const dayWeight = weekday === 0 ? 0.2 : weekday === 6 ? 0.6 : 1;
  const monthWeight = date.slice(5, 7) === "07" ? 0.55 : 1;
  return dayWeight * monthWeight;
}

/** A field-work date between two dates (both included), weighted as above. */
export function drawFieldDate(random: Random, from: DateString, to: DateString): DateString {
  return random.weighted(datesBetween(from, to), fieldWorkWeight);
}

/**
 * The moment a record made on `date` was saved: during the working day in Vietnam (07:30–18:30
 * local time), so the UTC timestamp falls on the same calendar date.
 */
export function workingTime(random: Random, date: DateString): Date {
  const minutes = random.int(7 * 60 + 30, 18 * 60 + 30);
  const ms = minutes * 60_000 + random.int(0, 59_999);
  return new Date(toUtc(date) + ms - VIETNAM_OFFSET_MS);
}
