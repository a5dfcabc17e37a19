// Managing accounts (administrators, and operators through the CLI): the rules an account must
// keep. Field workers and coordinators belong to sites (an outreach worker to exactly one), and
// the organisation never loses its last active administrator.
import type { Db } from "../db/connection.js";
import type { UserRole } from "../db/schema.js";
import { AppError } from "../lib/errors.js";
import { assertPasswordAllowed, generatePassword, hashPassword } from "./passwords.js";
import {
  findSitesByIds,
  findUserById,
  findUserByUsername,
  insertUser,
  lockActiveAdministrators,
  replaceUserSites,
  staffExists,
  type UserRow,
  updateUser,
  usernameTaken,
} from "./queries.js";
import { type Clock, normaliseUsername } from "./service.js";
import { endUserSessions } from "./sessions.js";

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

export async function createUser(db: Db, input: NewUser, now: Clock): Promise<UserRow> {
  const username = normaliseUsername(input.username);
  if (!USERNAME_PATTERN.test(username)) throw invalid("username", "username_format");
  if (await usernameTaken(db, username)) throw invalid("username", "username_taken");
  assertPasswordAllowed(input.password, username, "password");
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
): Promise<UserRow> {
  const before = await findUserById(db, id);
  if (!before) throw new AppError("not_found", { detail: "no such user" });
  if (changes.password !== undefined) {
    assertPasswordAllowed(changes.password, before.username, "password");
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
      ...(passwordHash !== undefined && {
        password_hash: passwordHash,
        password_changed_at: at,
        failed_logins: 0,
        failed_logins_since: null,
        locked_until: null,
      }),
    });
    if (siteIds) await replaceUserSites(trx, id, siteIds);
    if (changes.disabled === true || passwordHash !== undefined) await endUserSessions(trx, id);
  });
  return (await findUserById(db, id))!;
}

/**
 * Gives an account a new generated password (an operator's reset): ends its sessions and lifts
 * any lock-out. Answers the password, to be shown once.
 */
export async function resetPassword(db: Db, username: string, now: Clock): Promise<string> {
  const account = await findUserByUsername(db, normaliseUsername(username));
  if (!account) throw new AppError("not_found", { detail: `no user named ${username}` });
  const password = generatePassword(account.username);
  await updateUserAccount(db, account.id, { password }, now);
  return password;
}
