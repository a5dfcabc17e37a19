// Who may do what: the one place that decides. Every API route names its action in its route
// config (`config: { action }`); the auth plugin asks `can` before the handler runs, and services
// ask the scope functions below which sites and records a user may read or write.
import type { UserRole } from "../db/schema.js";

export const roles = [
  "administrator",
  "programme_officer",
  "site_coordinator",
  "outreach_worker",
  "supervisor",
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
  "audit.read",
  "reports.export",
  "dashboard.read",
  "records.read",
  "targets.manage",
] as const;
export type Action = (typeof actions)[number];

const allowed: Record<Exclude<Action, "public" | "signed_in">, readonly UserRole[]> = {
  "sync.push": ["administrator", "programme_officer", "site_coordinator", "outreach_worker"],
  "sync.pull": roles,
  "reference.read": roles,
  "team.read": ["administrator", "programme_officer", "site_coordinator", "supervisor"],
  "client_details.read": [
    "administrator",
    "programme_officer",
    "site_coordinator",
    "outreach_worker",
  ],
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
  /** Who read which client's details, and why: the people who answer for the programme's data. */
  "audit.read": ["administrator", "programme_officer"],
  /** Reports and data files of their sites (src/exports/): everyone who reports, not field work. */
  "reports.export": ["administrator", "programme_officer", "site_coordinator", "supervisor"],
  /**
   * The monitoring dashboards of their sites (src/indicators/dashboard-routes.ts). Not outreach
   * workers: their scope is their own clients (seesOnlyOwnClients), while a dashboard adds up
   * everyone's work at the site; their own work is in the staff app.
   */
  "dashboard.read": ["administrator", "programme_officer", "site_coordinator", "supervisor"],
  /**
   * The records behind a dashboard figure (dates, places, clients' UICs). Supervisors (the
   * provincial AIDS centre: a partner outside the programme) see the figures, not the client-level
   * lists, as they see no client details either.
   */
  "records.read": ["administrator", "programme_officer", "site_coordinator"],
  /** Targets are agreed with the donor for the project: set by those who answer for it. */
  "targets.manage": ["administrator", "programme_officer"],
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

/**
 * An outreach worker sees the clients they registered (and those clients' records), plus their
 * site's group sessions and trainings; everyone else sees everything at their readable sites.
 */
export function seesOnlyOwnClients(user: SessionUser): boolean {
  return user.role === "outreach_worker";
}

/** May this user read this client (and so learn its id)? Their sites; for a worker, their own. */
export function canReadClient(
  user: SessionUser,
  client: { site_id: string; created_by: string | null },
): boolean {
  if (!can(user, "client_details.read")) return false;
  const sites = readableSites(user);
  if (sites !== "all" && !sites.includes(client.site_id)) return false;
  return !seesOnlyOwnClients(user) || client.created_by === user.id;
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
