// Reading a client's identifying details: only within the reader's scope, never without a
// reason, and never without leaving a trace. The audit entry (src/audit/) is written in the same
// transaction as the read, before the details leave the service: no trace, no details.
import { type Actor, recordEvent } from "../audit/service.js";
import { canReadClient, canWriteAt, type SessionUser } from "../auth/policy.js";
import type { Db } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { openClientDetails } from "./details.js";
import { findClientDetails, findClientsWithUicLike } from "./queries.js";

// What other features read of the people's tables, through this service (never the tables).
export { countClientsWithDetails } from "./queries.js";

export interface ClientDetailsRead {
  name: string | null;
  phone: string | null;
}

/** A client out of the user's scope is "not found": its existence is not revealed either. */
export async function readClientDetails(
  db: Db,
  user: SessionUser,
  request: { clientId: string; reason: string },
  options: { clientDetailsKey: Buffer; now: () => Date; actor: Actor },
): Promise<ClientDetailsRead> {
  return db.transaction().execute(async (trx) => {
    const client = await findClientDetails(trx, request.clientId);
    if (!client || !canReadClient(user, client)) {
      throw new AppError("not_found", { detail: "no such client in the reader's scope" });
    }
    await recordEvent(
      trx,
      options.actor,
      {
        action: "client_details.read",
        target: { type: "client", id: client.id },
        details: { reason: request.reason },
      },
      options.now(),
    );
    const details = openClientDetails(options.clientDetailsKey, client.id, client);
    return { name: details.name ?? null, phone: details.phone ?? null };
  });
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
