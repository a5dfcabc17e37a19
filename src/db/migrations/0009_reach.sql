-- Who was reached in which month, and how many contacts each site recorded in each commune and
-- month: kept current by triggers as records are written, so a whole programme's dashboard counts
-- unique people without sorting every contact of the period (bench/indicators, docs/benchmarks.md:
-- a year of a 100,000-client programme is half a million contacts). Nothing here is entered by
-- hand and nothing is a copy to reconcile: each row is recomputed from the live records of its
-- client (or its site, commune and month) whenever one of those records changes, and the engine
-- (src/indicators/reach.ts) reads these tables only for periods of whole months over a whole
-- project; any other question is answered from the records themselves.
--
-- A client's months are the first days of the months in which they had a live contact
-- (contact_months) or a live contact or group attendance (prevention_months, for KP_PREV and
-- PP_PREV), at three levels: in the project, at each site, in each commune — so the people reached
-- in a period, at a site or in a commune are a count of rows whose months meet the period's, with
-- no count(distinct). Voided clients have no rows.

create table reach_clients (
  project_id uuid not null references projects (id),
  client_id uuid not null references clients (id),
  population_group text,
  contact_months date[] not null,
  prevention_months date[] not null,
  primary key (project_id, client_id)
);
create index reach_clients_client on reach_clients (client_id);

create table reach_sites (
  site_id uuid not null references sites (id),
  client_id uuid not null references clients (id),
  project_id uuid not null references projects (id),
  population_group text,
  contact_months date[] not null,
  prevention_months date[] not null,
  primary key (site_id, client_id)
);
create index reach_sites_project on reach_sites (project_id);
create index reach_sites_client on reach_sites (client_id);

-- commune_id null: records without a commune (reported, like any other category).
create table reach_communes (
  project_id uuid not null references projects (id),
  commune_id uuid references places (id),
  client_id uuid not null references clients (id),
  population_group text,
  contact_months date[] not null,
  prevention_months date[] not null,
  unique nulls not distinct (project_id, commune_id, client_id)
);
create index reach_communes_client on reach_communes (client_id);

-- Live contacts of live clients by site, commune and month (only keys with contacts).
create table contact_tallies (
  site_id uuid not null references sites (id),
  commune_id uuid references places (id),
  month date not null,
  contacts integer not null check (contacts > 0),
  unique nulls not distinct (site_id, month, commune_id)
);

-- One lock for every table derived from clients and their records (0007's neighbours too): a
-- transaction that recomputes rows waits here until any other that did has committed, then sees
-- its records (each statement of a function takes a new snapshot under read committed,
-- PostgreSQL's default and Peerlink's). One key, not one per client, so writers queue in one order
-- and never deadlock.
create function lock_client_derived() returns void language sql as $$
  select pg_advisory_xact_lock(hashtext('peerlink.client_uic_neighbours'))
$$;

-- Recomputes the reach rows of these clients from their live records.
create function refresh_reach(ids uuid[]) returns void language plpgsql as $$
begin
  if coalesce(cardinality(ids), 0) = 0 then return; end if;
  perform lock_client_derived();
  delete from reach_clients where client_id = any (ids);
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
  ),
  by_site as (
    insert into reach_sites
    select site_id, client_id, project_id, min(population_group),
           coalesce(array_agg(distinct month order by month) filter (where contact), '{}'),
           array_agg(distinct month order by month)
      from rows group by site_id, project_id, client_id
  )
  insert into reach_communes
  select project_id, commune_id, client_id, min(population_group),
         coalesce(array_agg(distinct month order by month) filter (where contact), '{}'),
         array_agg(distinct month order by month)
    from rows group by project_id, commune_id, client_id;
end
$$;

-- Recomputes the tallies of these (site, commune, month) keys (arrays of one length, zipped).
create function refresh_contact_tallies(site_ids uuid[], commune_ids uuid[], months date[])
returns void language plpgsql as $$
begin
  if coalesce(cardinality(site_ids), 0) = 0 then return; end if;
  perform lock_client_derived();
  delete from contact_tallies t
   using unnest(site_ids, commune_ids, months) k (site_id, commune_id, month)
   where t.site_id = k.site_id and t.month = k.month
     and t.commune_id is not distinct from k.commune_id;
  insert into contact_tallies (site_id, commune_id, month, contacts)
  select k.site_id, k.commune_id, k.month, count(*)
    from (select distinct * from unnest(site_ids, commune_ids, months)) k (site_id, commune_id, month)
    join contacts c on c.site_id = k.site_id
                   and c.contact_date >= k.month
                   and c.contact_date < (k.month + interval '1 month')::date
                   and c.commune_id is not distinct from k.commune_id
                   and c.voided_at is null
   where not exists (select 1 from clients v where v.id = c.client_id and v.voided_at is not null)
   group by k.site_id, k.commune_id, k.month;
end
$$;

-- Contacts: statement triggers, so a batch of a sync push (or a bulk load) recomputes each client
-- and each key once. Transition tables hold the rows as they were (old_rows) and are (new_rows).
create function contacts_refresh_reach() returns trigger language plpgsql as $$
declare
  keys record;
begin
  if tg_op = 'INSERT' then
    perform refresh_reach(array(select distinct client_id from new_rows));
    select array_agg(site_id) s, array_agg(commune_id) c, array_agg(month) m into keys
      from (select distinct site_id, commune_id, date_trunc('month', contact_date)::date as month
              from new_rows) k;
  elsif tg_op = 'UPDATE' then
    -- Only rows whose counted columns changed, before and after (a statement trigger with
    -- transition tables cannot name its columns, and a sync push rewrites every column).
    perform refresh_reach(array(
      select x.client_id
        from new_rows n join old_rows o on o.id = n.id
       cross join lateral (values (n.client_id), (o.client_id)) x (client_id)
       where (n.client_id, n.site_id, n.commune_id, n.contact_date, n.voided_at)
             is distinct from (o.client_id, o.site_id, o.commune_id, o.contact_date, o.voided_at)));
    select array_agg(site_id) s, array_agg(commune_id) c, array_agg(month) m into keys
      from (select distinct x.site_id, x.commune_id, date_trunc('month', x.contact_date)::date as month
              from new_rows n join old_rows o on o.id = n.id
             cross join lateral (values (n.site_id, n.commune_id, n.contact_date),
                                        (o.site_id, o.commune_id, o.contact_date))
                   x (site_id, commune_id, contact_date)
             where (n.client_id, n.site_id, n.commune_id, n.contact_date, n.voided_at)
                   is distinct from (o.client_id, o.site_id, o.commune_id, o.contact_date, o.voided_at)) k;
  else
    perform refresh_reach(array(select distinct client_id from old_rows));
    select array_agg(site_id) s, array_agg(commune_id) c, array_agg(month) m into keys
      from (select distinct site_id, commune_id, date_trunc('month', contact_date)::date as month
              from old_rows) k;
  end if;
  perform refresh_contact_tallies(keys.s, keys.c, keys.m);
  return null;
end
$$;

create trigger contacts_reach_insert after insert on contacts
  referencing new table as new_rows
  for each statement execute function contacts_refresh_reach();
create trigger contacts_reach_update after update on contacts
  referencing old table as old_rows new table as new_rows
  for each statement execute function contacts_refresh_reach();
create trigger contacts_reach_delete after delete on contacts
  referencing old table as old_rows
  for each statement execute function contacts_refresh_reach();

create function attendances_refresh_reach() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform refresh_reach(array(select distinct client_id from new_rows));
  elsif tg_op = 'UPDATE' then
    perform refresh_reach(array(
      select x.client_id
        from new_rows n join old_rows o on o.id = n.id
       cross join lateral (values (n.client_id), (o.client_id)) x (client_id)
       where (n.client_id, n.site_id, n.session_id, n.voided_at)
             is distinct from (o.client_id, o.site_id, o.session_id, o.voided_at)));
  else
    perform refresh_reach(array(select distinct client_id from old_rows));
  end if;
  return null;
end
$$;

create trigger group_attendances_reach_insert after insert on group_attendances
  referencing new table as new_rows
  for each statement execute function attendances_refresh_reach();
create trigger group_attendances_reach_update after update on group_attendances
  referencing old table as old_rows new table as new_rows
  for each statement execute function attendances_refresh_reach();
create trigger group_attendances_reach_delete after delete on group_attendances
  referencing old table as old_rows
  for each statement execute function attendances_refresh_reach();

-- A meeting moved, placed in another commune or voided changes the months of all who attended.
-- (Update triggers with transition tables cannot name columns: each compares old and new rows.)
create function group_sessions_refresh_reach() returns trigger language plpgsql as $$
begin
  perform refresh_reach(array(
    select distinct a.client_id
      from new_rows n join old_rows o on o.id = n.id
      join group_attendances a on a.session_id = n.id
     where (n.held_on, n.commune_id, n.voided_at) is distinct from (o.held_on, o.commune_id, o.voided_at)));
  return null;
end
$$;

create trigger group_sessions_reach_update after update on group_sessions
  referencing old table as old_rows new table as new_rows
  for each statement execute function group_sessions_refresh_reach();

-- A client voided (or restored), or whose population group changed.
create function clients_refresh_reach() returns trigger language plpgsql as $$
declare
  keys record;
begin
  perform refresh_reach(array(
    select n.id from new_rows n join old_rows o on o.id = n.id
     where (n.population_group, n.voided_at is null)
           is distinct from (o.population_group, o.voided_at is null)));
  -- Only voiding or restoring a client changes what their contacts count for.
  select array_agg(site_id) s, array_agg(commune_id) c, array_agg(month) m into keys
    from (select distinct c.site_id, c.commune_id, date_trunc('month', c.contact_date)::date as month
            from new_rows n join old_rows o on o.id = n.id
            join contacts c on c.client_id = n.id
           where (n.voided_at is null) <> (o.voided_at is null)) k;
  perform refresh_contact_tallies(keys.s, keys.c, keys.m);
  return null;
end
$$;

create trigger clients_reach_update after update on clients
  referencing old table as old_rows new table as new_rows
  for each statement execute function clients_refresh_reach();

-- What is already recorded.
select refresh_reach(array(select id from clients));
insert into contact_tallies (site_id, commune_id, month, contacts)
select c.site_id, c.commune_id, date_trunc('month', c.contact_date)::date, count(*)
  from contacts c
 where c.voided_at is null
   and not exists (select 1 from clients v where v.id = c.client_id and v.voided_at is not null)
 group by 1, 2, 3;
