// The audit log of administration: who did what to what, when, and from which address. Other
// modules call recordEvent in the same transaction as the change they record (no change without
// its trace); the table refuses every UPDATE and DELETE (migration 0017), and no route changes it.
// What an entry may hold is typed per action below: ids, roles, codes and counts — never a
// client's name, phone or UIC (a client is named by its id), and never a password.

import type { Db } from "../db/connection.js";
import type { UserRole } from "../db/schema.js";
import { AppError } from "../lib/errors.js";
import { type AuditFilter, insertAuditEvent, selectAuditEvents } from "./queries.js";

/** The particulars each action records. */
export interface AuditDetails {
  "user.created": { role: UserRole; site_ids: string[] };
  "user.role_changed": { from: UserRole; to: UserRole };
  "user.sites_changed": { from: string[]; to: string[] };
  /** Which fields changed; not their values (a display name is a person's name). */
  "user.profile_changed": { fields: ("display_name" | "staff_id" | "locale")[] };
  "user.disabled": Record<string, never>;
  "user.enabled": Record<string, never>;
  /** A new password set by an administrator or the operator (the password is never written). */
  "user.password_reset": Record<string, never>;
  /** The account's owner changed their own password. */
  "user.password_changed": Record<string, never>;
  /** An administrator lifted a sign-in delay: of an account, one of its devices, or an address. */
  "login_throttle.lifted": {
    kind: "account" | "device" | "address";
    failures: number;
    blocked_until: string | null;
  };
  "targets.changed": TargetsSummary;
  "export.downloaded": { kind: string; period: string; site_ids: string[] | null };
  /** The reader's stated purpose (required by the details route, 3–200 characters). */
  "client_details.read": { reason: string };
  /** The public website's content (src/content/): the revision that went public or came off. */
  "content.published": { kind: string; revision: number };
  "content.scheduled": { kind: string; revision: number; publish_at: string };
  "content.unpublished": { kind: string; revision: number };
  "content.archived": { kind: string; revision: number };
  "content.restored": { kind: string; revision: number; restored_from: number };
  /** The newsletter (src/newsletter/): an issue sent, to how many; a subscriber's data given or erased. */
  "newsletter.issue_sent": { recipients: number };
  /** A test of an issue sent to an editor (the address is not written: it may be personal). */
  "newsletter.test_sent": { locale: "vi" | "en" };
  "newsletter.subscriber_exported": Record<string, never>;
  "newsletter.subscriber_erased": Record<string, never>;
  /** Donations (src/donations/): a finance officer read a receipt or a donor's yearly statement. */
  "donation.receipt_read": Record<string, never>;
  "donation.statement_read": { year: number; gifts: number };
}

export type AuditAction = keyof AuditDetails;

export const auditActions = [
  "user.created",
  "user.role_changed",
  "user.sites_changed",
  "user.profile_changed",
  "user.disabled",
  "user.enabled",
  "user.password_reset",
  "user.password_changed",
  "login_throttle.lifted",
  "targets.changed",
  "export.downloaded",
  "client_details.read",
  "content.published",
  "content.scheduled",
  "content.unpublished",
  "content.archived",
  "content.restored",
  "newsletter.issue_sent",
  "newsletter.test_sent",
  "newsletter.subscriber_exported",
  "newsletter.subscriber_erased",
  "donation.receipt_read",
  "donation.statement_read",
] as const satisfies readonly AuditAction[];

export const auditTargetTypes = [
  "user",
  "address",
  "project",
  "export",
  "client",
  "content",
  "newsletter_issue",
  "newsletter_subscriber",
  "donation_gift",
  /** A donor, named by the keyed hash of their e-mail address (never the address). */
  "donor",
] as const;
export type AuditTargetType = (typeof auditTargetTypes)[number];

/** What an action is done to: its type and id (an address for an address's throttle). */
export interface AuditTarget {
  type: AuditTargetType;
  id: string;
}

/** Who acts: a signed-in user over the API, or the operator at the server's command line. */
export type Actor =
  | { channel: "api"; userId: string; address: string }
  | { channel: "cli"; userId: null; address: null };

export const commandLineActor: Actor = { channel: "cli", userId: null, address: null };

export interface AuditEvent<A extends AuditAction = AuditAction> {
  action: A;
  target: AuditTarget;
  details: AuditDetails[A];
}

/** Writes one entry; call it inside the transaction that makes the change it records. */
export async function recordEvent<A extends AuditAction>(
  db: Db,
  actor: Actor,
  event: AuditEvent<A>,
  at: Date,
): Promise<void> {
  await insertAuditEvent(db, {
    at,
    actor_id: actor.userId,
    channel: actor.channel,
    address: actor.address,
    action: event.action,
    target_type: event.target.type,
    target_id: event.target.id,
    details: JSON.stringify(event.details),
  });
}

/**
 * A bounded summary of a targets change (a request may set up to 5,000 targets at once): how
 * many, and the first 50 distinct indicators, sites and periods. The values are in `targets`.
 */
export interface TargetsSummary {
  count: number;
  indicators: string[];
  /** Site codes; null stands for project-wide targets. */
  sites: (string | null)[];
  /** Periods as they were asked (2011Q3, 2011-07 …). */
  periods: string[];
}

export function summariseTargets(
  targets: readonly { site?: string | undefined; indicator: string; period: string }[],
): TargetsSummary {
  const unique = <T>(values: T[]) => [...new Set(values)].slice(0, 50);
  return {
    count: targets.length,
    indicators: unique(targets.map((t) => t.indicator)),
    sites: unique(targets.map((t) => t.site ?? null)),
    periods: unique(targets.map((t) => t.period)),
  };
}

export const AUDIT_PAGE_MAX = 200;

export interface AuditQuery {
  /** A username. */
  actor?: string | undefined;
  action?: AuditAction | undefined;
  targetType?: AuditTargetType | undefined;
  targetId?: string | undefined;
  /** Calendar dates in Việt Nam (UTC+7, no daylight saving), both included. */
  from?: string | undefined;
  to?: string | undefined;
  /** Entries older than this id (the previous page's `next_before`). */
  before?: number | undefined;
  limit: number;
}

const vietnamMidnight = (date: string) => new Date(`${date}T00:00:00+07:00`);

/** A page of the log, newest first, and where the next page starts (null on the last). */
export async function listEvents(db: Db, query: AuditQuery) {
  if (query.from && query.to && query.from > query.to) {
    throw new AppError("invalid_parameter", { parameter: "from", reason: "from_after_to" });
  }
  const filter: AuditFilter = {
    actorUsername: query.actor?.trim().toLowerCase(),
    action: query.action,
    targetType: query.targetType,
    targetId: query.targetId,
    atOrAfter: query.from ? vietnamMidnight(query.from) : undefined,
    before: query.to
      ? new Date(vietnamMidnight(query.to).getTime() + 24 * 60 * 60 * 1000)
      : undefined,
    idBelow: query.before,
    // One more than asked: it tells whether there is a next page.
    limit: Math.min(query.limit, AUDIT_PAGE_MAX) + 1,
  };
  const rows = await selectAuditEvents(db, filter);
  const page = rows.slice(0, filter.limit - 1);
  return {
    entries: page.map((row) => ({
      id: Number(row.id),
      at: row.at.toISOString(),
      actor: row.actor_id
        ? {
            id: row.actor_id,
            username: row.actor_username ?? "",
            display_name: row.actor_display_name ?? "",
          }
        : null,
      channel: row.channel,
      address: row.address,
      action: row.action,
      target: { type: row.target_type, id: row.target_id, label: row.target_label },
      details: row.details,
    })),
    next_before: rows.length > page.length ? Number(page.at(-1)!.id) : null,
  };
}
