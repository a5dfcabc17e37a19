-- Editors, and notices of change for the public website's caches.

-- The editor role: the NGO's communications staff, who run the public website's content.
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check
  check (role in ('administrator', 'programme_officer', 'site_coordinator', 'outreach_worker',
                  'supervisor', 'editor'));

-- Every statement that changes what the public website shows sends a notice on the channel
-- `peerlink_change`, naming what changed (its argument: 'records', 'programmes', and the content
-- features' own). PostgreSQL delivers a notice only when its transaction commits, once per distinct
-- name per transaction, and never for a transaction rolled back: a page cache that forgets what it
-- kept of a name on its notice never keeps a page older than a committed change
-- (src/db/change-notices.ts). Statement-level, so a batch of a thousand rows costs one call.
create function peerlink_notify_change() returns trigger language plpgsql as $$
begin
  perform pg_notify('peerlink_change', tg_argv[0]);
  return null;
end
$$;

create trigger records_changed after insert or update or delete or truncate on clients
  for each statement execute function peerlink_notify_change('records');
create trigger records_changed after insert or update or delete or truncate on contacts
  for each statement execute function peerlink_notify_change('records');
create trigger records_changed after insert or update or delete or truncate on group_sessions
  for each statement execute function peerlink_notify_change('records');
create trigger records_changed after insert or update or delete or truncate on group_attendances
  for each statement execute function peerlink_notify_change('records');
create trigger records_changed after insert or update or delete or truncate on referrals
  for each statement execute function peerlink_notify_change('records');
create trigger records_changed after insert or update or delete or truncate on commodity_distributions
  for each statement execute function peerlink_notify_change('records');
create trigger records_changed after insert or update or delete or truncate on trainings
  for each statement execute function peerlink_notify_change('records');
create trigger records_changed after insert or update or delete or truncate on training_participants
  for each statement execute function peerlink_notify_change('records');
create trigger records_changed after insert or update or delete or truncate on supervision_visits
  for each statement execute function peerlink_notify_change('records');
create trigger records_changed after insert or update or delete or truncate on staff
  for each statement execute function peerlink_notify_change('records');
create trigger records_changed after insert or update or delete or truncate on staff_sites
  for each statement execute function peerlink_notify_change('records');

create trigger programmes_changed after insert or update or delete or truncate on places
  for each statement execute function peerlink_notify_change('programmes');
create trigger programmes_changed after insert or update or delete or truncate on organisations
  for each statement execute function peerlink_notify_change('programmes');
create trigger programmes_changed after insert or update or delete or truncate on projects
  for each statement execute function peerlink_notify_change('programmes');
create trigger programmes_changed after insert or update or delete or truncate on project_organisations
  for each statement execute function peerlink_notify_change('programmes');
create trigger programmes_changed after insert or update or delete or truncate on sites
  for each statement execute function peerlink_notify_change('programmes');
create trigger programmes_changed after insert or update or delete or truncate on site_communes
  for each statement execute function peerlink_notify_change('programmes');
create trigger programmes_changed after insert or update or delete or truncate on targets
  for each statement execute function peerlink_notify_change('programmes');
