// The newsletter's signed links. A confirmation link names the subscriber and expires; a
// subscriber's own link (preferences, unsubscribe, their data) names them and lasts as long as they
// are subscribed (erasure removes the record it names). Both are HMAC-SHA-256 with a key derived
// from the instance secret for this purpose only.
import { createHmac, timingSafeEqual } from "node:crypto";

/** How long a confirmation link works. */
export const CONFIRM_TTL_MS = 7 * 24 * 60 * 60_000;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function sign(key: Buffer, text: string): string {
  return createHmac("sha256", key).update(text).digest("base64url").slice(0, 32);
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function confirmToken(key: Buffer, subscriberId: string, expires: Date): string {
  const seconds = Math.floor(expires.getTime() / 1000);
  return `${subscriberId}.${seconds}.${sign(key, `confirm:${subscriberId}:${seconds}`)}`;
}

/** The subscriber a confirmation token names, or undefined when it is wrong or expired. */
export function readConfirmToken(key: Buffer, token: string, now: Date): string | undefined {
  const [id = "", seconds = "", signature = ""] = token.split(".");
  if (!uuid.test(id) || !/^\d{1,12}$/.test(seconds)) return undefined;
  if (!same(signature, sign(key, `confirm:${id}:${seconds}`))) return undefined;
  return Number(seconds) * 1000 > now.getTime() ? id : undefined;
}

export function subscriberToken(key: Buffer, subscriberId: string): string {
  return `${subscriberId}.${sign(key, `subscriber:${subscriberId}`)}`;
}

export function readSubscriberToken(key: Buffer, token: string): string | undefined {
  const [id = "", signature = "", extra] = token.split(".");
  if (extra !== undefined || !uuid.test(id)) return undefined;
  return same(signature, sign(key, `subscriber:${id}`)) ? id : undefined;
}
