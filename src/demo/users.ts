// The demo's accounts: one per role, linked to the demo's sites and staff, so that anyone can try
// the staff app as each kind of user. The passwords are published in the README and printed when
// the demo is loaded: they are for the demo only and must never guard real data.

import { sql } from "kysely";
import { hashPassword } from "../auth/passwords.js";
import { insertUser, replaceUserSites } from "../auth/queries.js";
import type { Db } from "../db/connection.js";
import type { StaffRole, UserRole } from "../db/schema.js";
import type { SiteCode } from "./plan.js";

export interface DemoAccount {
  username: string;
  password: string;
  role: UserRole;
  displayName: string;
  site: SiteCode | null;
  /** The demo staff member the account belongs to: the first one in this role at its site. */
  staff: StaffRole | null;
  organisation: "scdi" | "dien-bien-pac";
}

export const demoAccounts: readonly DemoAccount[] = [
  {
    username: "admin",
    password: "quan-tri-2011-demo",
    role: "administrator",
    displayName: "Quản trị hệ thống",
    site: null,
    staff: null,
    organisation: "scdi",
  },
  {
    username: "officer",
    password: "can-bo-2011-demo",
    role: "programme_officer",
    displayName: "Cán bộ chương trình",
    site: null,
    staff: null,
    organisation: "scdi",
  },
  {
    username: "coordinator.tg",
    password: "dieu-phoi-2011-demo",
    role: "site_coordinator",
    displayName: "ĐPV H. Tuần Giáo",
    site: "TG",
    staff: "coordinator",
    organisation: "scdi",
  },
  {
    username: "worker.tg",
    password: "tiep-can-2011-demo",
    role: "outreach_worker",
    displayName: "TCV H. Tuần Giáo 1",
    site: "TG",
    staff: "outreach_worker",
    organisation: "scdi",
  },
  {
    username: "supervisor.db",
    password: "giam-sat-2011-demo",
    role: "supervisor",
    displayName: "Giám sát viên H. Điện Biên",
    site: "DB",
    staff: null,
    organisation: "dien-bien-pac",
  },
];

/** Password hashes by username. */
export type DemoPasswordHashes = ReadonlyMap<string, string>;

let hashed: Promise<DemoPasswordHashes> | undefined;

/**
 * Hashes the demo passwords (about half a second), once per process: call it before opening the
 * demo's transaction, which then stays short.
 */
export function hashDemoPasswords(): Promise<DemoPasswordHashes> {
  hashed ??= Promise.all(
    demoAccounts.map(async (account) => [account.username, await hashPassword(account.password)]),
  ).then((entries) => new Map(entries as [string, string][]));
  return hashed;
}

async function siteId(db: Db, code: SiteCode): Promise<string> {
  const row = await db.selectFrom("sites").select("id").where("code", "=", code).executeTakeFirst();
  if (!row) throw new Error(`the demo has no site ${code}`);
  return row.id;
}

async function organisationId(db: Db, slug: string): Promise<string> {
  const row = await db
    .selectFrom("organisations")
    .select("id")
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!row) throw new Error(`the demo has no organisation ${slug}`);
  return row.id;
}

async function firstStaffAt(db: Db, siteId: string, role: StaffRole): Promise<string> {
  const row = await db
    .selectFrom("staff as st")
    .innerJoin("staff_sites as ss", "ss.staff_id", "st.id")
    .select("st.id")
    .where("ss.site_id", "=", siteId)
    .where("st.role", "=", role)
    .where("st.ends_on", "is", null)
    .orderBy("st.display_name")
    .limit(1)
    .executeTakeFirst();
  if (!row) throw new Error(`the demo has no ${role} at site ${siteId}`);
  return row.id;
}

/**
 * Adds the demo accounts to the demo just loaded (inside its transaction: pass `trx`), and
 * answers how many. A database that already has accounts gets none: someone set it up for real,
 * and published passwords must not open it.
 */
export async function insertDemoUsers(
  trx: Db,
  hashes: DemoPasswordHashes,
  now: Date,
): Promise<number> {
  if (await trx.selectFrom("users").select("id").limit(1).executeTakeFirst()) return 0;
  for (const account of demoAccounts) {
    const site = account.site ? await siteId(trx, account.site) : null;
    const userId = await insertUser(trx, {
      username: account.username,
      display_name: account.displayName,
      password_hash: hashes.get(account.username)!,
      role: account.role,
      organisation_id: await organisationId(trx, account.organisation),
      staff_id: site && account.staff ? await firstStaffAt(trx, site, account.staff) : null,
      locale: "vi",
      password_changed_at: now,
      created_at: now,
    });
    await replaceUserSites(trx, userId, site ? [site] : []);
    const staffId = site && account.staff ? await firstStaffAt(trx, site, account.staff) : null;
    if (staffId) await attributeWorkTo(trx, userId, staffId);
  }
  return demoAccounts.length;
}

/**
 * The demo's records carry the staff member who did the work; an account linked to that staff
 * member becomes their author, as if they had recorded it in the app: the clients they met first,
 * and their contacts, referrals and hand-outs. So the demo outreach worker's app opens on their
 * own caseload.
 */
async function attributeWorkTo(trx: Db, userId: string, staffId: string): Promise<void> {
  await sql`
    update clients c set created_by = ${userId}
     where c.created_by is null
       and (select ct.staff_id from contacts ct where ct.client_id = c.id
             order by ct.contact_date, ct.created_at limit 1) = ${staffId}`.execute(trx);
  await sql`update contacts set created_by = ${userId} where staff_id = ${staffId} and created_by is null`.execute(
    trx,
  );
  await sql`update referrals set created_by = ${userId} where referred_by = ${staffId} and created_by is null`.execute(
    trx,
  );
  await sql`update commodity_distributions set created_by = ${userId} where staff_id = ${staffId} and created_by is null`.execute(
    trx,
  );
}

/** The demo accounts as lines for a terminal: username, password, role and site. */
export function describeDemoAccounts(): string[] {
  const width = Math.max(...demoAccounts.map((a) => a.username.length));
  return demoAccounts.map(
    (a) =>
      `  ${a.username.padEnd(width)}  ${a.password.padEnd(20)}  ${a.role}${a.site ? ` (${a.site})` : ""}`,
  );
}
