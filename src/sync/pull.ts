// GET /api/sync/pull: every record the user may see whose version is above the cursor, oldest
// first, in pages. Versions come from one sequence and sync writes commit in version order (see
// lockSyncWrites), so a device that keeps the last cursor never misses a change.
import { type RawBuilder, sql } from "kysely";
import { clientSightOf, readableSites, type SessionUser } from "../auth/policy.js";
import type { Db } from "../db/connection.js";
import { presentRecord } from "./present.js";
import { MAX_PULL, type PulledChange, type PullResponse } from "./protocol.js";
import { touchDevice } from "./queries.js";
import { type SyncedTable, typeOfTable } from "./records.js";

/**
 * Which rows of a table the user may read, as a SQL condition on that table (aliased `t`): the
 * policy's rule ("Who sees what", canReadRecord) in SQL. A record about a client is read only with
 * its client, so no pull names a client its reader may not read.
 */
function scopeOf(user: SessionUser, table: SyncedTable): RawBuilder<unknown> {
  const sites = readableSites(user);
  const sight = clientSightOf(user);
  const atSites = (column: RawBuilder<unknown>) =>
    sites === "all"
      ? sql`true`
      : sites.length === 0
        ? sql`false`
        : sql`${column} in (${sql.join([...sites])})`;
  /** A clients row (aliased `alias`) the user may read. */
  const clientReadable = (alias: string): RawBuilder<unknown> =>
    sight === "none"
      ? sql`false`
      : sight === "own"
        ? sql`${atSites(sql.ref(`${alias}.site_id`))} and ${sql.ref(`${alias}.created_by`)} = ${user.id}`
        : atSites(sql.ref(`${alias}.site_id`));
  /** The client with the id in `column` is one the user may read. */
  const readableClient = (column: RawBuilder<unknown>): RawBuilder<unknown> =>
    sight === "sites" && sites === "all"
      ? sql`true`
      : sight === "none"
        ? sql`false`
        : sql`exists (select 1 from clients c where c.id = ${column} and ${clientReadable("c")})`;
  const atTheirSites = atSites(sql.ref("t.site_id"));
  switch (table) {
    case "clients":
      return clientReadable("t");
    case "contacts":
    case "referrals":
    case "group_attendances":
      return sql`${atTheirSites} and ${readableClient(sql.ref("t.client_id"))}`;
    case "commodity_distributions":
      return sql`${atTheirSites}
        and (t.client_id is null or ${readableClient(sql.ref("t.client_id"))})
        and (t.contact_id is null or exists (select 1 from contacts k where k.id = t.contact_id
                                             and ${readableClient(sql.ref("k.client_id"))}))`;
    case "supervision_visits":
      return sight === "own" ? sql`false` : atTheirSites;
    case "trainings":
      return sites === "all"
        ? sql`true`
        : sql`(${atTheirSites} or (t.site_id is null and t.project_id in (select s.project_id from sites s where ${atSites(sql.ref("s.id"))})))`;
    case "training_participants":
      return sites === "all"
        ? sql`true`
        : sql`t.training_id in (select tr.id from trainings tr where ${atSites(sql.ref("tr.site_id"))} or (tr.site_id is null and tr.project_id in (select s.project_id from sites s where ${atSites(sql.ref("s.id"))})))`;
    default:
      return atTheirSites;
  }
}

const tables = Object.keys(typeOfTable) as SyncedTable[];

export interface PullOptions {
  cursor: number;
  limit?: number;
  deviceId?: string | undefined;
  now: Date;
}

export async function pullChanges(
  db: Db,
  user: SessionUser,
  options: PullOptions,
): Promise<PullResponse> {
  const limit = Math.min(options.limit ?? MAX_PULL, MAX_PULL);
  if (options.deviceId)
    await touchDevice(db, options.deviceId, user.id, "last_pull_at", options.now);
  // One page per table (limit + 1 tells whether more wait), then the oldest `limit` across tables.
  const pages = await Promise.all(
    tables.map(async (table) => {
      const { rows } = await sql<Record<string, unknown> & { version: number }>`
        select * from ${sql.table(table)} t
         where t.version > ${options.cursor} and ${scopeOf(user, table)}
         order by t.version
         limit ${limit + 1}`.execute(db);
      return rows.map(
        (row): PulledChange => ({
          type: typeOfTable[table],
          version: row.version,
          record: presentRecord(row),
        }),
      );
    }),
  );
  const all = pages.flat().sort((a, b) => a.version - b.version);
  const changes = all.slice(0, limit);
  return {
    changes,
    cursor: changes.at(-1)?.version ?? options.cursor,
    more: all.length > limit,
  };
}
