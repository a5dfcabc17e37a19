// GET /api/sync/pull: every record the user may see whose version is above the cursor, oldest
// first, in pages. Versions come from one sequence and sync writes commit in version order (see
// lockSyncWrites), so a device that keeps the last cursor never misses a change.
import { type RawBuilder, sql } from "kysely";
import { readableSites, type SessionUser, seesOnlyOwnClients } from "../auth/policy.js";
import type { Db } from "../db/connection.js";
import { presentRecord } from "./present.js";
import { MAX_PULL, type PulledChange, type PullResponse } from "./protocol.js";
import { touchDevice } from "./queries.js";
import { type SyncedTable, typeOfTable } from "./records.js";

/** Which rows of a table the user may see, as a SQL condition on that table (aliased `t`). */
function scopeOf(user: SessionUser, table: SyncedTable): RawBuilder<unknown> {
  const sites = readableSites(user);
  const atSites = (column = sql.ref("t.site_id")) =>
    sites === "all"
      ? sql`true`
      : sites.length === 0
        ? sql`false`
        : sql`${column} in (${sql.join([...sites])})`;
  const ownClients = sql`(select c.id from clients c where c.created_by = ${user.id})`;
  const own = seesOnlyOwnClients(user);
  switch (table) {
    case "clients":
      return own ? sql`${atSites()} and t.created_by = ${user.id}` : atSites();
    case "contacts":
    case "referrals":
      return own ? sql`${atSites()} and t.client_id in ${ownClients}` : atSites();
    case "commodity_distributions":
      return own
        ? sql`${atSites()} and (t.client_id is null or t.client_id in ${ownClients})`
        : atSites();
    case "trainings":
      return sites === "all"
        ? sql`true`
        : sql`(${atSites()} or (t.site_id is null and t.project_id in (select s.project_id from sites s where ${atSites(sql.ref("s.id"))})))`;
    case "training_participants":
      return sites === "all"
        ? sql`true`
        : sql`t.training_id in (select tr.id from trainings tr where tr.site_id in (${sql.join(sites.length ? [...sites] : ["00000000-0000-0000-0000-000000000000"])}) or (tr.site_id is null and tr.project_id in (select s.project_id from sites s where ${atSites(sql.ref("s.id"))})))`;
    default:
      return atSites();
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
