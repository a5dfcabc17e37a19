// The audit log: who read which client's identifying details, when, and why. Rows are only ever
// added; the log is read by the people who answer for the programme's data.
import type { Db } from "../db/connection.js";

export interface AuditEntry {
  at: Date;
  userId: string;
  action: "client_details.read";
  subjectType: "client";
  subjectId: string;
  reason: string;
}

export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      at: entry.at,
      user_id: entry.userId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      reason: entry.reason,
    })
    .execute();
}

/** The newest entries first, about one client or about all. */
export async function listAudit(db: Db, filter: { clientId?: string | undefined; limit: number }) {
  let query = db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", "u.id", "a.user_id")
    .select([
      "a.id",
      "a.at",
      "a.action",
      "a.subject_type",
      "a.subject_id",
      "a.reason",
      "a.user_id",
      "u.username",
      "u.display_name",
    ])
    .orderBy("a.id", "desc")
    .limit(filter.limit);
  if (filter.clientId) {
    query = query
      .where("a.subject_type", "=", "client")
      .where("a.subject_id", "=", filter.clientId);
  }
  return query.execute();
}
