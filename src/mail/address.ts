// E-mail addresses as the rest of the code handles them: checked, normalised, and turned into the
// keyed hash that stands for an address wherever one must be found again (the queue, suppressions,
// subscribers) without keeping the address itself in the clear.
import { createHmac } from "node:crypto";
import { decryptField, encryptField } from "../lib/crypto.js";
import { zText } from "../lib/input.js";

/** RFC 5321's bound on a path (an address with its angle brackets). */
export const MAX_ADDRESS_LENGTH = 254;

/**
 * One address, local@domain, as a person types it into a form: no spaces, no angle brackets, a
 * dot in the domain. The reason key `email_format` says what is expected.
 */
export const zAddress = () =>
  zText({ message: "email_format" })
    .trim()
    .max(MAX_ADDRESS_LENGTH, "email_format")
    .regex(/^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/, "email_format");

/** Case is kept in the local part by the standard, but no real provider tells two apart by it. */
export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** The keyed hash of an address: base64url of HMAC-SHA-256 (43 characters). */
export function addressHash(key: Buffer, address: string): string {
  return createHmac("sha256", key).update(normaliseAddress(address)).digest("base64url");
}

/** An address sealed for storage, bound to the row (`owner`) that keeps it. */
export function sealAddress(key: Buffer, address: string, owner: string): Buffer {
  return encryptField(key, normaliseAddress(address), `address:${owner}`);
}

export function openAddress(key: Buffer, sealed: Uint8Array, owner: string): string {
  return decryptField(key, sealed, `address:${owner}`);
}
