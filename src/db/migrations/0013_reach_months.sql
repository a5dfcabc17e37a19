-- The people reached in each month of a project, by population group: what the dashboard's monthly
-- trends of people reached, KP_PREV and PP_PREV draw. Counting them from reach_clients (migration
-- 0009) means unnesting every person's months — 0.4 s for the three years of bench/indicators'
-- programme (docs/benchmarks.md). A month's count is a sum, unlike a period's (a person reached in
-- two months is one person in the quarter), so it can be kept by adding and taking away:
-- refresh_reach, which recomputes a client's reach rows from their live records, takes the rows it
-- deletes off these counts and adds the rows it writes, in the same transaction and under the same
-- lock. Every change to reach_clients goes through it, so the counts are exactly those rows'.
create table reach_months (
  project_id uuid not null,
  month date not null,
  population_group text not null,
  -- People with a contact in the month (contact_months), and with a contact or a group attendance
  -- (prevention_months; every contact month is one).
  contact_people integer not null check (contact_people >= 0),
  prevention_people integer not null check (prevention_people >= 0),
  primary key (project_id, month, population_group)
);

create or replace function refresh_reach(ids uuid[]) returns void language plpgsql
set plan_cache_mode = force_custom_plan as $$
begin
  if coalesce(cardinality(ids), 0) = 0 then return; end if;
  perform lock_client_derived();
  -- What the clients counted for until now, taken off the months' counts (the rows exist: they
  -- were added when these were written).
  with gone as (
    delete from reach_clients where client_id = any (ids)
    returning project_id, population_group, contact_months, prevention_months
  ),
  counts as (
    select g.project_id, m.month, g.population_group,
           count(*) filter (where m.month = any (g.contact_months)) as contact_people,
           count(*) as prevention_people
      from gone g cross join unnest(g.prevention_months) m (month)
     group by g.project_id, m.month, g.population_group
  )
  update reach_months t
     set contact_people = t.contact_people - d.contact_people,
         prevention_people = t.prevention_people - d.prevention_people
    from counts d
   where t.project_id = d.project_id and t.month = d.month
     and t.population_group = d.population_group;
  delete from reach_sites where client_id = any (ids);
  delete from reach_communes where client_id = any (ids);
  with live as (
    select c.client_id, c.site_id, c.commune_id,
           date_trunc('month', c.contact_date)::date as month, true as contact
      from contacts c
     where c.client_id = any (ids) and c.voided_at is null
    union all
    select a.client_id, a.site_id, g.commune_id, date_trunc('month', g.held_on)::date, false
      from group_attendances a
      join group_sessions g on g.id = a.session_id and g.voided_at is null
     where a.client_id = any (ids) and a.voided_at is null
  ),
  rows as (
    select l.*, s.project_id, cl.population_group
      from live l
      join sites s on s.id = l.site_id
      join clients cl on cl.id = l.client_id and cl.voided_at is null
  ),
  by_project as (
    insert into reach_clients
    select project_id, client_id, min(population_group),
           coalesce(array_agg(distinct month order by month) filter (where contact), '{}'),
           array_agg(distinct month order by month)
      from rows group by project_id, client_id
    returning project_id, population_group, contact_months, prevention_months
  ),
  by_site as (
    insert into reach_sites
    select site_id, client_id, project_id, min(population_group),
           coalesce(array_agg(distinct month order by month) filter (where contact), '{}'),
           array_agg(distinct month order by month)
      from rows group by site_id, project_id, client_id
  ),
  by_commune as (
    insert into reach_communes
    select project_id, commune_id, client_id, min(population_group),
           coalesce(array_agg(distinct month order by month) filter (where contact), '{}'),
           array_agg(distinct month order by month)
      from rows group by project_id, commune_id, client_id
  )
  -- What they count for now, added.
  insert into reach_months as t (project_id, month, population_group, contact_people, prevention_people)
  select p.project_id, m.month, p.population_group,
         count(*) filter (where m.month = any (p.contact_months)), count(*)
    from by_project p cross join unnest(p.prevention_months) m (month)
   group by p.project_id, m.month, p.population_group
  on conflict (project_id, month, population_group) do update
     set contact_people = t.contact_people + excluded.contact_people,
         prevention_people = t.prevention_people + excluded.prevention_people;
  -- A month nobody of a group is counted in any more (at most a few hundred rows per project).
  delete from reach_months where prevention_people = 0;
end
$$;

-- What is already recorded.
insert into reach_months (project_id, month, population_group, contact_people, prevention_people)
select r.project_id, m.month, r.population_group,
       count(*) filter (where m.month = any (r.contact_months)), count(*)
  from reach_clients r cross join unnest(r.prevention_months) m (month)
 group by r.project_id, m.month, r.population_group;
