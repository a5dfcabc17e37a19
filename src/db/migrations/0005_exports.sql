-- Exports: a report or data file a signed-in user asked for, made by a background job and kept here
-- for download until it expires. The file itself is stored in the row, so no app process keeps
-- files of its own. The jobs that make them live in pg-boss's own schema (`pgboss`), which pg-boss
-- creates and migrates itself at start (src/jobs/runner.ts).
create table exports (
  id uuid primary key,
  project_id uuid not null references projects (id),
  -- Renderers are registered in code (src/exports/renderers.ts): checked by form here.
  kind text not null check (kind ~ '^[a-z][a-z0-9_]{0,39}$'),
  -- What the file covers: period, the sites the requester may read, language (ExportParams).
  params jsonb not null,
  requested_by uuid not null references users (id),
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  progress integer not null default 0 check (progress between 0 and 100),
  -- A message key and its values, translated when read, in the reader's language.
  progress_note text,
  progress_values jsonb,
  -- A stable code (message key `exports.error.<code>`), never a stack trace or personal data.
  error_code text check (error_code ~ '^[a-z][a-z0-9_]{0,59}$'),
  -- Deliveries of the job so far: a delivery writes only while it is the latest, so a stale one
  -- (expired, yet still running) never overwrites the progress or the file of the next.
  attempts integer not null default 0,
  file_name text,
  content_type text,
  size_bytes integer,
  content bytea,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  expires_at timestamptz not null,
  check ((status = 'done') = (content is not null)),
  check (status <> 'failed' or error_code is not null)
);
create index exports_requested_by on exports (requested_by, created_at desc);
create index exports_project on exports (project_id, created_at desc);
create index exports_expires_at on exports (expires_at);
