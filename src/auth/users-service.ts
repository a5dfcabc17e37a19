// Managing accounts (administrators, and operators through the CLI): the rules an account must
// keep. Field workers and coordinators belong to sites (an outreach worker to exactly one), and
// the organisation never loses its last active administrator. Every change is written to the
// audit log in the transaction that makes it.
import { type Actor, type AuditDetails, commandLineActor, recordEvent } from "../audit/service.js";
import type { Db } from "../db/connection.js";
import type { UserRole } from "../db/schema.js";
import { AppError } from "../lib/errors.js";
import { assertPasswordAllowed, generatePassword, hashPassword } from "./passwords.js";
import {
  findDisplayNames,
  findSitesByIds,
  findUserById,
  findUserByUsername,
  insertUser,
  listPasswordContextNames,
  lockActiveAdministrators,
  replaceUserSites,
  staffExists,
  type UserRow,
  updateUser,
  usernameTaken,
} from "./queries.js";
import { type Clock, normaliseUsername } from "./service.js";
import { endUserSessions } from "./sessions.js";
import { deleteUserThrottles } from "./throttle-queries.js";

export { listUsers } from "./queries.js";
export type { UserRow };

/** The database's own rule for usernames (migration 0002). */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,39}$/;

const rolesWithSites: readonly UserRole[] = ["site_coordinator", "outreach_worker", "supervisor"];

const invalid = (parameter: string, reason: string) =>
  new AppError("invalid_parameter", { parameter, reason });

async function assertSitesFit(db: Db, role: UserRole, siteIds: readonly string[]) {
  const unique = [...new Set(siteIds)];
  if ((await findSitesByIds(db, unique)).length !== unique.length) {
    throw invalid("site_ids", "site_not_found");
  }
  if (rolesWithSites.includes(role) && unique.length === 0) {
    throw invalid("site_ids", "role_needs_site");
  }
  if (role === "outreach_worker" && unique.length !== 1) {
    throw invalid("site_ids", "outreach_worker_one_site");
  }
  return unique;
}

async function assertStaffExists(db: Db, staffId: string | null | undefined) {
  if (staffId && !(await staffExists(db, staffId))) throw invalid("staff_id", "staff_not_found");
}

export interface NewUser {
  username: string;
  displayName: string;
  role: UserRole;
  password: string;
  siteIds: readonly string[];
  staffId?: string | null | undefined;
  locale?: "vi" | "en" | undefined;
}

/** What a password is checked against besides the lists: the person and the organisation. */
async function passwordContext(db: Db, username: string, displayName: string) {
  return { username, personName: displayName, context: await listPasswordContextNames(db) };
}

export async function createUser(
  db: Db,
  input: NewUser,
  now: Clock,
  actor: Actor,
): Promise<UserRow> {
  const username = normaliseUsername(input.username);
  if (!USERNAME_PATTERN.test(username)) throw invalid("username", "username_format");
  if (await usernameTaken(db, username)) throw invalid("username", "username_taken");
  assertPasswordAllowed(
    input.password,
    await passwordContext(db, username, input.displayName),
    "password",
  );
  const siteIds = await assertSitesFit(db, input.role, input.siteIds);
  await assertStaffExists(db, input.staffId);
  const passwordHash = await hashPassword(input.password);
  const at = now();
  const id = await db.transaction().execute(async (trx) => {
    const userId = await insertUser(trx, {
      username,
      display_name: input.displayName.trim(),
      password_hash: passwordHash,
      role: input.role,
      staff_id: input.staffId ?? null,
      locale: input.locale ?? "vi",
      password_changed_at: at,
      created_at: at,
    });
    await replaceUserSites(trx, userId, siteIds);
    await recordEvent(
      trx,
      actor,
      {
        action: "user.created",
        target: { type: "user", id: userId },
        details: { role: input.role, site_ids: [...siteIds].sort() },
      },
      at,
    );
    return userId;
  });
  return (await findUserById(db, id))!;
}

export interface UserChanges {
  displayName?: string | undefined;
  role?: UserRole | undefined;
  siteIds?: readonly string[] | undefined;
  staffId?: string | null | undefined;
  locale?: "vi" | "en" | undefined;
  disabled?: boolean | undefined;
  password?: string | undefined;
}

/**
 * Changes an account. A new password or disabling it ends the account's sessions; a changed role
 * or sites applies from the next request (sessions read the account on every request).
 */
export async function updateUserAccount(
  db: Db,
  id: string,
  changes: UserChanges,
  now: Clock,
  actor: Actor,
): Promise<UserRow> {
  const before = await findUserById(db, id);
  if (!before) throw new AppError("not_found", { detail: "no such user" });
  if (changes.password !== undefined) {
    const displayName = changes.displayName ?? before.display_name;
    assertPasswordAllowed(
      changes.password,
      await passwordContext(db, before.username, displayName),
      "password",
    );
  }
  // Hash before the transaction: it takes a while and PGlite has a single connection.
  const passwordHash =
    changes.password === undefined ? undefined : await hashPassword(changes.password);
  const at = now();
  await db.transaction().execute(async (trx) => {
    const current = await findUserById(trx, id);
    if (!current) throw new AppError("not_found", { detail: "no such user" });
    const role = changes.role ?? current.role;
    const siteIds =
      changes.role !== undefined || changes.siteIds !== undefined
        ? await assertSitesFit(trx, role, changes.siteIds ?? current.site_ids)
        : undefined;
    await assertStaffExists(trx, changes.staffId);

    const activeAdministrator = current.role === "administrator" && current.disabled_at === null;
    const demoted = role !== "administrator";
    if (activeAdministrator && (demoted || changes.disabled === true)) {
      const others = (await lockActiveAdministrators(trx)).filter((admin) => admin !== id);
      if (others.length === 0) {
        throw invalid(changes.disabled === true ? "disabled" : "role", "last_administrator");
      }
    }

    await updateUser(trx, id, {
      ...(changes.displayName !== undefined && { display_name: changes.displayName.trim() }),
      ...(changes.role !== undefined && { role: changes.role }),
      ...(changes.staffId !== undefined && { staff_id: changes.staffId }),
      ...(changes.locale !== undefined && { locale: changes.locale }),
      ...(changes.disabled !== undefined && {
        disabled_at: changes.disabled ? (current.disabled_at ?? at) : null,
      }),
      ...(passwordHash !== undefined && { password_hash: passwordHash, password_changed_at: at }),
    });
    if (siteIds) await replaceUserSites(trx, id, siteIds);
    if (changes.disabled === true || passwordHash !== undefined) await endUserSessions(trx, id);
    // A new password lifts the account's sign-in delays: the person is let back in.
    if (passwordHash !== undefined) await deleteUserThrottles(trx, id);
    for (const event of accountEvents(
      current,
      { ...changes, siteIds },
      passwordHash !== undefined,
    )) {
      await recordEvent(trx, actor, { ...event, target: { type: "user", id } }, at);
    }
  });
  return (await findUserById(db, id))!;
}

type AccountAction =
  | "user.role_changed"
  | "user.sites_changed"
  | "user.profile_changed"
  | "user.disabled"
  | "user.enabled"
  | "user.password_reset";
type AccountEvent = {
  [A in AccountAction]: { action: A; details: AuditDetails[A] };
}[AccountAction];

/** The audit events of a change to an account: one per kind of change that really happened. */
function accountEvents(
  current: UserRow,
  changes: UserChanges,
  passwordChanged: boolean,
): AccountEvent[] {
  const events: AccountEvent[] = [];
  if (changes.role !== undefined && changes.role !== current.role) {
    events.push({ action: "user.role_changed", details: { from: current.role, to: changes.role } });
  }
  const from = [...current.site_ids].sort();
  const to = changes.siteIds ? [...changes.siteIds].sort() : from;
  if (to.join() !== from.join()) {
    events.push({ action: "user.sites_changed", details: { from, to } });
  }
  const fields = [
    changes.displayName !== undefined &&
      changes.displayName.trim() !== current.display_name &&
      ("display_name" as const),
    changes.staffId !== undefined && changes.staffId !== current.staff_id && ("staff_id" as const),
    changes.locale !== undefined && changes.locale !== current.locale && ("locale" as const),
  ].filter((field) => field !== false);
  if (fields.length) events.push({ action: "user.profile_changed", details: { fields } });
  if (changes.disabled === true && current.disabled_at === null) {
    events.push({ action: "user.disabled", details: {} });
  }
  if (changes.disabled === false && current.disabled_at !== null) {
    events.push({ action: "user.enabled", details: {} });
  }
  if (passwordChanged) events.push({ action: "user.password_reset", details: {} });
  return events;
}

/**
 * Gives an account a new generated password (the operator's reset, at the command line): ends its
 * sessions and lifts its sign-in delays. Answers the password, to be shown once.
 */
export async function resetPassword(db: Db, username: string, now: Clock): Promise<string> {
  const account = await findUserByUsername(db, normaliseUsername(username));
  if (!account) throw new AppError("not_found", { detail: `no user named ${username}` });
  const password = generatePassword(account.username);
  await updateUserAccount(db, account.id, { password }, now, commandLineActor);
  return password;
}

/** Accounts' display names by id (who saved a page, say); unknown ids are left out. */
export async function displayNamesOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await findDisplayNames(db, [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, row.display_name]));
}
