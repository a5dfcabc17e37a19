// Signed links: a token that names something (a subscriber, a gift, a donor's year) and, for most,
// when it stops working, with an HMAC-SHA-256 signature over both, so a link can be handed out by
// e-mail and checked without storing it. Each feature signs with a key derived for its purpose
// only (src/lib/crypto.ts) and a purpose word inside the signed text, so no token is good for
// another use.
import { createHmac, timingSafeEqual } from "node:crypto";

/** The signature of a text: 32 characters of base64url (192 bits). */
export function signText(key: Buffer, text: string): string {
  return createHmac("sha256", key).update(text).digest("base64url").slice(0, 32);
}

/** Whether a signature is the text's, compared in constant time. */
export function signatureHolds(key: Buffer, text: string, signature: string): boolean {
  const x = Buffer.from(signature);
  const y = Buffer.from(signText(key, text));
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `<subject>.<expiry in seconds>.<signature>`: the subject must hold no dot. */
export function expiringToken(key: Buffer, purpose: string, subject: string, expires: Date) {
  const seconds = Math.floor(expires.getTime() / 1000);
  return `${subject}.${seconds}.${signText(key, `${purpose}:${subject}:${seconds}`)}`;
}

export type TokenReading =
  | { ok: true; subject: string; expires: Date }
  | { ok: false; problem: "invalid" | "expired" };

/**
 * What an expiring token names, or why it does not work: `invalid` (malformed, signed by another
 * key or for another purpose, tampered with) or `expired` (genuine, but past its time).
 */
export function readExpiringToken(
  key: Buffer,
  purpose: string,
  token: string,
  now: Date,
  subjectPattern: RegExp,
): TokenReading {
  const [subject = "", seconds = "", signature = "", extra] = token.split(".");
  if (extra !== undefined || !subjectPattern.test(subject) || !/^\d{1,12}$/.test(seconds)) {
    return { ok: false, problem: "invalid" };
  }
  if (!signatureHolds(key, `${purpose}:${subject}:${seconds}`, signature)) {
    return { ok: false, problem: "invalid" };
  }
  const expires = new Date(Number(seconds) * 1000);
  if (expires.getTime() <= now.getTime()) return { ok: false, problem: "expired" };
  return { ok: true, subject, expires };
}
