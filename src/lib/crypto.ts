// The instance secret and field encryption. Identifying details of clients (name, phone) are
// stored only as AES-256-GCM ciphertext; the key is derived from PEERLINK_SECRET with HKDF, one
// key per purpose, so the same secret can also sign sessions without reusing a key.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Reads DATA_DIR/secret.key when it exists (a command that must not make a new one). */
export function readSecret(dataDir: string): string | undefined {
  const file = path.join(dataDir, "secret.key");
  return existsSync(file) ? readFileSync(file, "utf8").trim() : undefined;
}

/** Reads DATA_DIR/secret.key, or creates it (256 random bits, readable by the owner only). */
export function readOrCreateSecret(dataDir: string): { secret: string; created: boolean } {
  const file = path.join(dataDir, "secret.key");
  const stored = readSecret(dataDir);
  if (stored !== undefined) return { secret: stored, created: false };
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  return { secret, created: true };
}

export type KeyPurpose =
  | "client-details"
  | "sessions"
  | "sign-in"
  /** Keyed hashes of e-mail addresses (src/mail/address.ts): find one without storing it. */
  | "address-hash"
  /** E-mail addresses at rest: the mail queue's recipients, newsletter subscribers. */
  | "address-encryption"
  /** Signed links of the newsletter: confirmation, preferences, unsubscribe. */
  | "newsletter-links"
  /** Donors' names and e-mails at rest (src/donations/). */
  | "donor-details"
  /** Signed links of donations: a receipt's PDF, a donor's yearly statement (src/donations/). */
  | "donation-links";

export function deriveKey(secret: string, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "peerlink", `peerlink:${purpose}:v1`, 32));
}

const VERSION = 1;

/** version (1 byte) ‖ IV (12) ‖ tag (16) ‖ ciphertext. The associated data binds it to its record. */
export function encryptField(key: Buffer, plaintext: string, associatedData: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(associatedData));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

/** Throws when the key is wrong or the ciphertext or its associated data was tampered with. */
export function decryptField(key: Buffer, sealed: Uint8Array, associatedData: string): string {
  const data = Buffer.from(sealed);
  if (data[0] !== VERSION || data.length < 29) throw new Error("unknown ciphertext format");
  const decipher = createDecipheriv("aes-256-gcm", key, data.subarray(1, 13));
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(data.subarray(13, 29));
  return Buffer.concat([decipher.update(data.subarray(29)), decipher.final()]).toString("utf8");
}
