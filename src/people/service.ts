// Reading a client's identifying details: only within the reader's scope, never without a
// reason, and never without leaving a trace. The audit row is written in the same transaction
// as the read, before the details leave the service: no trace, no details.
import { readableSites, type SessionUser, seesOnlyOwnClients } from "../auth/policy.js";
import type { Db } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { listAudit, recordAudit } from "./audit.js";
import { openClientDetails } from "./details.js";
import { findClientDetails } from "./queries.js";

export interface ClientDetailsRead {
  name: string | null;
  phone: string | null;
}

function inScope(user: SessionUser, client: { site_id: string; created_by: string | null }) {
  const sites = readableSites(user);
  if (sites !== "all" && !sites.includes(client.site_id)) return false;
  return !seesOnlyOwnClients(user) || client.created_by === user.id;
}

/** A client out of the user's scope is "not found": its existence is not revealed either. */
export async function readClientDetails(
  db: Db,
  user: SessionUser,
  request: { clientId: string; reason: string },
  options: { clientDetailsKey: Buffer; now: () => Date },
): Promise<ClientDetailsRead> {
  return db.transaction().execute(async (trx) => {
    const client = await findClientDetails(trx, request.clientId);
    if (!client || !inScope(user, client)) {
      throw new AppError("not_found", { detail: "no such client in the reader's scope" });
    }
    await recordAudit(trx, {
      at: options.now(),
      userId: user.id,
      action: "client_details.read",
      subjectType: "client",
      subjectId: client.id,
      reason: request.reason,
    });
    const details = openClientDetails(options.clientDetailsKey, client.id, client);
    return { name: details.name ?? null, phone: details.phone ?? null };
  });
}

export async function listAuditEntries(
  db: Db,
  filter: { clientId?: string | undefined; limit: number },
) {
  const rows = await listAudit(db, filter);
  return rows.map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    user: row.user_id
      ? { id: row.user_id, username: row.username ?? "", display_name: row.display_name ?? "" }
      : null,
    action: row.action,
    subject_type: row.subject_type,
    subject_id: row.subject_id,
    reason: row.reason,
  }));
}
