-- E-mail (src/mail/) and the newsletter (src/newsletter/). Addresses are personal data: they are
-- stored only encrypted (AES-256-GCM with a key from the instance secret), and found by a keyed
-- hash (HMAC-SHA-256 of the normalised address), so neither a table nor a copy of it gives one back.

-- The outbound queue: one row per message to one recipient. The Message-ID is fixed when the row
-- is made, so a message sent again after a crash (a row left in `sending`) is recognisable as the
-- same one. Once sent or given up, the address and the body are dropped: the row keeps its status,
-- Message-ID and the address's hash.
create table mail_outbox (
  id uuid primary key,
  -- The batch a message belongs to (a newsletter issue: "issue:<id>"); null for a one-off mail.
  batch_id text check (char_length(batch_id) <= 100),
  recipient_hash text not null check (char_length(recipient_hash) = 43),
  recipient bytea,
  message_id text not null unique check (char_length(message_id) <= 200),
  -- subject, text, html and headers, as JSON; null once sent or given up.
  content jsonb,
  status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  claimed_at timestamptz,
  -- The SMTP reply code and a short reason of the last failure (never the address).
  last_error text check (char_length(last_error) <= 300),
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  check ((status in ('sent', 'failed')) or (recipient is not null and content is not null))
);
-- One message per recipient and batch: enqueuing a batch again adds nobody twice.
create unique index mail_outbox_batch_recipient on mail_outbox (batch_id, recipient_hash)
  where batch_id is not null;
create index mail_outbox_due on mail_outbox (next_attempt_at, id) where status = 'queued';
create index mail_outbox_sending on mail_outbox (claimed_at) where status = 'sending';
create index mail_outbox_recipient on mail_outbox (recipient_hash);

-- Addresses whose mail failed for good (an SMTP 5xx, or retries used up): after a few such
-- failures, nothing more is sent to them.
create table mail_suppressions (
  address_hash text primary key check (char_length(address_hash) = 43),
  failures integer not null check (failures > 0),
  last_error text check (char_length(last_error) <= 300),
  suppressed_at timestamptz,
  updated_at timestamptz not null default now()
);

-- Newsletter subscribers: pending until they confirm (double opt-in), confirmed, or left.
create table newsletter_subscribers (
  id uuid primary key,
  address_hash text not null unique check (char_length(address_hash) = 43),
  address bytea not null,
  locale text not null check (locale in ('vi', 'en')),
  -- Projects of interest (their slugs); empty means everything.
  topics text[] not null default '{}' check (cardinality(topics) <= 50),
  status text not null check (status in ('pending', 'confirmed', 'left')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  confirmed_at timestamptz,
  left_at timestamptz
);
create index newsletter_subscribers_confirmed on newsletter_subscribers (locale, id)
  where status = 'confirmed';

-- What each subscriber was shown and chose, when, from which page and in which language.
create table newsletter_consents (
  id bigint generated always as identity primary key,
  subscriber_id uuid not null references newsletter_subscribers (id) on delete cascade,
  event text not null check (event in ('requested', 'confirmed', 'changed', 'left')),
  locale text not null check (locale in ('vi', 'en')),
  page text check (char_length(page) <= 500),
  shown_text text not null check (char_length(shown_text) <= 2000),
  topics text[] not null default '{}',
  at timestamptz not null default now()
);
create index newsletter_consents_subscriber on newsletter_consents (subscriber_id, id);

-- Sign-up attempts, counted per address hash and per network, in fixed windows.
create table newsletter_throttles (
  key text primary key check (char_length(key) <= 100),
  window_start timestamptz not null,
  count integer not null check (count > 0)
);

-- An issue of the newsletter: free text and news posts (by id, read through src/content/), in
-- each language; sent once, as the mail batch "issue:<id>".
create table newsletter_issues (
  id uuid primary key,
  state text not null default 'draft' check (state in ('draft', 'sending', 'sent')),
  subject_vi text not null default '' check (char_length(subject_vi) <= 200),
  subject_en text not null default '' check (char_length(subject_en) <= 200),
  intro_vi text not null default '' check (char_length(intro_vi) <= 20000),
  intro_en text not null default '' check (char_length(intro_en) <= 20000),
  news_ids uuid[] not null default '{}' check (cardinality(news_ids) <= 20),
  -- The project the issue is about (a slug), or null: it goes to subscribers who chose that
  -- project or chose none; an issue about no project goes to every confirmed subscriber.
  topic text check (char_length(topic) <= 120),
  recipients integer,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  sent_by uuid references users (id),
  sent_at timestamptz
);
