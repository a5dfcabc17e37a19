// Passwords: argon2id hashes with OWASP's parameters (19 MiB, 2 passes, 1 lane), the rules a new
// password must meet, and strong generated passwords for the CLI. A rule that fails is an
// AppError naming the field and a reason key (`reason.password_*` in ./messages.ts).
import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { AppError } from "../lib/errors.js";

export const PASSWORD_MIN_LENGTH = 10;
/** Long enough for any pass-phrase; short enough that nobody makes the server hash a megabyte. */
export const PASSWORD_MAX_LENGTH = 200;

/** @node-rs/argon2's algorithm defaults to argon2id; the costs are pinned so hashes stay comparable. */
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a wrong password, never a way in.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password, for unknown or locked usernames, so the
 * answer's timing does not tell whether an account exists.
 */
export async function verifyDummyPassword(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(16).toString("base64url"));
  await verifyPassword(await dummyHash, password);
}

/**
 * Passwords of 10 characters or more that people still choose; shorter ones fail the length
 * rule. Compared after lower-casing. Vietnamese favourites included ("matkhau" = password,
 * "anhyeuem" = I love you).
 */
const commonPasswords = new Set([
  "0123456789",
  "1234567890",
  "12345678910",
  "123456789a",
  "a123456789",
  "1111111111",
  "0000000000",
  "1q2w3e4r5t",
  "1qaz2wsx3edc",
  "qwertyuiop",
  "qwerty1234",
  "qwerty12345",
  "qwerty123456",
  "asdfghjkl1",
  "abcd123456",
  "abc1234567",
  "abcdefghij",
  "password12",
  "password123",
  "password1234",
  "passw0rd123",
  "p@ssw0rd123",
  "iloveyou123",
  "administrator",
  "admin12345",
  "admin123456",
  "matkhau123",
  "matkhau1234",
  "matkhau12345",
  "anhyeuem123",
  "emyeuanh123",
  "vietnam123",
  "vietnam1234",
  "peerlink123",
  "peerlink2011",
]);

/** Why a password may not be used, as a reason key; undefined when it may. */
export function passwordProblem(password: string, username: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return "password_too_short";
  if (password.length > PASSWORD_MAX_LENGTH) return "password_too_long";
  const lower = password.toLowerCase();
  // The whole username, and its parts ("coordinator" in "coordinator.tg") when long enough to matter.
  const nameParts = [
    username,
    ...username.split(/[._-]/).filter((part) => part.length >= 4),
  ].filter((part) => part !== "");
  if (nameParts.some((part) => lower.includes(part.toLowerCase()))) {
    return "password_contains_username";
  }
  if (commonPasswords.has(lower) || new Set(lower).size <= 2) return "password_too_common";
  return undefined;
}

/** Throws invalid_parameter for `field` when the password may not be used. */
export function assertPasswordAllowed(password: string, username: string, field: string): void {
  const reason = passwordProblem(password, username);
  if (reason) throw new AppError("invalid_parameter", { parameter: field, reason });
}

/** 20 characters from 120 random bits, that the rules accept for this user: shown once. */
export function generatePassword(username: string): string {
  for (;;) {
    const password = randomBytes(15).toString("base64url");
    if (passwordProblem(password, username) === undefined) return password;
  }
}
