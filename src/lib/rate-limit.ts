// Attempts counted per key in fixed windows, in the database (table rate_limits) so that every
// app process shares the counts: a newsletter sign-up per address and per network, a test send per
// editor. Past the limit, the attempt is refused with 429 `too_many_requests`, saying what was
// limited (a reason key) and in how many minutes it may be tried again. Sign-in has its own, gentler
// scheme of growing delays (src/auth/throttle.ts); both count networks with ./network.ts.
import { sql } from "kysely";
import type { Db } from "../db/connection.js";
import { AppError } from "./errors.js";

export interface RateLimit {
  /** Attempts allowed in one window. */
  limit: number;
  windowMs: number;
  /** What is limited, as a reason key (`reason.<key>`) of the refusal's message. */
  reason: string;
}

/** Counts one attempt against `key`; refuses it (not counted further) once past the limit. */
export async function takeAttempt(db: Db, key: string, rule: RateLimit, now: Date): Promise<void> {
  const since = new Date(now.getTime() - rule.windowMs);
  const result = await sql<{ count: number; window_start: Date }>`
    insert into rate_limits (key, window_start, count) values (${key}, ${now}, 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start <= ${since} then 1
                   else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start <= ${since} then ${now}
                   else rate_limits.window_start end
    returning count, window_start`.execute(db);
  const row = result.rows[0]!;
  if (row.count <= rule.limit) return;
  const ends = new Date(row.window_start).getTime() + rule.windowMs;
  const seconds = Math.max(1, Math.ceil((ends - now.getTime()) / 1000));
  throw new AppError("too_many_requests", {
    reason: rule.reason,
    values: { minutes: Math.ceil(seconds / 60), seconds, limit: rule.limit },
    detail: `rate limit ${rule.reason}`,
  });
}

/** Forgets windows that ended before `before` (called now and then by the features that count). */
export async function forgetOldAttempts(db: Db, before: Date): Promise<void> {
  await db.deleteFrom("rate_limits").where("window_start", "<", before).execute();
}
