// What the audit log records: its actions, what each records, and what they are done to. Plain
// data and types, no database: the server writes them (./service.ts) and the staff app's audit
// screen reads the same lists (app/src/audit/entries.ts), so neither can drift from the other.
import type { UserRole } from "../db/schema.js";

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
