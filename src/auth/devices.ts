// Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser or
// phone where someone signed in to an account gets a signed, HttpOnly, long-lived cookie naming
// that account. A sign-in from a device whose cookie names the account is throttled only by that
// device's own failures, so a stranger guessing elsewhere cannot lock the real user out of it.
// The cookie proves nothing else: a password is still needed, and the cookie is only sent to the
// sign-in routes (Path=/api/auth).
//
// Value: up to five entries (a shared office computer serves several accounts), newest first,
// separated by "~"; each entry is `userId.deviceId.issuedAtSeconds.mac`, the mac an HMAC-SHA256
// of the rest under a key derived from the instance secret. Nothing is stored on the server.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const DEVICE_COOKIE = "peerlink_device";
export const DEVICE_COOKIE_PATH = "/api/auth";
export const DEVICE_COOKIE_DAYS = 365;
const MAX_ENTRIES = 5;
const DAY_SECONDS = 24 * 60 * 60;

interface DeviceEntry {
  userId: string;
  deviceId: string;
  issuedAt: number;
  mac: string;
}

const macOf = (key: Buffer, userId: string, deviceId: string, issuedAt: number) =>
  createHmac("sha256", key).update(`device\0${userId}\0${deviceId}\0${issuedAt}`).digest();

function parseEntries(cookie: string | undefined): DeviceEntry[] {
  if (!cookie || cookie.length > 2000) return [];
  return cookie.split("~").flatMap((text) => {
    const [userId, deviceId, issued, mac, ...rest] = text.split(".");
    const issuedAt = Number(issued);
    if (!userId || !deviceId || !mac || rest.length || !Number.isSafeInteger(issuedAt)) return [];
    return [{ userId, deviceId, issuedAt, mac }];
  });
}

function isValid(entry: DeviceEntry, key: Buffer, now: Date): boolean {
  const age = now.getTime() / 1000 - entry.issuedAt;
  if (age < -60 || age > DEVICE_COOKIE_DAYS * DAY_SECONDS) return false;
  const expected = macOf(key, entry.userId, entry.deviceId, entry.issuedAt);
  const given = Buffer.from(entry.mac, "base64url");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The id of this device for the account, when the cookie holds a valid entry for it. */
export function trustedDeviceId(
  cookie: string | undefined,
  userId: string,
  key: Buffer,
  now: Date,
): string | undefined {
  return parseEntries(cookie).find((entry) => entry.userId === userId && isValid(entry, key, now))
    ?.deviceId;
}

/**
 * The cookie after a successful sign-in: this account's entry renewed (the device keeps its id)
 * and first, the other accounts' valid entries after it.
 */
export function deviceCookieAfterSignIn(
  cookie: string | undefined,
  userId: string,
  key: Buffer,
  now: Date,
): string {
  const valid = parseEntries(cookie).filter((entry) => isValid(entry, key, now));
  const deviceId =
    valid.find((entry) => entry.userId === userId)?.deviceId ??
    randomBytes(16).toString("base64url");
  const issuedAt = Math.floor(now.getTime() / 1000);
  const fresh = {
    userId,
    deviceId,
    issuedAt,
    mac: macOf(key, userId, deviceId, issuedAt).toString("base64url"),
  };
  const others = valid.filter((entry) => entry.userId !== userId);
  return [fresh, ...others]
    .slice(0, MAX_ENTRIES)
    .map((e) => `${e.userId}.${e.deviceId}.${e.issuedAt}.${e.mac}`)
    .join("~");
}
