-- Suspected duplicate clients, kept current as clients are written (the dashboard's data-quality
-- panel, src/indicators/data-quality-queries.ts). Two clients are neighbours when they have the
-- same sex and birth year and codes one edit apart: one character substituted, added or left out.
-- Searching for them when the panel is shown meant expanding every client's code (50 s, then 5 s
-- for 100,000 clients, docs/benchmarks.md); instead each client's neighbours are found once, when
-- the client is inserted or its code, sex or birth year changes, through a GIN index, and kept in
-- client_uic_neighbours. Voiding does not change the pairs: readers leave voided clients out.
--
-- A code is indexed by keys that meet exactly its neighbours' probes (k = sex:birth_year):
--   S:k:p:<code without character p>   for each p: the same length, differing at p only
--   F:k:<code>                          met by a longer code's probe of its own deletions
--   I:k:<code without character p>     met by a shorter code's probe I:k:<that code>
create function uic_neighbour_keys(sex text, birth_year smallint, uic text) returns text[]
language sql immutable strict parallel safe
return array(
  select 'F:' || sex || ':' || birth_year || ':' || uic
  union all
  select 'S:' || sex || ':' || birth_year || ':' || p || ':' || overlay(uic placing '' from p for 1)
    from generate_series(1, length(uic)) p
  union all
  select 'I:' || sex || ':' || birth_year || ':' || overlay(uic placing '' from p for 1)
    from generate_series(1, length(uic)) p
);

-- What a code looks for: the codes one substitution away (S), one character longer (I) and one
-- character shorter (F).
create function uic_neighbour_probes(sex text, birth_year smallint, uic text) returns text[]
language sql immutable strict parallel safe
return array(
  select 'I:' || sex || ':' || birth_year || ':' || uic
  union all
  select 'S:' || sex || ':' || birth_year || ':' || p || ':' || overlay(uic placing '' from p for 1)
    from generate_series(1, length(uic)) p
  union all
  select 'F:' || sex || ':' || birth_year || ':' || overlay(uic placing '' from p for 1)
    from generate_series(1, length(uic)) p
);

-- Without a pending list: each insert searches the index at once (the trigger below), and a
-- search reads the whole pending list (2 ms after a thousand inserts, instead of 0.05 ms).
create index clients_uic_neighbour_keys on clients
  using gin (uic_neighbour_keys(sex, birth_year, uic)) with (fastupdate = off);

-- Each pair is stored both ways, so a client's neighbours are one index lookup.
create table client_uic_neighbours (
  client_id uuid not null references clients (id),
  neighbour_id uuid not null references clients (id),
  primary key (client_id, neighbour_id)
);
create index client_uic_neighbours_neighbour on client_uic_neighbours (neighbour_id);

create function refresh_uic_neighbours() returns trigger language plpgsql as $$
begin
  -- Two transactions adding neighbours at once would not see each other's rows: the one that comes
  -- second waits here until the first has committed, then sees it (each statement of a function
  -- takes a new snapshot under read committed, PostgreSQL's default and Peerlink's).
  perform pg_advisory_xact_lock(hashtext('peerlink.client_uic_neighbours'));
  if tg_op = 'UPDATE' then
    delete from client_uic_neighbours where client_id = new.id or neighbour_id = new.id;
  end if;
  insert into client_uic_neighbours (client_id, neighbour_id)
  select pair.client_id, pair.neighbour_id
    from clients c
    cross join lateral (values (new.id, c.id), (c.id, new.id)) pair (client_id, neighbour_id)
   where uic_neighbour_keys(c.sex, c.birth_year, c.uic)
         && uic_neighbour_probes(new.sex, new.birth_year, new.uic)
     and c.id <> new.id
     and c.uic <> new.uic
  on conflict do nothing;
  return null;
end
$$;

create trigger clients_uic_neighbours_insert after insert on clients
  for each row execute function refresh_uic_neighbours();
create trigger clients_uic_neighbours_update after update of uic, sex, birth_year on clients
  for each row
  when (old.uic is distinct from new.uic
        or old.sex is distinct from new.sex
        or old.birth_year is distinct from new.birth_year)
  execute function refresh_uic_neighbours();

-- The clients already recorded.
insert into client_uic_neighbours (client_id, neighbour_id)
select a.id, b.id
  from clients a
  join clients b
    on uic_neighbour_keys(b.sex, b.birth_year, b.uic) && uic_neighbour_probes(a.sex, a.birth_year, a.uic)
   and b.id <> a.id
   and b.uic <> a.uic;
