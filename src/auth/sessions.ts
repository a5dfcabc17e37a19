// Sessions: a random 256-bit token in an HttpOnly cookie, its SHA-256 in the database, and a
// second random token against cross-site request forgery that the app sends back in a header.
// A session ends after 12 hours without a request, and 30 days after log-in whatever happens:
// long enough for a working day on a shared office computer, short enough that a lost phone's
// session dies overnight. Everything lives in the database, so any app process can answer.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../db/connection.js";
import type { SessionUser } from "./policy.js";
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findLiveSession,
  insertSession,
  touchSession,
} from "./session-queries.js";

export const SESSION_COOKIE = "peerlink_session";
export const CSRF_HEADER = "x-csrf-token";

const MINUTE = 60_000;
export const SESSION_IDLE_MS = 12 * 60 * MINUTE;
export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * MINUTE;
/** last_seen_at is written at most once a minute: not one UPDATE per request. */
const TOUCH_INTERVAL_MS = MINUTE;

export interface NewSession {
  /** For the cookie only: the database never sees it. */
  token: string;
  csrfToken: string;
}

export interface ResolvedSession {
  user: SessionUser;
  tokenHash: string;
  csrfToken: string;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const randomToken = () => randomBytes(32).toString("base64url");

function expiryAfter(createdAt: Date, now: Date): Date {
  return new Date(
    Math.min(now.getTime() + SESSION_IDLE_MS, createdAt.getTime() + SESSION_ABSOLUTE_MS),
  );
}

export async function createSession(db: Db, userId: string, now: Date): Promise<NewSession> {
  const session = { token: randomToken(), csrfToken: randomToken() };
  await deleteExpiredSessions(db, userId, now);
  await insertSession(db, {
    tokenHash: hashToken(session.token),
    userId,
    csrfToken: session.csrfToken,
    now,
    expiresAt: expiryAfter(now, now),
  });
  return session;
}

/** The session a cookie names, if it is live; extends its idle expiry (at most once a minute). */
export async function resolveSession(
  db: Db,
  token: string,
  now: Date,
): Promise<ResolvedSession | undefined> {
  const tokenHash = hashToken(token);
  const row = await findLiveSession(db, tokenHash, now);
  if (!row) return undefined;
  if (now.getTime() - row.last_seen_at.getTime() >= TOUCH_INTERVAL_MS) {
    await touchSession(db, tokenHash, now, expiryAfter(row.created_at, now));
  }
  return {
    tokenHash,
    csrfToken: row.csrf_token,
    user: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      siteIds: row.site_ids,
      staffId: row.staff_id,
      locale: row.locale,
    },
  };
}

export async function endSession(db: Db, tokenHash: string): Promise<void> {
  await deleteSession(db, tokenHash);
}

/** Ends all of a user's sessions (disabled, password reset), or all but one (password changed). */
export async function endUserSessions(db: Db, userId: string, except?: string): Promise<void> {
  await deleteUserSessions(db, userId, except);
}

/** Compares in constant time: hashing first makes the lengths equal. */
export function csrfMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== "string" || given === "") return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
