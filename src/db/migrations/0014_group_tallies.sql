-- Group meetings and their attendances by site, commune and month, as contact_tallies holds
-- contacts (migration 0009): what a whole project's dashboard counts for whole months, by site,
-- commune or month (src/indicators/reach.ts), instead of reading every attendance of the period —
-- 0.4 s for the three years of bench/indicators' programme (300,000 attendances;
-- docs/benchmarks.md). The key is the meeting's: its site, its commune and the month it was held
-- in. A key's row is recomputed from the live records whenever one of its meetings or of their
-- attendances is written, or a client who attended one is voided or restored; no deltas, so
-- nothing can drift. Only keys with a live meeting have a row.
create table group_tallies (
  site_id uuid not null,
  commune_id uuid,
  month date not null,
  sessions integer not null check (sessions > 0),
  -- Live attendances of live clients at those meetings.
  attendances integer not null check (attendances >= 0),
  unique nulls not distinct (site_id, month, commune_id)
);

-- Recomputes the tallies of these (site, commune, month) keys (arrays of one length, zipped).
create function refresh_group_tallies(site_ids uuid[], commune_ids uuid[], months date[])
returns void language plpgsql
set plan_cache_mode = force_custom_plan as $$
begin
  if coalesce(cardinality(site_ids), 0) = 0 then return; end if;
  perform lock_client_derived();
  delete from group_tallies t
   using unnest(site_ids, commune_ids, months) k (site_id, commune_id, month)
   where t.site_id = k.site_id and t.month = k.month
     and t.commune_id is not distinct from k.commune_id;
  insert into group_tallies (site_id, commune_id, month, sessions, attendances)
  select k.site_id, k.commune_id, k.month, count(*),
         coalesce(sum((select count(*)
                         from group_attendances a
                        where a.session_id = g.id and a.voided_at is null
                          and not exists (select 1 from clients v
                                           where v.id = a.client_id and v.voided_at is not null))), 0)
    from (select distinct * from unnest(site_ids, commune_ids, months)) k (site_id, commune_id, month)
    join group_sessions g on g.site_id = k.site_id
                         and g.held_on >= k.month
                         and g.held_on < (k.month + interval '1 month')::date
                         and g.commune_id is not distinct from k.commune_id
                         and g.voided_at is null
   group by k.site_id, k.commune_id, k.month;
end
$$;

-- Meetings: statement triggers (a sync push writes a batch in one statement); the keys a meeting
-- had and has. Update triggers with transition tables cannot name columns: old and new rows are
-- compared.
create function group_sessions_refresh_tallies() returns trigger language plpgsql as $$
declare
  keys record;
begin
  if tg_op = 'INSERT' then
    select array_agg(site_id) s, array_agg(commune_id) c, array_agg(month) m into keys
      from (select distinct site_id, commune_id, date_trunc('month', held_on)::date as month
              from new_rows) k;
  elsif tg_op = 'UPDATE' then
    select array_agg(site_id) s, array_agg(commune_id) c, array_agg(month) m into keys
      from (select distinct x.site_id, x.commune_id, date_trunc('month', x.held_on)::date as month
              from new_rows n join old_rows o on o.id = n.id
             cross join lateral (values (n.site_id, n.commune_id, n.held_on),
                                        (o.site_id, o.commune_id, o.held_on))
                   x (site_id, commune_id, held_on)
             where (n.site_id, n.commune_id, n.held_on, n.voided_at)
                   is distinct from (o.site_id, o.commune_id, o.held_on, o.voided_at)) k;
  else
    select array_agg(site_id) s, array_agg(commune_id) c, array_agg(month) m into keys
      from (select distinct site_id, commune_id, date_trunc('month', held_on)::date as month
              from old_rows) k;
  end if;
  perform refresh_group_tallies(keys.s, keys.c, keys.m);
  return null;
end
$$;

create trigger group_sessions_tallies_insert after insert on group_sessions
  referencing new table as new_rows
  for each statement execute function group_sessions_refresh_tallies();
create trigger group_sessions_tallies_update after update on group_sessions
  referencing old table as old_rows new table as new_rows
  for each statement execute function group_sessions_refresh_tallies();
create trigger group_sessions_tallies_delete after delete on group_sessions
  referencing old table as old_rows
  for each statement execute function group_sessions_refresh_tallies();

-- Attendances: the keys of the meetings they were and are at.
create function group_attendances_refresh_tallies() returns trigger language plpgsql as $$
declare
  sessions uuid[];
  keys record;
begin
  if tg_op = 'INSERT' then
    sessions := array(select session_id from new_rows);
  elsif tg_op = 'UPDATE' then
    sessions := array(
      select x.session_id
        from new_rows n join old_rows o on o.id = n.id
       cross join lateral (values (n.session_id), (o.session_id)) x (session_id)
       where (n.session_id, n.client_id, n.voided_at)
             is distinct from (o.session_id, o.client_id, o.voided_at));
  else
    sessions := array(select session_id from old_rows);
  end if;
  select array_agg(site_id) s, array_agg(commune_id) c, array_agg(month) m into keys
    from (select distinct g.site_id, g.commune_id, date_trunc('month', g.held_on)::date as month
            from group_sessions g where g.id = any (sessions)) k;
  perform refresh_group_tallies(keys.s, keys.c, keys.m);
  return null;
end
$$;

create trigger group_attendances_tallies_insert after insert on group_attendances
  referencing new table as new_rows
  for each statement execute function group_attendances_refresh_tallies();
create trigger group_attendances_tallies_update after update on group_attendances
  referencing old table as old_rows new table as new_rows
  for each statement execute function group_attendances_refresh_tallies();
create trigger group_attendances_tallies_delete after delete on group_attendances
  referencing old table as old_rows
  for each statement execute function group_attendances_refresh_tallies();

-- A client voided or restored: the meetings they attended.
create function clients_refresh_group_tallies() returns trigger language plpgsql as $$
declare
  keys record;
begin
  select array_agg(site_id) s, array_agg(commune_id) c, array_agg(month) m into keys
    from (select distinct g.site_id, g.commune_id, date_trunc('month', g.held_on)::date as month
            from new_rows n join old_rows o on o.id = n.id
            join group_attendances a on a.client_id = n.id
            join group_sessions g on g.id = a.session_id
           where (n.voided_at is null) <> (o.voided_at is null)) k;
  perform refresh_group_tallies(keys.s, keys.c, keys.m);
  return null;
end
$$;

create trigger clients_group_tallies_update after update on clients
  referencing old table as old_rows new table as new_rows
  for each statement execute function clients_refresh_group_tallies();

-- What is already recorded.
insert into group_tallies (site_id, commune_id, month, sessions, attendances)
select g.site_id, g.commune_id, date_trunc('month', g.held_on)::date, count(*),
       coalesce(sum((select count(*)
                       from group_attendances a
                      where a.session_id = g.id and a.voided_at is null
                        and not exists (select 1 from clients v
                                         where v.id = a.client_id and v.voided_at is not null))), 0)
  from group_sessions g
 where g.voided_at is null
 group by 1, 2, 3;
