-- Targets: what a project (site_id null) or one of its sites aims to reach on an indicator over a
-- period. Indicator ids are defined in code (src/indicators/definitions.ts), so they are checked by
-- form here and by the service on write, not by a foreign key.

-- Lets a target's site be checked to belong to the target's project (the foreign key below); the
-- pair is unique anyway, since id is.
alter table sites add constraint sites_id_project_key unique (id, project_id);

create table targets (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references projects (id),
  site_id uuid,
  indicator_id text not null check (indicator_id ~ '^[a-z][a-z0-9_]*$'),
  period_start date not null,
  period_end date not null,
  -- numeric: some targets are rates or fractions of people (e.g. 2.5 condoms per contact).
  value numeric not null check (value >= 0),
  check (period_end >= period_start),
  -- A null site_id skips this check (MATCH SIMPLE): a project-wide target has no site.
  foreign key (site_id, project_id) references sites (id, project_id),
  -- nulls not distinct: one project-wide target per indicator and period, not one per insert.
  unique nulls not distinct (project_id, site_id, indicator_id, period_start, period_end)
);
create index targets_site on targets (site_id) where site_id is not null;
