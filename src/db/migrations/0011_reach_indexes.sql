-- What the reach triggers (migration 0009) look up for each write: a client's attendances, and a
-- meeting's attendances whether voided or not (group_attendances_live holds only the live ones).
-- Without them, recomputing one client read every attendance: 99 ms per write at
-- bench/indicators scale (300,000 attendances) instead of about 1 ms.
create index group_attendances_client on group_attendances (client_id);
create index group_attendances_session on group_attendances (session_id);

-- The reach tables are derived from records whose own foreign keys already hold, and are
-- recomputed, never edited: checking each derived row's keys again cost more than computing it
-- (a trigger per row and key — 10 of them for one client's rows).
alter table reach_clients drop constraint reach_clients_project_id_fkey,
  drop constraint reach_clients_client_id_fkey;
alter table reach_sites drop constraint reach_sites_site_id_fkey,
  drop constraint reach_sites_client_id_fkey, drop constraint reach_sites_project_id_fkey;
alter table reach_communes drop constraint reach_communes_project_id_fkey,
  drop constraint reach_communes_commune_id_fkey, drop constraint reach_communes_client_id_fkey;
alter table contact_tallies drop constraint contact_tallies_site_id_fkey,
  drop constraint contact_tallies_commune_id_fkey;

-- Planned for the clients at hand each time: one client is a few index lookups, a bulk load's
-- hundred thousand a hash join; a plan cached for one would be wrong for the other.
alter function refresh_reach(uuid[]) set plan_cache_mode = force_custom_plan;
alter function refresh_contact_tallies(uuid[], uuid[], date[]) set plan_cache_mode = force_custom_plan;
