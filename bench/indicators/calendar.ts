// Time in the generated programme: three years, 2021-01-01 to 2023-12-31, counted in days from
// the first one, so the generator keeps dates as small integers and SQL turns them back into
// dates (`date '2021-01-01' + day`). Also the moment a record was saved and its UUIDv7.
import { workingTime } from "../../src/demo/calendar.js";
import type { Random } from "../../src/demo/random.js";
import { seededId } from "../../src/lib/ids.js";

export const FIRST_DATE = "2021-01-01";
export const LAST_DATE = "2023-12-31";
const DAY_MS = 86_400_000;
const firstMs = Date.parse(`${FIRST_DATE}T00:00:00Z`);
/** Days in the programme: day 0 is 2021-01-01, the last day is DAYS - 1. */
export const DAYS = Math.round((Date.parse(`${LAST_DATE}T00:00:00Z`) - firstMs) / DAY_MS) + 1;

/** The SQL expression that turns a day number column into a date. */
export const sqlDateOfDay = (column: string) => `date '${FIRST_DATE}' + ${column}`;

export function dateOfDay(day: number): string {
  return new Date(firstMs + day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 for January 2021 … 35 for December 2023. */
export function monthOfDay(day: number): number {
  const date = new Date(firstMs + day * DAY_MS);
  return (date.getUTCFullYear() - 2021) * 12 + date.getUTCMonth();
}

export const quarterOfDay = (day: number) => Math.floor(monthOfDay(day) / 3);
export const QUARTERS = 12;

/** First and last date of quarter q (0 = 2021 Q1). */
export function quarterDates(q: number): { from: string; to: string } {
  const year = 2021 + Math.floor(q / 4);
  const month = (q % 4) * 3;
  const from = new Date(Date.UTC(year, month, 1));
  const to = new Date(Date.UTC(year, month + 3, 0));
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

/** How busy field work is on a day: less on Saturdays, little on Sundays. */
export function dayWeight(day: number): number {
  const weekday = new Date(firstMs + day * DAY_MS).getUTCDay();
  return weekday === 0 ? 0.2 : weekday === 6 ? 0.6 : 1;
}

/** A moment during the working day of `day` (Vietnam time), as epoch milliseconds. */
export function momentOfDay(random: Random, day: number): number {
  return workingTime(random, dateOfDay(day)).getTime();
}

/** The record's id: a reproducible UUIDv7 whose time part is the moment it was saved. */
export function idAt(random: Random, ms: number): string {
  return seededId(new Date(ms), random.bytes(16));
}

/** Draws indexes with chances proportional to fixed weights (cumulative table, binary search). */
export class WeightedIndex {
  readonly #cumulative: Float64Array;

  constructor(weights: ArrayLike<number>) {
    this.#cumulative = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      sum += weights[i]!;
      this.#cumulative[i] = sum;
    }
  }

  draw(random: Random): number {
    const point = random.float() * this.#cumulative[this.#cumulative.length - 1]!;
    let lo = 0;
    let hi = this.#cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#cumulative[mid]! > point) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Field-work days, weighted by weekday. */
export const fieldDays = new WeightedIndex(Array.from({ length: DAYS }, (_, d) => dayWeight(d)));

/** The permutation that puts records in the order they were saved. */
export function byMoment(ms: Float64Array): Int32Array {
  const order = Int32Array.from({ length: ms.length }, (_, i) => i);
  return order.sort((a, b) => ms[a]! - ms[b]! || a - b);
}

type Column = Uint8Array | Uint16Array | Int8Array | Int16Array | Int32Array | Float64Array;

/** Every column of a set of records, put in the given order (in place of the originals). */
export function reorder<T extends Record<string, Column>>(columns: T, order: Int32Array): T {
  const out = {} as Record<string, Column>;
  for (const [name, column] of Object.entries(columns)) {
    const sorted = column.slice();
    for (let x = 0; x < order.length; x++) sorted[x] = column[order[x]!]!;
    out[name] = sorted;
  }
  return out as T;
}

/** A normally distributed number (Box–Muller). */
export function normal(random: Random, mean: number, sd: number): number {
  const u = 1 - random.float();
  const v = random.float();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
