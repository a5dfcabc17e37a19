// Who may do what: the one place that decides. Every API route names its action in its route
// config (`config: { action }`); the auth plugin asks `can` before the handler runs, and services
// ask the scope functions below which sites and records a user may read or write. The rule of who
// sees which records ("Who sees what", below and in docs/security.md) is stated here once; the
// actions that give lists of clients follow from it.
import type { UserRole } from "../db/schema.js";

export const roles = [
  "administrator",
  "programme_officer",
  "site_coordinator",
  "outreach_worker",
  "supervisor",
  "editor",
  "finance",
] as const satisfies readonly UserRole[];

/** The signed-in user as the server knows them for one request. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  /** Sites linked to the user (their site, their sites, their area). */
  siteIds: readonly string[];
  staffId: string | null;
  locale: "vi" | "en";
}

/**
 * Who sees what — one rule per role, for every surface (sync pull and push answers, client details,
 * the dashboards' lists of records, data-quality lists, exports):
 *   - administrator, programme officer: every site; client-level records; client details (audited).
 *   - site coordinator: their sites; client-level records of those sites.
 *   - outreach worker: their site; only the clients they registered and those clients' records
 *     (contacts, referrals, distributions to them, group attendances of them); the site's group
 *     sessions (and distributions at them) and trainings — not its supervision visits.
 *   - supervisor (the provincial AIDS centre, a partner outside the programme): aggregate figures
 *     of their area only; no client-level record anywhere (of records, only site-level ones: group
 *     sessions, distributions not to a client, trainings, supervision visits).
 *   - editor (the NGO's communications staff): the public website's content and images only; no
 *     record, figure or site of the programme beyond what the public website shows.
 *   - finance (the NGO's finance officers): donations, the bank's lines and the fund ledger only;
 *     no record, figure or site of the programme beyond what the public website shows.
 * "Client-level" records are clients and the records about one client: contacts, referrals, group
 * attendances and distributions to a client (or at a contact). Any record is readable only when
 * every record it names is (canReadRecord), so a record about a client goes with its client.
 */
export type ClientSight = "sites" | "own" | "none";

const clientSight: Record<UserRole, ClientSight> = {
  administrator: "sites",
  programme_officer: "sites",
  site_coordinator: "sites",
  outreach_worker: "own",
  supervisor: "none",
  editor: "none",
  finance: "none",
};

/** Which clients a user sees at their readable sites: all of them, their own, or none. */
export function clientSightOf(user: SessionUser): ClientSight {
  return clientSight[user.role];
}

const rolesWhere = (test: (sight: ClientSight) => boolean) =>
  roles.filter((role) => test(clientSight[role]));

/** Actions a route can require. `public` needs no sign-in; `signed_in` needs any account. */
export const actions = [
  "public",
  "signed_in",
  "sync.push",
  "sync.pull",
  "reference.read",
  "team.read",
  "client_details.read",
  "clients.check_uic",
  "users.manage",
  "throttles.manage",
  "audit.read",
  "reports.export",
  "dashboard.read",
  "records.read",
  "targets.manage",
  "content.manage",
  "finance.manage",
  "newsletter.manage",
  "newsletter.subscribers",
] as const;
export type Action = (typeof actions)[number];

const allowed: Record<Exclude<Action, "public" | "signed_in">, readonly UserRole[]> = {
  "sync.push": ["administrator", "programme_officer", "site_coordinator", "outreach_worker"],
  "sync.pull": roles,
  "reference.read": roles,
  "team.read": ["administrator", "programme_officer", "site_coordinator", "supervisor"],
  /** A client's name and phone: whoever sees the client (the read is audited). */
  "client_details.read": rolesWhere((sight) => sight !== "none"),
  /**
   * Whether a UIC is already taken (or nearly) at a site, before registering a client there
   * (POST /api/people/uic-check): everyone who registers clients; the site is checked by the
   * service (canWriteAt).
   */
  "clients.check_uic": [
    "administrator",
    "programme_officer",
    "site_coordinator",
    "outreach_worker",
  ],
  "users.manage": ["administrator"],
  /** Seeing which accounts and addresses have failed sign-ins, and lifting their delays. */
  "throttles.manage": ["administrator"],
  /**
   * The audit log of administration (accounts, throttles lifted, targets, exports downloaded,
   * client details read): the people who answer for the programme and its data.
   */
  "audit.read": ["administrator", "programme_officer"],
  /** Reports and data files of their sites (src/exports/): everyone who reports, not field work. */
  "reports.export": ["administrator", "programme_officer", "site_coordinator", "supervisor"],
  /**
   * The monitoring dashboards of their sites (src/indicators/dashboard-routes.ts). Not outreach
   * workers: they see their own clients only, while a dashboard adds up everyone's work at the
   * site; their own work is in the staff app. Not editors: they run the public website only.
   */
  "dashboard.read": ["administrator", "programme_officer", "site_coordinator", "supervisor"],
  /**
   * The records behind a dashboard figure and the data-quality lists (dates, places, clients'
   * UICs): those who see every client of their sites. Not supervisors (no client-level record).
   */
  "records.read": rolesWhere((sight) => sight === "sites"),
  /** Targets are agreed with the donor for the project: set by those who answer for it. */
  "targets.manage": ["administrator", "programme_officer"],
  /**
   * The public website's pages, news, activities, partners, project narratives and images: the
   * NGO's communications staff (editors) and administrators.
   */
  "content.manage": ["administrator", "editor"],
  /**
   * Donations and the fund ledger (src/donations/, src/ledger/): matching bank lines by hand,
   * marking them not a donation, importing statements, fund balances and the accountant's exports.
   * Donors' names and e-mails are personal data: finance officers and administrators only.
   */
  "finance.manage": ["administrator", "finance"],
  /**
   * The newsletter's issues (compose, preview, test, send, progress) and the counts of
   * subscribers — never their addresses: the website's editors and administrators.
   */
  "newsletter.manage": ["administrator", "editor"],
  /** One subscriber's data, found by address, exported or erased on their request (audited). */
  "newsletter.subscribers": ["administrator"],
};

export function can(user: SessionUser | undefined, action: Action): boolean {
  if (action === "public") return true;
  if (!user) return false;
  if (action === "signed_in") return true;
  return allowed[action].includes(user.role);
}

/** Record types a device can create, in the order a batch should apply them (parents first). */
export const recordTypes = [
  "client",
  "contact",
  "group_session",
  "group_attendance",
  "referral",
  "commodity_distribution",
  "training",
  "training_participant",
  "supervision_visit",
] as const;
export type RecordType = (typeof recordTypes)[number];

/** Coordinators and above run trainings and supervision; outreach workers record field work. */
const writableTypes: Record<UserRole, readonly RecordType[]> = {
  administrator: recordTypes,
  programme_officer: recordTypes,
  site_coordinator: recordTypes,
  outreach_worker: [
    "client",
    "contact",
    "group_session",
    "group_attendance",
    "referral",
    "commodity_distribution",
  ],
  supervisor: [],
  editor: [],
  finance: [],
};

/** Sites whose records a user may read: every site (`"all"`) or a list. */
export function readableSites(user: SessionUser): "all" | readonly string[] {
  return user.role === "administrator" || user.role === "programme_officer" ? "all" : user.siteIds;
}

/** Sites where a user may write records of a type; empty when they may not write it at all. */
export function writableSites(user: SessionUser, type: RecordType): "all" | readonly string[] {
  if (!writableTypes[user.role].includes(type)) return [];
  return readableSites(user);
}

export function canWriteAt(user: SessionUser, type: RecordType, siteId: string | null): boolean {
  const sites = writableSites(user, type);
  if (sites === "all") return true;
  return siteId !== null && sites.includes(siteId);
}

/** A client as the rule needs it: where it was registered, and by whom. */
export interface ClientFacts {
  site_id: string;
  created_by: string | null;
}

const atReadableSite = (user: SessionUser, siteId: string | null) => {
  const sites = readableSites(user);
  return sites === "all" || (siteId !== null && sites.includes(siteId));
};

/** May this user read this client (and so learn its id)? Their sites; for a worker, their own. */
export function canReadClient(user: SessionUser, client: ClientFacts): boolean {
  const sight = clientSightOf(user);
  if (sight === "none" || !atReadableSite(user, client.site_id)) return false;
  return sight === "sites" || client.created_by === user.id;
}

/**
 * The sites whose every client (and their records) a user may see named — by UIC or id — in a list
 * (the dashboards' records behind a figure, the data-quality lists): `"all"`, some, or none (an
 * outreach worker sees only their own clients; a supervisor none).
 */
export function clientSitesOf(user: SessionUser): "all" | readonly string[] {
  return clientSightOf(user) === "sites" ? readableSites(user) : [];
}

/** What the rule needs of a synced record to say whether a user may read it. */
export interface RecordFacts {
  type: RecordType;
  site_id: string | null;
  /** Who recorded it (for a client: whether it is an outreach worker's own). */
  created_by: string | null;
  /** A training of no site: its project, readable to users with a site in it. */
  project_id?: string | null;
  /**
   * The synced records it names (a contact's client; an attendance's session and client; a
   * distribution's client, contact and session; a participant's training); `undefined` for one
   * the caller could not find, which is not readable.
   */
  names: readonly (RecordFacts | undefined)[];
}

/**
 * May this user read this synced record (see "Who sees what")? A record is readable when it is at
 * a site the user reads, is of a kind their role sees, and every record it names is readable too —
 * so a record about a client is read only with its client, and no answer names a record its
 * reader may not read. `projects`: the projects of the user's readable sites (`"all"` for those
 * who read every site), for trainings of no site.
 */
export function canReadRecord(
  user: SessionUser,
  record: RecordFacts,
  projects: "all" | readonly string[],
): boolean {
  if (!record.names.every((named) => named !== undefined && canReadRecord(user, named, projects)))
    return false;
  switch (record.type) {
    case "client":
      return record.site_id !== null && canReadClient(user, record as ClientFacts);
    case "training":
      if (record.site_id === null)
        return projects === "all" || projects.includes(record.project_id ?? "");
      return atReadableSite(user, record.site_id);
    case "training_participant":
      // As its training (which it names): a participant of a project-wide course has no site.
      return true;
    case "supervision_visit":
      return clientSightOf(user) !== "own" && atReadableSite(user, record.site_id);
    default:
      return atReadableSite(user, record.site_id);
  }
}

/**
 * An outreach worker may change only records they created; coordinators and above may change any
 * record at a site they can write to.
 */
export function canChangeRecordOf(user: SessionUser, createdBy: string | null): boolean {
  return user.role !== "outreach_worker" || createdBy === user.id;
}

/** An export (a report file) is its requester's; administrators see everyone's. */
export function seesEveryonesExports(user: SessionUser): boolean {
  return user.role === "administrator";
}

export function canSeeExportOf(user: SessionUser, requestedBy: string): boolean {
  return seesEveryonesExports(user) || requestedBy === user.id;
}
