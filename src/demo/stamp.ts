// Ids and timestamps of generated records: a reproducible UUIDv7 whose time part is the moment
// the record was saved, and created/updated times taken from the record's own date rather than
// the wall clock, so that two loads of the demo give the same rows.
import type { DateString } from "../db/schema.js";
import { seededId } from "../lib/ids.js";
import { workingTime } from "./calendar.js";
import type { Random } from "./random.js";

export interface Stamp {
  id: string;
  created_at: Date;
  updated_at: Date;
}

/** A record saved during the working day of `date`. */
export function stamp(random: Random, date: DateString): Stamp {
  return stampAt(random, workingTime(random, date));
}

/** A record saved at a given moment. */
export function stampAt(random: Random, at: Date): Stamp {
  return { id: seededId(at, random.bytes(16)), created_at: at, updated_at: at };
}

/** A second record saved a few minutes after another (a referral made during a contact). */
export function stampAfter(random: Random, previous: Date, minutes: number): Stamp {
  return stampAt(random, new Date(previous.getTime() + minutes * 60_000 + random.int(0, 59_999)));
}

/** The columns of a record voided on `date` (voiding is its last change). */
export function voided(random: Random, date: DateString, reason: string) {
  const at = workingTime(random, date);
  return { updated_at: at, voided_at: at, void_reason: reason };
}
