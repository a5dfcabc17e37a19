// The SQL of the data-quality panel (data-quality.ts). Every query reads only the project's sites
// in scope and never voided records; lists are capped (`limit`) while counts are exact.
import { type RawBuilder, sql } from "kysely";
import type { Db } from "../db/connection.js";

export interface QualityScope {
  projectId: string;
  /** The sites checked; null for every site of the project. */
  siteIds: readonly string[] | null;
  from: string;
  to: string;
}

function inSites(scope: QualityScope, column: RawBuilder<unknown>) {
  if (scope.siteIds === null) return sql``;
  if (scope.siteIds.length === 0) return sql`and false`;
  return sql`and ${column} in (${sql.join(scope.siteIds)})`;
}

export interface DuplicatePairRow {
  a_id: string;
  a_uic: string;
  a_site_id: string;
  a_registered_on: string;
  b_id: string;
  b_uic: string;
  b_site_id: string;
  b_registered_on: string;
}

/**
 * Pairs of live clients in scope of the same sex and birth year whose UICs are one edit apart (one
 * character substituted, added or left out) or identical (then at two sites: a UIC is unique per
 * site, migration 0016), at least one of them registered in the period. The
 * pairs are kept current as clients are written (migrations 0007 and 0012: client_uic_neighbours,
 * stored both ways with both clients' site, registration day and voiding), so this reads that table
 * alone: no code is expanded or compared here. Each pair is counted from its `counted` row, written
 * from the shorter code (or the first of one length). Listed newest first — the later of the two
 * registrations, the pair most likely still to be put right with the people who recorded it.
 * Identical codes at one site cannot be live together (the unique index clients_site_uic_live).
 */
export async function findNearDuplicateClients(
  db: Db,
  scope: QualityScope,
  limit: number,
): Promise<{ count: number; pairs: DuplicatePairRow[] }> {
  const pairs = sql`
    select n.client_id, n.neighbour_id,
           greatest(n.client_registered_on, n.neighbour_registered_on) as latest
      from client_uic_neighbours n
     where n.counted and n.client_live and n.neighbour_live
       and (n.client_registered_on between ${scope.from} and ${scope.to}
            or n.neighbour_registered_on between ${scope.from} and ${scope.to})
       and n.client_site_id in (select id from sites where project_id = ${scope.projectId})
       and n.neighbour_site_id in (select id from sites where project_id = ${scope.projectId})
       ${inSites(scope, sql.ref("n.client_site_id"))}
       ${inSites(scope, sql.ref("n.neighbour_site_id"))}`;
  // Two statements: the count reads no code, the list only its own rows'.
  const [counted, listed] = await Promise.all([
    sql<{ total: number }>`select count(*)::int as total from (${pairs}) p`.execute(db),
    sql<DuplicatePairRow>`
      select ca.id as a_id, ca.uic as a_uic, ca.site_id as a_site_id,
             ca.registered_on as a_registered_on,
             cb.id as b_id, cb.uic as b_uic, cb.site_id as b_site_id,
             cb.registered_on as b_registered_on
        from (${pairs} order by latest desc, n.client_id, n.neighbour_id limit ${limit}) p
        join clients ca on ca.id = p.client_id
        join clients cb on cb.id = p.neighbour_id
       order by p.latest desc, p.client_id, p.neighbour_id`.execute(db),
  ]);
  return { count: counted.rows[0]?.total ?? 0, pairs: listed.rows };
}

export interface MissingCommuneRow {
  record_type: "contact" | "group_session";
  record_id: string;
  service_on: string;
  site_id: string;
}

/** Contacts and group meetings of the period with no commune recorded. */
export async function findRecordsWithoutCommune(
  db: Db,
  scope: QualityScope,
  limit: number,
): Promise<{ contacts: number; groupSessions: number; records: MissingCommuneRow[] }> {
  const { rows } = await sql<MissingCommuneRow & { contacts: number; group_sessions: number }>`
    with missing as (
      select 'contact' as record_type, c.id as record_id, c.contact_date as service_on, c.site_id
        from contacts c
        join sites s on s.id = c.site_id
       where s.project_id = ${scope.projectId}
         and c.voided_at is null
         and not exists (select 1 from clients v where v.id = c.client_id and v.voided_at is not null)
         and c.commune_id is null
         and c.contact_date between ${scope.from} and ${scope.to}
         ${inSites(scope, sql.ref("c.site_id"))}
      union all
      select 'group_session', g.id, g.held_on, g.site_id
        from group_sessions g
        join sites s on s.id = g.site_id
       where s.project_id = ${scope.projectId}
         and g.voided_at is null
         and g.commune_id is null
         and g.held_on between ${scope.from} and ${scope.to}
         ${inSites(scope, sql.ref("g.site_id"))}
    )
    select m.*,
           (count(*) filter (where record_type = 'contact') over ())::int as contacts,
           (count(*) filter (where record_type = 'group_session') over ())::int as group_sessions
      from missing m
     order by service_on, record_id
     limit ${limit}`.execute(db);
  return {
    contacts: rows[0]?.contacts ?? 0,
    groupSessions: rows[0]?.group_sessions ?? 0,
    records: rows.map(({ contacts: _c, group_sessions: _g, ...record }) => record),
  };
}

export interface LateContactRow {
  record_id: string;
  service_on: string;
  /** The day it was saved, in Vietnam's time zone. */
  recorded_on: string;
  days_late: number;
  site_id: string;
  uic: string;
}

/** Contacts of the period saved more than `days` days after the day they took place. */
export async function findLateContacts(
  db: Db,
  scope: QualityScope,
  days: number,
  limit: number,
): Promise<{ count: number; records: LateContactRow[] }> {
  if (!Number.isInteger(days) || days < 0)
    throw new Error(`days must be a whole number, not ${days}`);
  const { rows } = await sql<LateContactRow & { total: number }>`
    with late as (
      select c.id as record_id, c.contact_date as service_on, c.site_id, cl.uic,
             (c.created_at at time zone 'Asia/Ho_Chi_Minh')::date as recorded_on
        from contacts c
        join sites s on s.id = c.site_id
        join clients cl on cl.id = c.client_id and cl.voided_at is null
       where s.project_id = ${scope.projectId}
         and c.voided_at is null
         -- A literal, so the planner can use the partial index of late contacts (migration 0010).
         and (c.created_at at time zone 'Asia/Ho_Chi_Minh')::date - c.contact_date > ${sql.lit(days)}
         and c.contact_date between ${scope.from} and ${scope.to}
         ${inSites(scope, sql.ref("c.site_id"))}
    )
    select record_id, service_on, to_char(recorded_on, 'YYYY-MM-DD') as recorded_on,
           (recorded_on - service_on)::int as days_late, site_id, uic,
           count(*) over ()::int as total
      from late
     order by days_late desc, service_on, record_id
     limit ${limit}`.execute(db);
  return { count: rows[0]?.total ?? 0, records: rows.map(({ total: _, ...row }) => row) };
}

export interface SilentDeviceRow {
  device_id: string;
  username: string;
  role: string;
  /** The last push or pull; the first sight of the device when it never synced. */
  last_seen_at: Date;
  synced: boolean;
}

/**
 * Devices of the scope's users (active accounts linked to a site in scope; with `withoutSites`,
 * also accounts linked to no site — programme-wide staff) that have neither pushed nor pulled since
 * `before`.
 */
export async function findSilentDevices(
  db: Db,
  scope: QualityScope,
  before: Date,
  withoutSites: boolean,
  limit: number,
): Promise<{ count: number; devices: SilentDeviceRow[] }> {
  const { rows } = await sql<SilentDeviceRow & { total: number }>`
    with d as (
      select d.id as device_id, u.username, u.role,
             coalesce(greatest(d.last_push_at, d.last_pull_at), d.first_seen_at) as last_seen_at,
             (d.last_push_at is not null or d.last_pull_at is not null) as synced
        from devices d
        join users u on u.id = d.user_id and u.disabled_at is null
       where exists (select 1 from user_sites us
                       join sites s on s.id = us.site_id
                      where us.user_id = u.id and s.project_id = ${scope.projectId}
                        ${inSites(scope, sql.ref("us.site_id"))})
          ${withoutSites ? sql`or not exists (select 1 from user_sites us where us.user_id = u.id)` : sql``}
    )
    select d.*, count(*) over ()::int as total
      from d
     where last_seen_at < ${before}
     order by last_seen_at, username, device_id
     limit ${limit}`.execute(db);
  return { count: rows[0]?.total ?? 0, devices: rows.map(({ total: _, ...row }) => row) };
}
