// Reading a client's identifying details: only within the reader's scope, never without a
// reason, and never without leaving a trace. The audit row is written in the same transaction
// as the read, before the details leave the service: no trace, no details.
import { canReadClient, canWriteAt, type SessionUser } from "../auth/policy.js";
import type { Db } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { listAudit, recordAudit } from "./audit.js";
import { openClientDetails } from "./details.js";
import { findClientDetails, findClientsWithUicLike } from "./queries.js";

export interface ClientDetailsRead {
  name: string | null;
  phone: string | null;
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
    if (!client || !canReadClient(user, client)) {
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

export interface UicCheck {
  /** A live client of the site has this very code: the server would refuse it (`uic_taken`). */
  exact: boolean;
  /** Live clients of the site of the same sex and birth year whose code is one edit away. */
  similar: number;
  /** Of the exact and similar clients, those the caller may read (their ids). */
  visible: string[];
}

/**
 * Before registering a client at a site: is the code taken there, and by how many near-identical
 * codes (the data-quality panel's rule, migration 0007)? Only at a site where the caller may
 * register clients, so it tells nothing about other sites; and ids only of clients the caller may
 * read anyway.
 */
export async function checkUic(
  db: Db,
  user: SessionUser,
  candidate: { siteId: string; uic: string; sex: string; birthYear: number },
): Promise<UicCheck> {
  if (!canWriteAt(user, "client", candidate.siteId)) {
    throw new AppError("forbidden", { detail: "uic-check at a site the user may not write at" });
  }
  const found = await findClientsWithUicLike(db, candidate);
  return {
    exact: found.some((c) => c.exact),
    similar: found.filter((c) => !c.exact).length,
    visible: found.filter((c) => canReadClient(user, c)).map((c) => c.id),
  };
}
