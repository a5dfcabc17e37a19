// Which stored (or just decided) records the pushing user may read: the policy's rule
// (canReadRecord, "Who sees what") applied to rows as they are stored. A record about a client is
// readable only when that client is, so the clients (and contacts, and trainings) the batch's rows
// hang on are read too, once per table, before anything is decided.
import {
  canReadRecord,
  type RecordFacts,
  type RecordType,
  readableSites,
  type SessionUser,
} from "../auth/policy.js";
import type { Db } from "../db/connection.js";
import { findProjectsOfSites, findRows, type Row } from "./queries.js";
import type { SyncedTable } from "./records.js";

export const rowKey = (table: string, id: string) => `${table}:${id}`;

/** The rows a push read or decided, by `table:id`; new records join it as they are decided. */
export type Rows = Map<string, Row>;

const text = (value: unknown) => (typeof value === "string" ? value : null);

/** Reads what the rows hang on (contacts' clients, participants' trainings) into `rows`. */
async function readParents(trx: Db, rows: Rows): Promise<void> {
  const missing = (table: SyncedTable, ids: Iterable<string | null>) => [
    ...new Set([...ids].filter((id): id is string => id !== null && !rows.has(rowKey(table, id)))),
  ];
  const ofTable = (table: SyncedTable) =>
    [...rows.entries()].filter(([key]) => key.startsWith(`${table}:`)).map(([, row]) => row);
  const add = (table: SyncedTable, found: Row[]) => {
    for (const row of found) rows.set(rowKey(table, row.id), row);
  };
  const distributions = ofTable("commodity_distributions");
  add(
    "contacts",
    await findRows(
      trx,
      "contacts",
      missing(
        "contacts",
        distributions.map((d) => text(d.contact_id)),
      ),
    ),
  );
  const clientIds = ["contacts", "referrals", "group_attendances", "commodity_distributions"]
    .flatMap((table) => ofTable(table as SyncedTable))
    .map((row) => text(row.client_id));
  add("clients", await findRows(trx, "clients", missing("clients", clientIds)));
  const trainingIds = ofTable("training_participants").map((p) => text(p.training_id));
  add("trainings", await findRows(trx, "trainings", missing("trainings", trainingIds)));
}

function factsOf(type: RecordType, row: Row, rows: Rows): RecordFacts {
  const client = (id: unknown) => {
    const found = typeof id === "string" ? rows.get(rowKey("clients", id)) : undefined;
    return found && { site_id: found.site_id as string, created_by: text(found.created_by) };
  };
  const site = text(row.site_id);
  switch (type) {
    case "client":
      return { site_id: site, clients: [client(row.id)] };
    case "contact":
    case "referral":
    case "group_attendance":
      return { site_id: site, clients: [client(row.client_id)] };
    case "commodity_distribution": {
      const contact =
        text(row.contact_id) && rows.get(rowKey("contacts", row.contact_id as string));
      return {
        site_id: site,
        clients: [
          ...(row.client_id ? [client(row.client_id)] : []),
          ...(row.contact_id ? [contact ? client(contact.client_id) : undefined] : []),
        ],
      };
    }
    default:
      return { site_id: site, clients: [], project_id: text(row.project_id) };
  }
}

/**
 * Returns `readable(type, row)` for this user, after reading what the rows in `rows` hang on.
 * Rows added to `rows` later (records created earlier in the batch) are judged as they are then.
 */
export async function loadReadability(
  trx: Db,
  user: SessionUser,
  rows: Rows,
): Promise<(type: RecordType, row: Row) => boolean> {
  await readParents(trx, rows);
  const sites = readableSites(user);
  const hasTrainings = [...rows.keys()].some((key) => key.startsWith("trainings:"));
  const projects =
    sites === "all" ? "all" : hasTrainings ? await findProjectsOfSites(trx, sites) : [];
  const readable = (type: RecordType, row: Row): boolean => {
    if (type === "training_participant") {
      const training =
        text(row.training_id) && rows.get(rowKey("trainings", row.training_id as string));
      return !!training && readable("training", training);
    }
    return canReadRecord(user, type, factsOf(type, row, rows), projects);
  };
  return readable;
}
