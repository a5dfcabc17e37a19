-- Peerlink domain model v1: places, organisations, projects and sites, staff, clients, and the
-- field records (contacts, group sessions, referrals, distributions, trainings, supervision).
--
-- Records that a device can create carry a client-generated UUIDv7 id, created/updated times, the
-- creating user, their site, and a server-assigned `version` from one global sequence (the sync
-- cursor). Nothing is deleted: a record is voided with a reason.

create sequence record_version as bigint;

-- Server-side bookkeeping on every write of a synced record: a new version, a fresh updated_at.
create function touch_record() returns trigger language plpgsql as $$
begin
  new.version := nextval('record_version');
  new.updated_at := now();
  return new;
end;
$$;

-- Administrative units. Codes are the GSO's (national statistics office); a code can be reused
-- after a reform, so a unit is identified by (level, code, valid_from), and records keep pointing
-- at the unit that was valid on their date.
create table places (
  id uuid primary key default gen_random_uuid(),
  code text not null check (code ~ '^[0-9]{2,5}$'),
  level text not null check (level in ('province', 'district', 'commune')),
  kind text not null check (kind in ('tỉnh', 'thành phố', 'thị xã', 'huyện', 'quận', 'phường', 'xã', 'thị trấn')),
  name text not null check (name <> ''),
  parent_id uuid references places (id),
  valid_from date,
  valid_to date,
  check (valid_to is null or valid_from is null or valid_to > valid_from),
  check ((level = 'province') = (parent_id is null))
);
create unique index places_level_code_from on places (level, code, coalesce(valid_from, '-infinity'::date));
create index places_parent on places (parent_id);

create table organisations (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9-]+$'),
  short_name text not null,
  name_vi text not null,
  name_en text not null,
  kind text not null check (kind in ('implementer', 'sponsor', 'government_partner', 'cbo')),
  about_vi text not null default '',
  about_en text not null default '',
  website text
);

-- Narrative fields hold plain text: prose sections are paragraphs separated by a blank line; list
-- sections (enablers, difficulties, lessons, recommendations) hold one item per line.
create table projects (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9-]+$'),
  implementer_id uuid not null references organisations (id),
  status text not null default 'draft' check (status in ('draft', 'published')),
  starts_on date not null,
  ends_on date not null check (ends_on >= starts_on),
  published_on date,
  name_vi text not null,
  name_en text not null,
  summary_vi text not null default '',
  summary_en text not null default '',
  background_vi text not null default '',
  background_en text not null default '',
  objectives_vi text not null default '',
  objectives_en text not null default '',
  target_populations_vi text not null default '',
  target_populations_en text not null default '',
  locations_vi text not null default '',
  locations_en text not null default '',
  enablers_vi text not null default '',
  enablers_en text not null default '',
  difficulties_vi text not null default '',
  difficulties_en text not null default '',
  lessons_vi text not null default '',
  lessons_en text not null default '',
  recommendations_vi text not null default '',
  recommendations_en text not null default ''
);

create table project_organisations (
  project_id uuid not null references projects (id),
  organisation_id uuid not null references organisations (id),
  role text not null check (role in ('sponsor', 'government_partner', 'partner')),
  primary key (project_id, organisation_id, role)
);

-- A site: a project working in a place (a district before 2025), with its team and the estimated
-- size of the population it serves. Its catchment communes are the "communes in area".
create table sites (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references projects (id),
  place_id uuid not null references places (id),
  code text not null check (code ~ '^[A-Z0-9-]+$'),
  name_vi text not null,
  name_en text not null,
  population_size_estimate integer check (population_size_estimate >= 0),
  unique (project_id, code),
  unique (project_id, place_id)
);

create table site_communes (
  site_id uuid not null references sites (id),
  place_id uuid not null references places (id),
  primary key (site_id, place_id)
);

create table staff (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  display_name text not null check (display_name <> ''),
  role text not null check (role in ('programme_officer', 'coordinator', 'outreach_worker', 'supervisor')),
  starts_on date not null,
  ends_on date,
  check (ends_on is null or ends_on >= starts_on)
);

create table staff_sites (
  staff_id uuid not null references staff (id),
  site_id uuid not null references sites (id),
  primary key (staff_id, site_id)
);

-- Clients: a person is known by a UIC, never by a required name. Name and phone are optional and
-- stored only encrypted (AES-256-GCM, key from configuration).
create table clients (
  id uuid primary key,
  site_id uuid not null references sites (id),
  uic text not null check (uic ~ '^[A-Z0-9]{4,20}$'),
  sex text not null check (sex in ('female', 'male', 'other')),
  birth_year smallint not null check (birth_year between 1900 and 2100),
  population_group text not null
    check (population_group in ('partner_pwud', 'pwud', 'pwid', 'sex_worker', 'msm', 'transgender', 'other')),
  home_commune_id uuid references places (id),
  name_encrypted bytea,
  phone_encrypted bytea,
  registered_on date not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  version bigint not null default nextval('record_version'),
  voided_at timestamptz,
  void_reason text,
  check ((voided_at is null) = (void_reason is null))
);
create unique index clients_uic_live on clients (uic) where voided_at is null;

create table contacts (
  id uuid primary key,
  site_id uuid not null references sites (id),
  client_id uuid not null references clients (id),
  staff_id uuid references staff (id),
  contact_date date not null,
  commune_id uuid references places (id),
  topics text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  version bigint not null default nextval('record_version'),
  voided_at timestamptz,
  void_reason text,
  check ((voided_at is null) = (void_reason is null))
);
create index contacts_site_date on contacts (site_id, contact_date) where voided_at is null;
create index contacts_client on contacts (client_id);

create table group_sessions (
  id uuid primary key,
  site_id uuid not null references sites (id),
  held_on date not null,
  commune_id uuid references places (id),
  facilitator_id uuid references staff (id),
  topic text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  version bigint not null default nextval('record_version'),
  voided_at timestamptz,
  void_reason text,
  check ((voided_at is null) = (void_reason is null))
);
create index group_sessions_site_date on group_sessions (site_id, held_on) where voided_at is null;

create table group_attendances (
  id uuid primary key,
  site_id uuid not null references sites (id),
  session_id uuid not null references group_sessions (id),
  client_id uuid not null references clients (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  version bigint not null default nextval('record_version'),
  voided_at timestamptz,
  void_reason text,
  check ((voided_at is null) = (void_reason is null))
);
create unique index group_attendances_live on group_attendances (session_id, client_id) where voided_at is null;

-- A referral moves referred → arrived → result. For an HIV test the result is the test's.
create table referrals (
  id uuid primary key,
  site_id uuid not null references sites (id),
  client_id uuid not null references clients (id),
  referred_by uuid references staff (id),
  service text not null check (service in ('hiv_test', 'sti', 'mmt', 'art', 'prep', 'srh')),
  facility text not null default '',
  referred_on date not null,
  arrived_on date check (arrived_on >= referred_on),
  result text check (result in ('negative', 'positive', 'indeterminate')),
  result_on date check (result_on >= arrived_on),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  version bigint not null default nextval('record_version'),
  voided_at timestamptz,
  void_reason text,
  check ((voided_at is null) = (void_reason is null)),
  check (arrived_on is not null or result is null),
  check ((result is null) = (result_on is null))
);
create index referrals_site_arrived on referrals (site_id, arrived_on) where voided_at is null;
create index referrals_client on referrals (client_id);

-- Commodities handed out: to a client (often during a contact), at a group session, or at an event.
create table commodity_distributions (
  id uuid primary key,
  site_id uuid not null references sites (id),
  item text not null check (item in ('condom', 'lubricant', 'needle_syringe', 'test_kit', 'leaflet')),
  quantity integer not null check (quantity > 0),
  distributed_on date not null,
  client_id uuid references clients (id),
  contact_id uuid references contacts (id),
  group_session_id uuid references group_sessions (id),
  staff_id uuid references staff (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  version bigint not null default nextval('record_version'),
  voided_at timestamptz,
  void_reason text,
  check ((voided_at is null) = (void_reason is null))
);
create index commodity_distributions_site_date on commodity_distributions (site_id, distributed_on) where voided_at is null;

-- Trainings of staff: initial and refresher courses (often project-wide: no site), and on-the-job
-- coaching rounds held at one site.
create table trainings (
  id uuid primary key,
  project_id uuid not null references projects (id),
  site_id uuid references sites (id),
  kind text not null check (kind in ('initial', 'refresher', 'coaching')),
  title text not null check (title <> ''),
  starts_on date not null,
  ends_on date not null check (ends_on >= starts_on),
  venue text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  version bigint not null default nextval('record_version'),
  voided_at timestamptz,
  void_reason text,
  check ((voided_at is null) = (void_reason is null)),
  check (kind <> 'coaching' or site_id is not null)
);
create index trainings_project_date on trainings (project_id, starts_on) where voided_at is null;

create table training_participants (
  id uuid primary key,
  training_id uuid not null references trainings (id),
  staff_id uuid not null references staff (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  version bigint not null default nextval('record_version'),
  voided_at timestamptz,
  void_reason text,
  check ((voided_at is null) = (void_reason is null))
);
create unique index training_participants_live on training_participants (training_id, staff_id) where voided_at is null;

create table supervision_visits (
  id uuid primary key,
  site_id uuid not null references sites (id),
  supervisor_id uuid references staff (id),
  visited_on date not null,
  findings text not null default '',
  actions text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  version bigint not null default nextval('record_version'),
  voided_at timestamptz,
  void_reason text,
  check ((voided_at is null) = (void_reason is null))
);

create trigger clients_touch before update on clients for each row execute function touch_record();
create trigger contacts_touch before update on contacts for each row execute function touch_record();
create trigger group_sessions_touch before update on group_sessions for each row execute function touch_record();
create trigger group_attendances_touch before update on group_attendances for each row execute function touch_record();
create trigger referrals_touch before update on referrals for each row execute function touch_record();
create trigger commodity_distributions_touch before update on commodity_distributions for each row execute function touch_record();
create trigger trainings_touch before update on trainings for each row execute function touch_record();
create trigger training_participants_touch before update on training_participants for each row execute function touch_record();
create trigger supervision_visits_touch before update on supervision_visits for each row execute function touch_record();
