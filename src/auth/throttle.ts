// Slowing down password guessing, with every counter in the database (several app processes may
// answer): an account is locked for 15 minutes after 5 failed log-ins within 15 minutes, and a
// client address after 20. A username that does not exist is counted like an account (under a
// hash of the name), so being locked out says nothing about whether an account exists.
import { createHash } from "node:crypto";
import type { Db } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import {
  findThrottle,
  lockAccount,
  lockThrottle,
  recordAccountFailure,
  recordThrottleFailure,
} from "./queries.js";

const MINUTE = 60_000;
export const FAILURE_WINDOW_MS = 15 * MINUTE;
export const LOCK_MS = 15 * MINUTE;
export const ACCOUNT_FAILURE_LIMIT = 5;
export const ADDRESS_FAILURE_LIMIT = 20;

export const addressKey = (address: string) => `ip:${address}`;

/** Only a hash: people type passwords into the username field, and the table must not keep them. */
export const unknownNameKey = (username: string) =>
  `name:${createHash("sha256").update(username).digest("hex")}`;

/** 429 with the minutes left, rounded up, in the message. */
export function tooManyAttempts(lockedUntil: Date, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / MINUTE));
  return new AppError("too_many_attempts", {
    values: { minutes },
    detail: "log-in locked after repeated failures",
  });
}

/** Throws too_many_attempts while a lock holds. */
export function assertNotLocked(lockedUntil: Date | null, now: Date): void {
  if (lockedUntil && lockedUntil > now) throw tooManyAttempts(lockedUntil, now);
}

export async function assertKeyNotLocked(db: Db, key: string, now: Date): Promise<void> {
  assertNotLocked((await findThrottle(db, key))?.locked_until ?? null, now);
}

const windowStart = (now: Date) => new Date(now.getTime() - FAILURE_WINDOW_MS);
const lockEnd = (now: Date) => new Date(now.getTime() + LOCK_MS);

/** Counts a failure against a key; answers the lock's end when this failure reached the limit. */
export async function countKeyFailure(
  db: Db,
  key: string,
  limit: number,
  now: Date,
): Promise<Date | undefined> {
  if ((await recordThrottleFailure(db, key, now, windowStart(now))) < limit) return undefined;
  await lockThrottle(db, key, now, lockEnd(now));
  return lockEnd(now);
}

export async function countAccountFailure(
  db: Db,
  userId: string,
  now: Date,
): Promise<Date | undefined> {
  if ((await recordAccountFailure(db, userId, now, windowStart(now))) < ACCOUNT_FAILURE_LIMIT) {
    return undefined;
  }
  await lockAccount(db, userId, lockEnd(now));
  return lockEnd(now);
}
