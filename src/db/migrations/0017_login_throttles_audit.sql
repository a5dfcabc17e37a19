-- Sign-in throttling that an attacker cannot turn against the real user, and one append-only
-- audit log of administration (src/auth/throttle.ts, src/audit/).

-- Failed sign-ins are counted per key, and a key whose count is high makes the next attempt wait
-- (growing delays, never a lock that only an administrator can end):
--   account       attempts at an account from devices without its device cookie (key: user id)
--   unknown_name  the same for a username that does not exist (key: a hash of the name), so a
--                 delay never tells whether an account exists
--   device        attempts from one device cookie of an account (key: the cookie's random id)
--   address       attempts without a device cookie from one client address (an IPv4 address or
--                 an IPv6 /64)
-- `level` is the failure count, which drains with time (throttle.ts says how fast per kind):
-- it is the count at `updated_at`. `blocked_until` is when the next attempt may be made.
create table login_throttles (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('account', 'unknown_name', 'device', 'address')),
  key text not null,
  -- The account an 'account' or 'device' row is about, for the administrators' list.
  user_id uuid references users (id),
  level double precision not null check (level >= 0),
  updated_at timestamptz not null,
  last_failure_at timestamptz not null,
  blocked_until timestamptz,
  unique (kind, key),
  check ((kind in ('account', 'device')) = (user_id is not null))
);
create index login_throttles_user on login_throttles (user_id) where user_id is not null;

-- The counters of migrations 0002 and 0003 are replaced by the table above. A lock they hold
-- ends here: the new counts start from nothing.
drop table login_throttle;
alter table users
  drop column failed_logins,
  drop column failed_logins_since,
  drop column locked_until;

-- The audit log grows from "who read which client's details" to every act of administration:
-- who (actor_id; null for the operator at the server's command line, channel 'cli'), from which
-- client address, when, what (action), to what (target_type, target_id: ids only, never a
-- client's name, phone or UIC) and the particulars (details: ids, roles, codes; see
-- src/audit/service.ts for what each action may hold).
alter table audit_log rename column user_id to actor_id;
alter table audit_log rename column subject_type to target_type;
alter table audit_log rename column subject_id to target_id;
-- Targets are not all uuids: a lifted throttle's target may be a client address.
alter table audit_log alter column target_id type text using target_id::text;
alter table audit_log add column channel text not null default 'api' check (channel in ('api', 'cli'));
-- Text, not inet: behind a trusted proxy the address is what the proxy said, checked by nothing.
alter table audit_log add column address text;
alter table audit_log add column details jsonb not null default '{}'::jsonb;
update audit_log set details = jsonb_build_object('reason', reason);
alter table audit_log drop column reason;

drop index audit_log_subject;
create index audit_log_target on audit_log (target_type, target_id, id);
create index audit_log_actor on audit_log (actor_id, id);
create index audit_log_action on audit_log (action, id);
create index audit_log_at on audit_log (at);

-- Append-only, whatever the code above it does: no row is ever changed or removed. (TRUNCATE is
-- left to the operator's whole-database wipe, `peerlink demo reset`.)
create function refuse_audit_log_change() returns trigger language plpgsql as $$
begin
  raise exception 'the audit log is append-only: % is refused', tg_op
    using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_log_append_only
  before update or delete on audit_log
  for each row execute function refuse_audit_log_change();
