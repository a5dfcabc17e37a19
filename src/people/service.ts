// Reading a client's identifying details: only within the reader's scope, never without a
// reason, and never without leaving a trace. The audit entry (src/audit/) is written in the same
// transaction as the read, before the details leave the service: no trace, no details.
import { type Actor, recordEvent } from "../audit/service.js";
import { readableSites, type SessionUser, seesOnlyOwnClients } from "../auth/policy.js";
import type { Db } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
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
  options: { clientDetailsKey: Buffer; now: () => Date; actor: Actor },
): Promise<ClientDetailsRead> {
  return db.transaction().execute(async (trx) => {
    const client = await findClientDetails(trx, request.clientId);
    if (!client || !inScope(user, client)) {
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
