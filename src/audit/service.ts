// The audit log of administration: who did what to what, when, and from which address. Other
// modules call recordEvent in the same transaction as the change they record (no change without
// its trace); the table refuses every UPDATE and DELETE (migration 0017), and no route changes it.
// What an entry may hold is typed per action below: ids, roles, codes and counts — never a
// client's name, phone or UIC (a client is named by its id), and never a password.

import type { Db } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import type {
  AuditAction,
  AuditDetails,
  AuditTarget,
  AuditTargetType,
  TargetsSummary,
} from "./actions.js";
import { type AuditFilter, insertAuditEvent, selectAuditEvents } from "./queries.js";

export {
  type AuditAction,
  type AuditDetails,
  type AuditTarget,
  type AuditTargetType,
  auditActions,
  auditTargetTypes,
  type TargetsSummary,
} from "./actions.js";

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
