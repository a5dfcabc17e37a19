import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decryptField, deriveKey, encryptField, readOrCreateSecret } from "./crypto.js";

describe("field encryption", () => {
  const key = deriveKey("a test secret that is long enough to use", "client-details");

  it("round-trips Vietnamese text and never stores it in clear", () => {
    const sealed = encryptField(key, "Nguyễn Thị Hoà", "clients:42:name");
    expect(sealed.toString("utf8")).not.toContain("Nguy");
    expect(decryptField(key, sealed, "clients:42:name")).toBe("Nguyễn Thị Hoà");
  });

  it("gives different ciphertexts for the same text", () => {
    expect(encryptField(key, "0912345678", "a").equals(encryptField(key, "0912345678", "a"))).toBe(
      false,
    );
  });

  it("refuses a wrong key, another record's ciphertext, and tampering", () => {
    const sealed = encryptField(key, "0912345678", "clients:1:phone");
    const other = deriveKey("another secret, also long enough to use", "client-details");
    expect(() => decryptField(other, sealed, "clients:1:phone")).toThrow();
    expect(() => decryptField(key, sealed, "clients:2:phone")).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => decryptField(key, tampered, "clients:1:phone")).toThrow();
  });

  it("derives a different key per purpose", () => {
    expect(
      deriveKey("s".repeat(40), "sessions").equals(deriveKey("s".repeat(40), "client-details")),
    ).toBe(false);
  });
});

describe("readOrCreateSecret", () => {
  it("creates a secret readable by the owner only, then reads the same one", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "peerlink-secret-"));
    const first = readOrCreateSecret(dir);
    expect(first.created).toBe(true);
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(path.join(dir, "secret.key")).mode & 0o777).toBe(0o600);
    expect(readOrCreateSecret(dir)).toEqual({ secret: first.secret, created: false });
  });
});
