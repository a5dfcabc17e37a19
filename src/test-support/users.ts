// Accounts for tests of services: a user row (its password is never used here) and the
// SessionUser the policy sees for it.
import type { SessionUser } from "../auth/policy.js";
import type { Db } from "../db/connection.js";
import type { UserRole } from "../db/schema.js";

let counter = 0;

export async function insertUser(
  db: Db,
  role: UserRole,
  options: { siteIds?: string[]; staffId?: string | null } = {},
): Promise<SessionUser> {
  counter += 1;
  const username = `${role.replace("_", "-")}-${counter}`;
  const row = await db
    .insertInto("users")
    .values({
      username,
      display_name: username,
      password_hash: "not-a-real-hash",
      role,
      organisation_id: null,
      staff_id: options.staffId ?? null,
      disabled_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const siteIds = options.siteIds ?? [];
  if (siteIds.length) {
    await db
      .insertInto("user_sites")
      .values(siteIds.map((site_id) => ({ user_id: row.id, site_id })))
      .execute();
  }
  return {
    id: row.id,
    username,
    displayName: username,
    role,
    siteIds,
    staffId: options.staffId ?? null,
    locale: "vi",
  };
}
