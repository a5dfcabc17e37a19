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
 * policy's rule ("Who sees what", canReadRecord) in SQL — the row's site and kind, and every
 * record it names (its client, contact, session, training) readable too, so no pull names a record
 * its reader may not read.
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
  const at = (alias: string) => atSites(sql.ref(`${alias}.site_id`));
  /** A clients row (aliased `alias`) the user may read. */
  const clientReadable = (alias: string): RawBuilder<unknown> =>
    sight === "none"
      ? sql`false`
      : sight === "own"
        ? sql`${at(alias)} and ${sql.ref(`${alias}.created_by`)} = ${user.id}`
        : at(alias);
  /** The client named in `column` (possibly null) is one the user may read. */
  const client = (column: string, nullable = false): RawBuilder<unknown> => {
    const ref = sql.ref(column);
    const readable =
      sight === "sites" && sites === "all"
        ? sql`true`
        : sight === "none"
          ? sql`false`
          : sql`exists (select 1 from clients c where c.id = ${ref} and ${clientReadable("c")})`;
    return nullable ? sql`(${ref} is null or ${readable})` : readable;
  };
  /** The group session named in `column` (possibly null) is at a site the user reads. */
  const session = (column: string, nullable = false): RawBuilder<unknown> => {
    const ref = sql.ref(column);
    const readable =
      sites === "all"
        ? sql`true`
        : sql`exists (select 1 from group_sessions g where g.id = ${ref} and ${at("g")})`;
    return nullable ? sql`(${ref} is null or ${readable})` : readable;
  };
  /** Trainings (aliased `alias`) the user may read: at their sites, or of no site in their projects. */
  const training = (alias: string) =>
    sites === "all"
      ? sql`true`
      : sql`(${at(alias)} or (${sql.ref(`${alias}.site_id`)} is null and ${sql.ref(`${alias}.project_id`)} in (select s.project_id from sites s where ${atSites(sql.ref("s.id"))})))`;
  switch (table) {
    case "clients":
      return clientReadable("t");
    case "contacts":
    case "referrals":
      return sql`${at("t")} and ${client("t.client_id")}`;
    case "group_attendances":
      return sql`${at("t")} and ${client("t.client_id")} and ${session("t.session_id")}`;
    case "commodity_distributions":
      return sql`${at("t")} and ${client("t.client_id", true)}
        and ${session("t.group_session_id", true)}
        and (t.contact_id is null or exists (select 1 from contacts k where k.id = t.contact_id
                                             and ${at("k")} and ${client("k.client_id")}))`;
    case "supervision_visits":
      return sight === "own" ? sql`false` : at("t");
    case "trainings":
      return training("t");
    case "training_participants":
      return sites === "all"
        ? sql`true`
        : sql`exists (select 1 from trainings tr where tr.id = t.training_id and ${training("tr")})`;
    default:
      return at("t");
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
