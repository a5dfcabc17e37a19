-- The data-quality panel's counts and lists read indexes holding every column they need (index-only
-- scans), not the rows: for the three years of bench/indicators' programme the suspected duplicates
-- are 358,000 pairs and the records without a commune 48,000 (docs/benchmarks.md).

-- Suspected duplicates (migration 0012): the pairs of live clients, counted once, with what the
-- count filters on; and the same pairs newest first, so the list stops at its hundredth.
create index client_uic_neighbours_live on client_uic_neighbours
  (client_registered_on, neighbour_registered_on) include (client_site_id, neighbour_site_id)
  where counted and client_live and neighbour_live;
create index client_uic_neighbours_newest on client_uic_neighbours
  ((greatest(client_registered_on, neighbour_registered_on)) desc, client_id, neighbour_id)
  where counted and client_live and neighbour_live;
drop index client_uic_neighbours_client_registered;
drop index client_uic_neighbours_neighbour_registered;

-- Records without a commune (migration 0010's indexes, now with the record's id).
create index contacts_without_commune_listed on contacts (contact_date)
  include (id, site_id, client_id) where commune_id is null and voided_at is null;
drop index contacts_without_commune;
create index group_sessions_without_commune_listed on group_sessions (held_on) include (id, site_id)
  where commune_id is null and voided_at is null;
drop index group_sessions_without_commune;
