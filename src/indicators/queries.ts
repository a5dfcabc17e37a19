// The SQL behind indicators v1. Each query returns one row per site of the project plus a total
// row (site_id null) through GROUPING SETS, so people are de-duplicated across sites in the total.
// Voided records never count, nor records of a voided client.
import { sql } from "kysely";
import type { Db } from "../db/connection.js";

export interface ResultsQuery {
  projectId: string;
  from: string;
  to: string;
  /** Limit to one site; the total row then equals that site's row. */
  siteId?: string | undefined;
}

/** `site_id` is null on the total row. */
type Row<T> = T & { site_id: string | null };

const siteFilter = (siteId: string | undefined, column = sql.ref("s.id")) =>
  siteId ? sql`and ${column} = ${siteId}` : sql``;

export async function countOutreach(db: Db, q: ResultsQuery) {
  const { rows } = await sql<
    Row<{ people_reached: number; contacts: number; communes_covered: number }>
  >`
    select c.site_id,
           count(distinct c.client_id)::int as people_reached,
           count(*)::int as contacts,
           count(distinct sc.place_id)::int as communes_covered
      from contacts c
      join sites s on s.id = c.site_id
      join clients cl on cl.id = c.client_id and cl.voided_at is null
      left join site_communes sc on sc.site_id = c.site_id and sc.place_id = c.commune_id
     where s.project_id = ${q.projectId}
       and c.voided_at is null
       and c.contact_date between ${q.from} and ${q.to}
       ${siteFilter(q.siteId)}
     group by grouping sets ((c.site_id), ())`.execute(db);
  return rows;
}

export async function countGroupSessions(db: Db, q: ResultsQuery) {
  const { rows } = await sql<Row<{ group_sessions: number; group_attendances: number }>>`
    select g.site_id,
           count(distinct g.id)::int as group_sessions,
           count(a.id)::int as group_attendances
      from group_sessions g
      join sites s on s.id = g.site_id
      left join (group_attendances a join clients cl on cl.id = a.client_id and cl.voided_at is null)
             on a.session_id = g.id and a.voided_at is null
     where s.project_id = ${q.projectId}
       and g.voided_at is null
       and g.held_on between ${q.from} and ${q.to}
       ${siteFilter(q.siteId)}
     group by grouping sets ((g.site_id), ())`.execute(db);
  return rows;
}

export async function countHivTestVisits(db: Db, q: ResultsQuery) {
  const { rows } = await sql<Row<{ hiv_test_visits: number }>>`
    select r.site_id, count(*)::int as hiv_test_visits
      from referrals r
      join sites s on s.id = r.site_id
      join clients cl on cl.id = r.client_id and cl.voided_at is null
     where s.project_id = ${q.projectId}
       and r.voided_at is null
       and r.service = 'hiv_test'
       and r.arrived_on between ${q.from} and ${q.to}
       ${siteFilter(q.siteId)}
     group by grouping sets ((r.site_id), ())`.execute(db);
  return rows;
}

export async function sumCondoms(db: Db, q: ResultsQuery) {
  const { rows } = await sql<Row<{ condoms_distributed: number }>>`
    select d.site_id, sum(d.quantity)::int as condoms_distributed
      from commodity_distributions d
      join sites s on s.id = d.site_id
     where s.project_id = ${q.projectId}
       and d.voided_at is null
       and d.item = 'condom'
       and d.distributed_on between ${q.from} and ${q.to}
       ${siteFilter(q.siteId)}
     group by grouping sets ((d.site_id), ())`.execute(db);
  return rows;
}

/**
 * Trainings and coaching. A project-wide training belongs to a site's row when one of the site's
 * staff took part; a coaching round belongs to the site where it was held.
 */
export async function countTrainings(db: Db, q: ResultsQuery) {
  const { rows } = await sql<
    Row<{ trainings: number; people_trained: number; coaching_rounds: number }>
  >`
    with held as (
      select t.id, t.kind, t.site_id as held_at
        from trainings t
       where t.project_id = ${q.projectId}
         and t.voided_at is null
         and t.starts_on between ${q.from} and ${q.to}
    ),
    attended as (
      select h.id, h.kind, ss.site_id, p.staff_id
        from held h
        join training_participants p on p.training_id = h.id and p.voided_at is null
        join staff_sites ss on ss.staff_id = p.staff_id
       where h.kind <> 'coaching'
    ),
    per_site as (
      select s.id as site_id,
             (select count(distinct a.id) from attended a where a.site_id = s.id)::int as trainings,
             (select count(distinct a.staff_id) from attended a where a.site_id = s.id)::int as people_trained,
             (select count(*) from held h where h.kind = 'coaching' and h.held_at = s.id)::int as coaching_rounds
        from sites s
       where s.project_id = ${q.projectId}
         ${siteFilter(q.siteId)}
    )
    select site_id, trainings, people_trained, coaching_rounds from per_site
    union all
    select null,
           ${q.siteId ? sql`(select trainings from per_site)` : sql`(select count(*) from held where kind <> 'coaching')::int`},
           ${q.siteId ? sql`(select people_trained from per_site)` : sql`(select count(distinct p.staff_id) from held h join training_participants p on p.training_id = h.id and p.voided_at is null where h.kind <> 'coaching')::int`},
           (select coalesce(sum(coaching_rounds), 0) from per_site)::int`.execute(db);
  return rows;
}

export async function countCommunesInArea(db: Db, q: ResultsQuery) {
  const { rows } = await sql<
    Row<{ communes_in_area: number; population_size_estimate: number | null }>
  >`
    select s.id as site_id,
           (select count(*) from site_communes sc where sc.site_id = s.id)::int as communes_in_area,
           s.population_size_estimate
      from sites s
     where s.project_id = ${q.projectId}
       ${siteFilter(q.siteId)}`.execute(db);
  return rows;
}
