-- A finer notice for the public figures: 'past_records', sent only when a statement changes a
-- record dated before the current quarter (or one whose change can move such figures).
--
-- The public release publishes ended quarters only (src/indicators/release.ts), so the field work
-- of today — nearly every record a phone sends — cannot change a published figure, and the public
-- pages keyed on 'past_records' instead of 'records' are not remade for it
-- (src/db/change-notices.ts). 'records' is still sent for every change, as before.
--
-- "The current quarter" is taken in Việt Nam (UTC+7, no summer time) one day ahead: on a quarter's
-- last day every record already counts as past, so a server clock up to a day ahead of the
-- database's never publishes a quarter that a record it was not told of has changed.
create function peerlink_past_cutoff() returns date language sql stable as $$
  select date_trunc('quarter', (now() at time zone 'UTC') + interval '7 hours' + interval '1 day')::date
$$;

-- Arguments: the date of a changed row `r` as an expression (null: every change counts), and what
-- to join to reach it (a session's date for its attendances). Both are constants written below,
-- never data. The rows are the statement's transition tables: new_rows (insert, update) and
-- old_rows (update, delete) — moving a record out of a past quarter changes that quarter too.
create function peerlink_notify_past_records() returns trigger language plpgsql as $$
declare
  dated text := tg_argv[0];
  joined text := coalesce(tg_argv[1], '');
  past boolean := false;
begin
  if tg_op = 'TRUNCATE' or dated is null then
    past := true;
  else
    if tg_op in ('INSERT', 'UPDATE') then
      execute format('select exists (select 1 from new_rows r %s where %s < $1)', joined, dated)
        into past using peerlink_past_cutoff();
    end if;
    if not past and tg_op in ('UPDATE', 'DELETE') then
      execute format('select exists (select 1 from old_rows r %s where %s < $1)', joined, dated)
        into past using peerlink_past_cutoff();
    end if;
  end if;
  if past then
    perform pg_notify('peerlink_change', 'past_records');
  end if;
  return null;
end
$$;

-- A record's own date. Transition tables need one trigger per kind of statement.
do $$
declare
  dated record;
begin
  for dated in
    select * from (values
      ('contacts', 'r.contact_date', ''),
      ('group_sessions', 'r.held_on', ''),
      ('group_attendances', 's.held_on', 'join group_sessions s on s.id = r.session_id'),
      ('referrals', 'r.referred_on', ''),
      ('commodity_distributions', 'r.distributed_on', ''),
      ('trainings', 'r.starts_on', ''),
      ('training_participants', 't.starts_on', 'join trainings t on t.id = r.training_id'),
      ('supervision_visits', 'r.visited_on', '')
    ) as t (tab, expr, joins)
  loop
    execute format(
      'create trigger %I after insert on %I referencing new table as new_rows for each statement execute function peerlink_notify_past_records(%L, %L)',
      'past_records_inserted', dated.tab, dated.expr, dated.joins);
    execute format(
      'create trigger %I after update on %I referencing old table as old_rows new table as new_rows for each statement execute function peerlink_notify_past_records(%L, %L)',
      'past_records_updated', dated.tab, dated.expr, dated.joins);
    execute format(
      'create trigger %I after delete on %I referencing old table as old_rows for each statement execute function peerlink_notify_past_records(%L, %L)',
      'past_records_deleted', dated.tab, dated.expr, dated.joins);
    execute format(
      'create trigger %I after truncate on %I for each statement execute function peerlink_notify_past_records()',
      'past_records_truncated', dated.tab);
  end loop;
end
$$;

-- A new client counts by the day it was registered; a client changed or removed always counts:
-- who they are (sex, age, group) divides the figures of every quarter they were reached in.
create trigger past_records_inserted after insert on clients referencing new table as new_rows
  for each statement execute function peerlink_notify_past_records('r.registered_on', '');
create trigger past_records_changed after update or delete or truncate on clients
  for each statement execute function peerlink_notify_past_records();

-- The staff trained and their sites have no date of their own: every change counts.
create trigger past_records_changed after insert or update or delete or truncate on staff
  for each statement execute function peerlink_notify_past_records();
create trigger past_records_changed after insert or update or delete or truncate on staff_sites
  for each statement execute function peerlink_notify_past_records();
