// The newsletter's signed links (src/lib/signed-links.ts). A confirmation link names the
// subscriber and expires; a subscriber's own link (preferences, unsubscribe, their data) names them
// and lasts as long as they are subscribed (erasure removes the record it names). Both are signed
// with a key derived from the instance secret for this purpose only.
import { expiringToken, readExpiringToken, signatureHolds, signText } from "../lib/signed-links.js";

/** How long a confirmation link works. */
export const CONFIRM_TTL_MS = 7 * 24 * 60 * 60_000;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function confirmToken(key: Buffer, subscriberId: string, expires: Date): string {
  return expiringToken(key, "confirm", subscriberId, expires);
}

/** The subscriber a confirmation token names, or undefined when it is wrong or expired. */
export function readConfirmToken(key: Buffer, token: string, now: Date): string | undefined {
  const reading = readExpiringToken(key, "confirm", token, now, uuid);
  return reading.ok ? reading.subject : undefined;
}

export function subscriberToken(key: Buffer, subscriberId: string): string {
  return `${subscriberId}.${signText(key, `subscriber:${subscriberId}`)}`;
}

export function readSubscriberToken(key: Buffer, token: string): string | undefined {
  const [id = "", signature = "", extra] = token.split(".");
  if (extra !== undefined || !uuid.test(id)) return undefined;
  return signatureHolds(key, `subscriber:${id}`, signature) ? id : undefined;
}
