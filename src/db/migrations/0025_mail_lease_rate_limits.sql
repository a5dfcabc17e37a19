-- The mail sender's lease (src/mail/worker.ts): one app process at a time sends the queue, the one
-- whose lease is live. It renews the lease while it works; when a process dies its lease runs out
-- and another takes it over, queuing again what the dead one had claimed.
create table mail_sender_lease (
  -- One row: there is one queue.
  id integer primary key default 1 check (id = 1),
  -- The holding worker's id (a UUID made at its start).
  holder uuid not null,
  expires_at timestamptz not null,
  acquired_at timestamptz not null
);

-- Fixed-window counts of attempts per key (src/lib/rate-limit.ts), shared by features: the
-- newsletter's sign-ups (per address and per network) and test sends (per editor). The
-- newsletter's own table becomes the shared one; its keys stay as they were.
alter table newsletter_throttles rename to rate_limits;
alter table rate_limits rename constraint newsletter_throttles_pkey to rate_limits_pkey;
