// Signing in and out, and changing one's own password. No HTTP here: callers pass the database,
// the client's address and a clock, and get results or AppErrors.
import { type Actor, recordEvent } from "../audit/service.js";
import type { Db } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { deviceCookieAfterSignIn, trustedDeviceId } from "./devices.js";
import {
  assertPasswordAllowed,
  hashPassword,
  verifyDummyPassword,
  verifyPassword,
} from "./passwords.js";
import type { SessionUser } from "./policy.js";
import {
  findUserById,
  findUserByUsername,
  listPasswordContextNames,
  updateUser,
} from "./queries.js";
import { createSession, endUserSessions, resolveSession } from "./sessions.js";
import {
  addressKey,
  assertNotThrottled,
  countFailure,
  forgetStaleThrottles,
  type ThrottleKey,
  tooManyAttempts,
  unknownNameKey,
} from "./throttle.js";
import { deleteThrottles } from "./throttle-queries.js";

export type Clock = () => Date;

/** Usernames are stored lower-case (the database's check); people type them any way. */
export function normaliseUsername(username: string): string {
  return username.trim().normalize("NFC").toLowerCase();
}

export interface LogInInput {
  username: string;
  password: string;
  /** The client's IP address, for the per-address count. */
  address: string;
  /** The device cookie the request carried (devices.ts), if any. */
  deviceCookie?: string | undefined;
}

export interface LoggedIn {
  user: SessionUser;
  token: string;
  csrfToken: string;
  /** The device cookie to set: it now names this account too. */
  deviceCookie: string;
}

/** The instance's key for device cookies and hashes of unknown usernames. */
export type SignInKey = Buffer;

/**
 * The counts an attempt at an account answers to: its device's alone when the device's cookie
 * names the account, else the account's (or the unknown name's) and the client address's.
 */
function throttleKeys(
  account: { id: string } | undefined,
  username: string,
  input: LogInInput,
  key: SignInKey,
  at: Date,
): ThrottleKey[] {
  const deviceId = account && trustedDeviceId(input.deviceCookie, account.id, key, at);
  if (account && deviceId) return [{ kind: "device", key: deviceId, userId: account.id }];
  return [
    account
      ? { kind: "account", key: account.id, userId: account.id }
      : { kind: "unknown_name", key: unknownNameKey(username, key), userId: null },
    { kind: "address", key: addressKey(input.address), userId: null },
  ];
}

const wrongCredentials = () =>
  new AppError("invalid_credentials", { detail: "wrong username or password" });

/**
 * Checks a username and password and opens a session. A wrong password, an unknown username and
 * a disabled account all answer the same error after the same work (one argon2 verification),
 * and are counted and delayed alike (throttle.ts).
 */
export async function logIn(
  db: Db,
  input: LogInInput,
  now: Clock,
  key: SignInKey,
): Promise<LoggedIn> {
  const at = now();
  const username = normaliseUsername(input.username);
  const account = await findUserByUsername(db, username);
  const keys = throttleKeys(account, username, input, key, at);
  await assertNotThrottled(db, keys, at);

  if (!account) await verifyDummyPassword(input.password);
  const matches = account && (await verifyPassword(account.password_hash, input.password));
  if (!account || !matches || account.disabled_at !== null) {
    const until = await countFailure(db, keys, at);
    throw until ? tooManyAttempts(until, at) : wrongCredentials();
  }

  // The address's count stays: one valid account must not buy unlimited guesses at others.
  await deleteThrottles(
    db,
    keys.filter((k) => k.kind !== "address"),
  );
  await forgetStaleThrottles(db, at);
  const session = await createSession(db, account.id, at);
  const resolved = await resolveSession(db, session.token, at);
  if (!resolved) throw new AppError("internal", { detail: "a new session could not be read" });
  return {
    user: resolved.user,
    token: session.token,
    csrfToken: session.csrfToken,
    deviceCookie: deviceCookieAfterSignIn(input.deviceCookie, account.id, key, at),
  };
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/**
 * Changes the signed-in user's password after checking the current one, and ends their other
 * sessions (a phone left somewhere is signed out). Wrong current passwords are counted and
 * delayed like failed sign-ins from the same device, so a borrowed session cannot be used to
 * guess it quickly.
 */
export async function changePassword(
  db: Db,
  user: SessionUser,
  sessionTokenHash: string,
  input: ChangePasswordInput,
  context: { now: Clock; key: SignInKey; actor: Actor; deviceCookie?: string | undefined },
): Promise<void> {
  const at = context.now();
  const account = await findUserById(db, user.id);
  if (!account) throw new AppError("unauthenticated");
  const deviceId = trustedDeviceId(context.deviceCookie, account.id, context.key, at);
  const keys: ThrottleKey[] = [
    deviceId
      ? { kind: "device", key: deviceId, userId: account.id }
      : { kind: "account", key: account.id, userId: account.id },
  ];
  await assertNotThrottled(db, keys, at);
  if (!(await verifyPassword(account.password_hash, input.currentPassword))) {
    const until = await countFailure(db, keys, at);
    if (until) throw tooManyAttempts(until, at);
    throw new AppError("invalid_parameter", {
      parameter: "current_password",
      reason: "wrong_password",
    });
  }
  assertPasswordAllowed(
    input.newPassword,
    {
      username: account.username,
      personName: account.display_name,
      context: await listPasswordContextNames(db),
    },
    "new_password",
  );
  if (input.newPassword === input.currentPassword) {
    throw new AppError("invalid_parameter", {
      parameter: "new_password",
      reason: "password_unchanged",
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, account.id, { password_hash: passwordHash, password_changed_at: at });
    await deleteThrottles(trx, keys);
    await endUserSessions(trx, account.id, sessionTokenHash);
    await recordEvent(
      trx,
      context.actor,
      { action: "user.password_changed", target: { type: "user", id: account.id }, details: {} },
      at,
    );
  });
}
