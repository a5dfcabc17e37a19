// Slowing password guessing down without letting anyone lock the real user out, after OWASP's
// Authentication and Credential Stuffing cheat sheets and its device-cookie protocol:
// - A sign-in from a device whose cookie names the account (devices.ts) is counted and slowed by
//   that device's own failures only: a stranger's guesses from elsewhere never reach it.
// - Any other sign-in is counted per account (unknown usernames per hash of the name, with the same
//   numbers, so nothing tells whether an account exists) and per client address.
// - Counts drain with time, and a high count means growing delays, never a lock: after `free`
//   failures the next attempt waits 30 s, then 1, 2, 4, 8 and at most 15 minutes. A guesser gets
//   5 quick tries at an account and then about one every 15 minutes (the rate the count drains),
//   wherever the guesses come from; an address gets 20 quick tries and then about 20 an hour over
//   all the usernames it tries (its hard bound). An office behind one address shares only that
//   allowance, and only for devices nobody has signed in from before.
// - An attempt while a key makes it wait is refused before the password is looked at and is not
//   counted, so waiting out a delay is always enough. Administrators see the counts and may lift
//   one (throttle routes; every lift is written to the audit log).
// Every count lives in the database, so several app processes share them.
import { createHmac } from "node:crypto";
import { type Actor, recordEvent } from "../audit/service.js";
import type { Db } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { networkKey } from "../lib/network.js";
import {
  deleteStaleThrottles,
  deleteThrottleRow,
  findBlockedUntil,
  findThrottleRow,
  listThrottleRows,
  recordThrottleFailure,
  setBlockedUntil,
  type ThrottleKey,
  type ThrottleKind,
} from "./throttle-queries.js";

export type { ThrottleKey };

const MINUTE = 60_000;
export const FIRST_DELAY_MS = 30_000;
export const MAX_DELAY_MS = 15 * MINUTE;

/** Failures allowed before delays start, and how long until one failure is forgotten. */
export const throttleRules: Record<ThrottleKind, { free: number; drainMs: number }> = {
  account: { free: 5, drainMs: 15 * MINUTE },
  unknown_name: { free: 5, drainMs: 15 * MINUTE },
  device: { free: 5, drainMs: 15 * MINUTE },
  address: { free: 20, drainMs: 3 * MINUTE },
};

/** The wait before the next attempt once a key's count is `level` (a part of a failure counts). */
export function delayAt(kind: ThrottleKind, level: number): number {
  const over = Math.ceil(level - 1e-9) - throttleRules[kind].free;
  return over < 0 ? 0 : Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** over);
}

/** The count now, drained since it was written. */
export function levelNow(kind: ThrottleKind, level: number, updatedAt: Date, now: Date): number {
  return Math.max(0, level - (now.getTime() - updatedAt.getTime()) / throttleRules[kind].drainMs);
}

/** A client address as a throttle counts it: IPv4 as it is, IPv6 by its /64 network. */
export function addressKey(address: string): string {
  return networkKey(address, 32);
}

/**
 * An unknown username's key: a keyed hash, because people type passwords into the username
 * field, and neither the table nor a copy of it may give them back.
 */
export function unknownNameKey(username: string, key: Buffer): string {
  return createHmac("sha256", key).update(`name\0${username}`).digest("base64url");
}

/** 429 with the minutes left, rounded up, in the message (and the seconds for Retry-After). */
export function tooManyAttempts(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError("too_many_attempts", {
    values: { minutes: Math.ceil(seconds / 60), seconds },
    detail: "sign-in delayed after repeated failures",
  });
}

/** Throws too_many_attempts while any of the keys makes attempts wait. */
export async function assertNotThrottled(
  db: Db,
  keys: readonly ThrottleKey[],
  now: Date,
): Promise<void> {
  const until = await findBlockedUntil(db, keys, now);
  if (until) throw tooManyAttempts(until, now);
}

/** Counts a failure against each key; answers until when the next attempt must wait, if it must. */
export async function countFailure(
  db: Db,
  keys: readonly ThrottleKey[],
  now: Date,
): Promise<Date | undefined> {
  let latest: Date | undefined;
  for (const key of keys) {
    const { drainMs } = throttleRules[key.kind];
    const { id, level } = await recordThrottleFailure(db, key, now, drainMs / 1000);
    const delay = delayAt(key.kind, level);
    const until = delay > 0 ? new Date(now.getTime() + delay) : null;
    await setBlockedUntil(db, id, until);
    if (until && (!latest || until > latest)) latest = until;
  }
  return latest;
}

/** Rows untouched for a day have drained to nothing (the highest count drains in ~2 hours). */
export async function forgetStaleThrottles(db: Db, now: Date): Promise<void> {
  await deleteStaleThrottles(db, new Date(now.getTime() - 24 * 60 * MINUTE));
}

/** The counts an administrator sees: every account, device and address with a failure left. */
export async function listThrottles(db: Db, now: Date) {
  const rows = await listThrottleRows(db, new Date(now.getTime() - 24 * 60 * MINUTE));
  return rows.flatMap((row) => {
    if (row.kind === "unknown_name") return [];
    const failures = Math.ceil(levelNow(row.kind, row.level, row.updated_at, now) - 1e-9);
    const blocked = row.blocked_until && row.blocked_until > now ? row.blocked_until : null;
    if (failures === 0 && !blocked) return [];
    return [
      {
        id: row.id,
        kind: row.kind,
        user:
          row.user_id === null
            ? null
            : {
                id: row.user_id,
                username: row.username ?? "",
                display_name: row.display_name ?? "",
              },
        address: row.kind === "address" ? row.key : null,
        failures,
        last_failure_at: row.last_failure_at.toISOString(),
        blocked_until: blocked ? blocked.toISOString() : null,
      },
    ];
  });
}

/** Lifts one count (the row goes): the next attempt is as if no failure had been made. */
export async function liftThrottle(db: Db, actor: Actor, id: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await findThrottleRow(trx, id);
    if (!row || row.kind === "unknown_name") {
      throw new AppError("not_found", { detail: "no such sign-in throttle" });
    }
    await deleteThrottleRow(trx, id);
    const blocked = row.blocked_until && row.blocked_until > now ? row.blocked_until : null;
    await recordEvent(
      trx,
      actor,
      {
        action: "login_throttle.lifted",
        target:
          row.kind === "address"
            ? { type: "address", id: row.key }
            : { type: "user", id: row.user_id! },
        details: {
          kind: row.kind,
          failures: Math.ceil(levelNow(row.kind, row.level, row.updated_at, now) - 1e-9),
          blocked_until: blocked ? blocked.toISOString() : null,
        },
      },
      now,
    );
  });
}
