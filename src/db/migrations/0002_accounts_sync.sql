-- Accounts, sessions, the audit log, and the bookkeeping of the offline sync protocol.

-- A user signs in with a username and password (argon2id hash). Roles: administrator (everything),
-- programme_officer (all sites of the organisation), site_coordinator (their sites),
-- outreach_worker (their site; their own clients), supervisor (read-only, the sites of their area).
create table users (
  id uuid primary key default gen_random_uuid(),
  username text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
  display_name text not null check (display_name <> ''),
  password_hash text not null,
  role text not null
    check (role in ('administrator', 'programme_officer', 'site_coordinator', 'outreach_worker', 'supervisor')),
  organisation_id uuid references organisations (id),
  staff_id uuid references staff (id),
  locale text not null default 'vi' check (locale in ('vi', 'en')),
  failed_logins integer not null default 0,
  locked_until timestamptz,
  password_changed_at timestamptz not null default now(),
  disabled_at timestamptz,
  created_at timestamptz not null default now()
);

create table user_sites (
  user_id uuid not null references users (id),
  site_id uuid not null references sites (id),
  primary key (user_id, site_id)
);

-- Sessions: the cookie holds a random token; the table holds only its SHA-256, so a copy of the
-- table does not let anyone sign in.
create table sessions (
  token_hash text primary key,
  user_id uuid not null references users (id),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user on sessions (user_id);

-- Failed log-ins counted per key ("ip:…"), so guessing across many usernames is slowed too.
create table login_throttle (
  key text primary key,
  failures integer not null,
  window_started_at timestamptz not null,
  locked_until timestamptz
);

-- Who read which client's identifying details, when, and why. Append-only.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  user_id uuid references users (id),
  action text not null,
  subject_type text not null,
  subject_id uuid,
  reason text not null default ''
);
create index audit_log_subject on audit_log (subject_type, subject_id);

-- Devices that sync: when each last pushed and pulled (data quality: devices silent for a week).
create table devices (
  id uuid primary key,
  user_id uuid not null references users (id),
  first_seen_at timestamptz not null default now(),
  last_push_at timestamptz,
  last_pull_at timestamptz
);

-- Every change a device pushed that was applied (or found in conflict), by its change id, with a
-- hash of its content: a retry of the same change is answered "duplicate", never applied twice.
create table sync_receipts (
  change_id uuid primary key,
  user_id uuid not null references users (id),
  record_type text not null,
  record_id uuid not null,
  content_hash text not null,
  status text not null check (status in ('applied', 'conflict')),
  version bigint,
  received_at timestamptz not null default now()
);

alter table clients add foreign key (created_by) references users (id);
alter table contacts add foreign key (created_by) references users (id);
alter table group_sessions add foreign key (created_by) references users (id);
alter table group_attendances add foreign key (created_by) references users (id);
alter table referrals add foreign key (created_by) references users (id);
alter table commodity_distributions add foreign key (created_by) references users (id);
alter table trainings add foreign key (created_by) references users (id);
alter table training_participants add foreign key (created_by) references users (id);
alter table supervision_visits add foreign key (created_by) references users (id);

-- Pull reads each table by version; these indexes make "version > cursor" a range scan.
create index clients_version on clients (version);
create index contacts_version on contacts (version);
create index group_sessions_version on group_sessions (version);
create index group_attendances_version on group_attendances (version);
create index referrals_version on referrals (version);
create index commodity_distributions_version on commodity_distributions (version);
create index trainings_version on trainings (version);
create index training_participants_version on training_participants (version);
create index supervision_visits_version on supervision_visits (version);

-- Attendances and participants carry their parent's site (a device writes them with it); a
-- training participant needs a site for scope too: the training's, or the participant's.
alter table training_participants add column site_id uuid references sites (id);
