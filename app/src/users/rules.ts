// The rules an account must keep, as the users form checks them before asking the server
// (src/auth/users-service.ts, src/auth/passwords.ts decide; these only save a round trip, and
// rules.test.ts checks the constants against the server's). The server's refusal, in the
// user's language, is still what the form shows when it disagrees.
import type { UserRole } from "../../../src/db/schema.js";
import type { UserChangesBody } from "../sync/api.js";

/** The roles (src/auth/policy.ts), field work first: the order the form offers them in. */
export const roleList: readonly UserRole[] = [
  "outreach_worker",
  "site_coordinator",
  "supervisor",
  "programme_officer",
  "editor",
  "finance",
  "administrator",
];

/** The database's rule for usernames (migration 0002), after trimming and lower-casing. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,39}$/;
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
export const DISPLAY_NAME_MAX_LENGTH = 100;

/** How many sites a role needs: an outreach worker one, coordinators and supervisors at least one. */
export function sitesNeeded(role: UserRole): "one" | "some" | "none" {
  if (role === "outreach_worker") return "one";
  if (role === "site_coordinator" || role === "supervisor") return "some";
  return "none";
}

export type UserField = "username" | "display_name" | "role" | "site_ids" | "password";

/** Why a field is refused, as a message key suffix (`users.error.<reason>`). */
export type Reason =
  | "required"
  | "username_format"
  | "display_name_long"
  | "role_needs_site"
  | "outreach_worker_one_site"
  | "password_too_short"
  | "password_too_long"
  | "password_contains_username";

export interface UserDraft {
  username: string;
  displayName: string;
  role: UserRole | "";
  siteIds: readonly string[];
  /** Required when creating; on an edit, empty means "keep the current password". */
  password: string;
}

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** The password rules the form can check without the server's list of common passwords. */
export function passwordReason(password: string, username: string): Reason | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return "password_too_short";
  if (password.length > PASSWORD_MAX_LENGTH) return "password_too_long";
  const lower = password.toLowerCase();
  const name = normaliseUsername(username);
  const parts = [name, ...name.split(/[._-]/).filter((part) => part.length >= 4)].filter(Boolean);
  if (parts.some((part) => lower.includes(part))) return "password_contains_username";
  return undefined;
}

/** What is wrong with a draft, field by field; empty when the form may be sent. */
export function checkUser(
  draft: UserDraft,
  mode: "create" | "edit",
): Partial<Record<UserField, Reason>> {
  const problems: Partial<Record<UserField, Reason>> = {};
  const username = normaliseUsername(draft.username);
  if (mode === "create") {
    if (!username) problems.username = "required";
    else if (!USERNAME_PATTERN.test(username)) problems.username = "username_format";
  }
  const displayName = draft.displayName.trim();
  if (!displayName) problems.display_name = "required";
  else if (displayName.length > DISPLAY_NAME_MAX_LENGTH)
    problems.display_name = "display_name_long";
  if (!draft.role) problems.role = "required";
  else {
    const needed = sitesNeeded(draft.role);
    const count = new Set(draft.siteIds).size;
    if (needed === "one" && count !== 1) problems.site_ids = "outreach_worker_one_site";
    if (needed === "some" && count === 0) problems.site_ids = "role_needs_site";
  }
  if (mode === "create" && !draft.password) problems.password = "required";
  else if (draft.password) {
    const reason = passwordReason(draft.password, username);
    if (reason) problems.password = reason;
  }
  return problems;
}

/** The field a server refusal names (`site_ids.0` is the sites), or undefined for the form. */
export function fieldOf(parameter: string | undefined): string | undefined {
  return parameter ? parameter.split(".")[0] : undefined;
}

const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/**
 * A strong password to hand to the person: 16 characters from 56 (about 93 bits), without the
 * look-alikes 0/O, 1/l/I, in groups of four for reading aloud; the rules above accept it.
 */
export function generatePassword(
  username: string,
  random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes),
): string {
  for (;;) {
    const chars: string[] = [];
    while (chars.length < 16) {
      for (const byte of random(new Uint8Array(32))) {
        // Rejection sampling: 224 is the largest multiple of 56 below 256, so no letter is likelier.
        if (byte < 224 && chars.length < 16) chars.push(alphabet[byte % alphabet.length]!);
      }
    }
    const password = [0, 4, 8, 12].map((at) => chars.slice(at, at + 4).join("")).join("-");
    if (passwordReason(password, username) === undefined) return password;
  }
}

/** Only what changed, as PATCH /api/users/:id takes it; role and sites go together. */
export function changesOf(
  before: {
    display_name: string;
    role: UserRole;
    site_ids: readonly string[];
    staff_id: string | null;
    locale: "vi" | "en";
  },
  after: {
    displayName: string;
    role: UserRole;
    siteIds: readonly string[];
    staffId: string;
    locale: "vi" | "en";
    password: string;
  },
): UserChangesBody {
  const changes: UserChangesBody = {};
  if (after.displayName.trim() !== before.display_name) {
    changes.display_name = after.displayName.trim();
  }
  const sameSites =
    after.siteIds.length === before.site_ids.length &&
    after.siteIds.every((id) => before.site_ids.includes(id));
  if (after.role !== before.role || !sameSites) {
    changes.role = after.role;
    changes.site_ids = [...after.siteIds];
  }
  if ((after.staffId || null) !== before.staff_id) changes.staff_id = after.staffId || null;
  if (after.locale !== before.locale) changes.locale = after.locale;
  if (after.password) changes.password = after.password;
  return changes;
}
