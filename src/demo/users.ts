// The demo's accounts: one per role, linked to the demo's sites and staff, so that anyone can try
// the staff app as each kind of user. The passwords are published in the README and printed when
// the demo is loaded: they are for the demo only and must never guard real data.

import { createHash } from "node:crypto";
import { hashPassword } from "../auth/passwords.js";
import { insertUser, replaceUserSites } from "../auth/queries.js";
import type { Db } from "../db/connection.js";
import type { StaffRole, UserRole } from "../db/schema.js";
import { seededId } from "../lib/ids.js";
import type { DemoRows } from "./build.js";
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
  {
    username: "editor",
    password: "bien-tap-2011-demo",
    role: "editor",
    displayName: "Biên tập viên",
    site: null,
    staff: null,
    organisation: "scdi",
  },
  {
    username: "finance",
    password: "tai-chinh-2011-demo",
    role: "finance",
    displayName: "Cán bộ tài chính",
    site: null,
    staff: null,
    organisation: "scdi",
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
): Promise<{ count: number; userOfStaff: Map<string, string> }> {
  const userOfStaff = new Map<string, string>();
  if (await trx.selectFrom("users").select("id").limit(1).executeTakeFirst()) {
    return { count: 0, userOfStaff };
  }
  for (const account of demoAccounts) {
    const site = account.site ? await siteId(trx, account.site) : null;
    const staffId = site && account.staff ? await firstStaffAt(trx, site, account.staff) : null;
    const userId = await insertUser(trx, {
      id: demoUserId(account.username),
      username: account.username,
      display_name: account.displayName,
      password_hash: hashes.get(account.username)!,
      role: account.role,
      organisation_id: await organisationId(trx, account.organisation),
      staff_id: staffId,
      locale: "vi",
      password_changed_at: now,
      created_at: now,
    });
    await replaceUserSites(trx, userId, site ? [site] : []);
    if (staffId) userOfStaff.set(staffId, userId);
  }
  return { count: demoAccounts.length, userOfStaff };
}

/** The same id for a demo account in every load, so the demo's records are identical too. */
function demoUserId(username: string): string {
  const hash = createHash("sha256").update(`peerlink-demo-user:${username}`).digest();
  return seededId(new Date("2011-06-01T00:00:00Z"), hash.subarray(0, 16));
}

/**
 * The demo's records carry the staff member who did the work; an account linked to that staff
 * member becomes their author, as if they had recorded it in the app: the clients they met first,
 * and their contacts, referrals and hand-outs. So the demo outreach worker's app opens on their
 * own caseload. Done on the rows before they are written, so a load stays reproducible.
 */
export function attributeDemoWork(rows: DemoRows, userOfStaff: ReadonlyMap<string, string>): void {
  if (userOfStaff.size === 0) return;
  const firstStaff = new Map<string, string | null | undefined>();
  const byDate = [...rows.contacts].sort((a, b) =>
    String(a.contact_date).localeCompare(String(b.contact_date)),
  );
  for (const contact of byDate) {
    if (!firstStaff.has(contact.client_id)) firstStaff.set(contact.client_id, contact.staff_id);
  }
  const author = (staffId: string | null | undefined) =>
    (staffId ? userOfStaff.get(staffId) : undefined) ?? null;
  for (const client of rows.clients) client.created_by ??= author(firstStaff.get(client.id!));
  for (const contact of rows.contacts) contact.created_by ??= author(contact.staff_id);
  for (const referral of rows.referrals) referral.created_by ??= author(referral.referred_by);
  for (const hand of rows.commodity_distributions) hand.created_by ??= author(hand.staff_id);
}

/** The demo accounts as lines for a terminal: username, password, role and site. */
export function describeDemoAccounts(): string[] {
  const width = Math.max(...demoAccounts.map((a) => a.username.length));
  return demoAccounts.map(
    (a) =>
      `  ${a.username.padEnd(width)}  ${a.password.padEnd(20)}  ${a.role}${a.site ? ` (${a.site})` : ""}`,
  );
}
