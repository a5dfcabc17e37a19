-- The suspected duplicates of a period and scope are counted from client_uic_neighbours alone
-- (src/indicators/data-quality-queries.ts). Joining each stored pair to both its clients and their
-- sites, and ordering every pair by code, cost 1.6 s for the three years of bench/indicators'
-- programme (358,000 pairs; docs/benchmarks.md), the most of any query of the dashboard. So each
-- row now carries what the panel filters on, of both its clients — site, registration day, live or
-- voided — kept current by a trigger when a client's site, registration day or voiding changes; and
-- which of the pair's two rows is the one counted (`counted`: the client's code is the shorter, or
-- of one length the first), so a pair is counted once without comparing codes.
alter table client_uic_neighbours
  add column counted boolean,
  add column client_site_id uuid,
  add column client_registered_on date,
  add column client_live boolean,
  add column neighbour_site_id uuid,
  add column neighbour_registered_on date,
  add column neighbour_live boolean;

update client_uic_neighbours n
   set counted = length(a.uic) < length(b.uic) or (length(a.uic) = length(b.uic) and a.uic < b.uic),
       client_site_id = a.site_id, client_registered_on = a.registered_on,
       client_live = a.voided_at is null,
       neighbour_site_id = b.site_id, neighbour_registered_on = b.registered_on,
       neighbour_live = b.voided_at is null
  from clients a, clients b
 where a.id = n.client_id and b.id = n.neighbour_id;

alter table client_uic_neighbours
  alter column counted set not null,
  alter column client_site_id set not null,
  alter column client_registered_on set not null,
  alter column client_live set not null,
  alter column neighbour_site_id set not null,
  alter column neighbour_registered_on set not null,
  alter column neighbour_live set not null;

-- A short period's pairs: those with either client registered in it.
create index client_uic_neighbours_client_registered on client_uic_neighbours (client_registered_on)
  where counted;
create index client_uic_neighbours_neighbour_registered
  on client_uic_neighbours (neighbour_registered_on) where counted;

-- 0007's function, now writing both clients' facts with each pair.
create or replace function refresh_uic_neighbours() returns trigger language plpgsql as $$
begin
  perform lock_client_derived();
  if tg_op = 'UPDATE' then
    delete from client_uic_neighbours where client_id = new.id or neighbour_id = new.id;
  end if;
  insert into client_uic_neighbours (client_id, neighbour_id, counted,
                                     client_site_id, client_registered_on, client_live,
                                     neighbour_site_id, neighbour_registered_on, neighbour_live)
  select pair.*
    from clients c
   cross join lateral (
     select length(new.uic) < length(c.uic)
            or (length(new.uic) = length(c.uic) and new.uic < c.uic) as new_first
   ) o
   cross join lateral (values
     (new.id, c.id, o.new_first, new.site_id, new.registered_on, new.voided_at is null,
      c.site_id, c.registered_on, c.voided_at is null),
     (c.id, new.id, not o.new_first, c.site_id, c.registered_on, c.voided_at is null,
      new.site_id, new.registered_on, new.voided_at is null)
   ) pair
   where uic_neighbour_keys(c.sex, c.birth_year, c.uic)
         && uic_neighbour_probes(new.sex, new.birth_year, new.uic)
     and c.id <> new.id
     and c.uic <> new.uic
  on conflict do nothing;
  return null;
end
$$;

-- A client moved to another site, re-dated, voided or restored: their pairs follow, from both
-- sides. The same lock as the pairs' writers, so a pair written at the same moment by another
-- transaction (with this client's facts as they were) is seen and brought up to date.
create function uic_neighbours_follow_client() returns trigger language plpgsql as $$
begin
  perform lock_client_derived();
  update client_uic_neighbours
     set client_site_id = new.site_id, client_registered_on = new.registered_on,
         client_live = new.voided_at is null
   where client_id = new.id;
  update client_uic_neighbours
     set neighbour_site_id = new.site_id, neighbour_registered_on = new.registered_on,
         neighbour_live = new.voided_at is null
   where neighbour_id = new.id;
  return null;
end
$$;

create trigger clients_uic_neighbours_facts after update of site_id, registered_on, voided_at
  on clients
  for each row
  when (old.site_id is distinct from new.site_id
        or old.registered_on is distinct from new.registered_on
        or (old.voided_at is null) is distinct from (new.voided_at is null))
  execute function uic_neighbours_follow_client();
