-- Content the NGO runs itself (src/content/): pages, news posts, activities, sponsors and partners,
-- and projects' narrative sections, each with every save kept as a revision and the old slugs of
-- published items kept so their addresses answer with a 301.

-- One row per item: its current state and the fields of its latest revision (Markdown source and
-- the sanitised HTML rendered from it at save), so a public page reads one row. Slugs, titles and
-- dates are copied out of `fields` into columns so the database can check and index them.
create table content_items (
  id uuid primary key,
  kind text not null check (kind in ('page', 'news', 'activity', 'partner', 'project')),
  state text not null default 'draft'
    check (state in ('draft', 'scheduled', 'published', 'archived')),
  -- The project a narrative belongs to (required for kind 'project'), or that a post is about.
  -- Checked against the programmes' service on save, not by a foreign key: projects are theirs.
  project_slug text check (project_slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  is_demo boolean not null default false,
  revision integer not null check (revision >= 1),
  fields jsonb not null,
  html jsonb not null,
  slug_vi text check (slug_vi ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug_vi) <= 120),
  slug_en text check (slug_en ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug_en) <= 120),
  title_vi text not null default '',
  title_en text not null default '',
  starts_at timestamptz,
  ends_at timestamptz,
  -- When a scheduled item goes public: it counts as published from then on, decided when read.
  publish_at timestamptz,
  published_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  updated_by uuid references users (id),
  check (state <> 'scheduled' or publish_at is not null),
  check (kind <> 'project' or project_slug is not null)
);

-- A slug names one live item per kind and language; an archived item gives its slug up.
create unique index content_items_slug_vi on content_items (kind, slug_vi)
  where state <> 'archived' and slug_vi is not null;
create unique index content_items_slug_en on content_items (kind, slug_en)
  where state <> 'archived' and slug_en is not null;
-- One live narrative per project.
create unique index content_items_project_narrative on content_items (project_slug)
  where kind = 'project' and state <> 'archived';
create index content_items_public on content_items (kind, state, published_at desc);
create index content_items_project on content_items (project_slug, kind) where project_slug is not null;

-- Every save and every change of state: the whole set of fields as it was then, who and when.
create table content_revisions (
  item_id uuid not null references content_items (id),
  number integer not null check (number >= 1),
  fields jsonb not null,
  html jsonb not null,
  state text not null check (state in ('draft', 'scheduled', 'published', 'archived')),
  note text not null
    check (note in ('created', 'saved', 'published', 'scheduled', 'unpublished', 'archived', 'restored')),
  restored_from integer,
  saved_at timestamptz not null,
  -- Null for the demo loaded by the server itself.
  saved_by uuid references users (id),
  primary key (item_id, number),
  check ((note = 'restored') = (restored_from is not null))
);

-- Slugs a published item had before: an address that once worked answers with a 301 to the
-- item's current one. A slug now used by a live item is that item's, whatever this table says.
create table content_slug_history (
  kind text not null,
  locale text not null check (locale in ('vi', 'en')),
  slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  item_id uuid not null references content_items (id),
  retired_at timestamptz not null,
  primary key (kind, locale, slug)
);

create trigger content_changed after insert or update or delete or truncate on content_items
  for each statement execute function peerlink_notify_change('content');
create trigger content_changed after insert or update or delete or truncate on content_slug_history
  for each statement execute function peerlink_notify_change('content');
create trigger content_changed after insert or update or delete or truncate on content_revisions
  for each statement execute function peerlink_notify_change('content');
