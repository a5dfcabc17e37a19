-- A client's UIC is unique among the live clients of a SITE, not of the whole database (issue 13,
-- decision 2). A UIC is built from letters of the parents' given names, sex and birth year, so two
-- people at two sites can share one, and refusing the second registration told the worker at one
-- site that a client with that code exists at another. The same code at two sites is now
-- accepted; programme officers see such pairs in the data-quality panel, beside the near-duplicates.
drop index clients_uic_live;
-- Also the index of the push's check and of POST /api/people/uic-check (exact code at a site).
create unique index clients_site_uic_live on clients (site_id, uic) where voided_at is null;

-- The suspected duplicates (migrations 0007, 0012) now also pair clients with the same code, sex
-- and birth year: the S keys of 0007 already meet an identical code, which 0007 left out because
-- two live clients could not share one. Such a pair is at two sites while both are live (the index
-- above); readers keep live pairs only. Of two identical codes the row counted is the one of the
-- smaller client id, so the pair is still counted once.
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
            or (length(new.uic) = length(c.uic) and new.uic < c.uic)
            or (new.uic = c.uic and new.id < c.id) as new_first
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
  on conflict do nothing;
  return null;
end
$$;

-- Clients already recorded with the same code (voided ones among them: a pair is kept whatever the
-- voiding, as for near-duplicates, and follows it through uic_neighbours_follow_client).
insert into client_uic_neighbours (client_id, neighbour_id, counted,
                                   client_site_id, client_registered_on, client_live,
                                   neighbour_site_id, neighbour_registered_on, neighbour_live)
select a.id, b.id, a.id < b.id,
       a.site_id, a.registered_on, a.voided_at is null,
       b.site_id, b.registered_on, b.voided_at is null
  from clients a
  join clients b
    on b.uic = a.uic and b.sex = a.sex and b.birth_year = a.birth_year and b.id <> a.id
on conflict do nothing;
