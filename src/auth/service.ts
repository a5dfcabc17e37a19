// Signing in and out, and changing one's own password. No HTTP here: callers pass the database,
// the client's address and a clock, and get results or AppErrors.
import type { Db } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import {
  assertPasswordAllowed,
  hashPassword,
  verifyDummyPassword,
  verifyPassword,
} from "./passwords.js";
import type { SessionUser } from "./policy.js";
import {
  clearAccountFailures,
  deleteStaleThrottles,
  findUserById,
  findUserByUsername,
  updateUser,
} from "./queries.js";
import { createSession, endUserSessions, resolveSession } from "./sessions.js";
import {
  ACCOUNT_FAILURE_LIMIT,
  ADDRESS_FAILURE_LIMIT,
  addressKey,
  assertKeyNotLocked,
  assertNotLocked,
  countAccountFailure,
  countKeyFailure,
  tooManyAttempts,
  unknownNameKey,
} from "./throttle.js";

export type Clock = () => Date;

/** Usernames are stored lower-case (the database's check); people type them any way. */
export function normaliseUsername(username: string): string {
  return username.trim().normalize("NFC").toLowerCase();
}

export interface LogInInput {
  username: string;
  password: string;
  /** The client's IP address, for the per-address limit. */
  address: string;
}

export interface LoggedIn {
  user: SessionUser;
  token: string;
  csrfToken: string;
}

const wrongCredentials = () =>
  new AppError("invalid_credentials", { detail: "wrong username or password" });

/**
 * Checks a username and password and opens a session. A wrong password, an unknown username and
 * a disabled account all answer the same error after the same work (one argon2 verification).
 */
export async function logIn(db: Db, input: LogInInput, now: Clock): Promise<LoggedIn> {
  const at = now();
  const address = addressKey(input.address);
  await assertKeyNotLocked(db, address, at);
  const username = normaliseUsername(input.username);
  const account = await findUserByUsername(db, username);

  const fail = async (lockedUntil: Date | undefined): Promise<never> => {
    const addressLock = await countKeyFailure(db, address, ADDRESS_FAILURE_LIMIT, at);
    const until = lockedUntil ?? addressLock;
    throw until ? tooManyAttempts(until, at) : wrongCredentials();
  };

  if (!account) {
    const nameKey = unknownNameKey(username);
    await assertKeyNotLocked(db, nameKey, at);
    await verifyDummyPassword(input.password);
    return fail(await countKeyFailure(db, nameKey, ACCOUNT_FAILURE_LIMIT, at));
  }
  assertNotLocked(account.locked_until, at);
  const matches = await verifyPassword(account.password_hash, input.password);
  if (!matches || account.disabled_at !== null) {
    return fail(await countAccountFailure(db, account.id, at));
  }

  // The address's count is not reset: one valid account must not buy unlimited guesses at others.
  if (account.failed_logins > 0 || account.locked_until) await clearAccountFailures(db, account.id);
  await deleteStaleThrottles(db, new Date(at.getTime() - 24 * 60 * 60_000));
  const session = await createSession(db, account.id, at);
  const resolved = await resolveSession(db, session.token, at);
  if (!resolved) throw new AppError("internal", { detail: "a new session could not be read" });
  return { user: resolved.user, token: session.token, csrfToken: session.csrfToken };
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/**
 * Changes the signed-in user's password after checking the current one, and ends their other
 * sessions (a phone left somewhere is signed out). Wrong current passwords count towards the
 * account's lock-out, so a borrowed session cannot be used to guess it.
 */
export async function changePassword(
  db: Db,
  user: SessionUser,
  sessionTokenHash: string,
  input: ChangePasswordInput,
  now: Clock,
): Promise<void> {
  const at = now();
  const account = await findUserById(db, user.id);
  if (!account) throw new AppError("unauthenticated");
  assertNotLocked(account.locked_until, at);
  if (!(await verifyPassword(account.password_hash, input.currentPassword))) {
    const lockedUntil = await countAccountFailure(db, account.id, at);
    if (lockedUntil) throw tooManyAttempts(lockedUntil, at);
    throw new AppError("invalid_parameter", {
      parameter: "current_password",
      reason: "wrong_password",
    });
  }
  assertPasswordAllowed(input.newPassword, account.username, "new_password");
  if (input.newPassword === input.currentPassword) {
    throw new AppError("invalid_parameter", {
      parameter: "new_password",
      reason: "password_unchanged",
    });
  }
  await updateUser(db, account.id, {
    password_hash: await hashPassword(input.newPassword),
    password_changed_at: at,
    failed_logins: 0,
    failed_logins_since: null,
  });
  await endUserSessions(db, account.id, sessionTokenHash);
}
