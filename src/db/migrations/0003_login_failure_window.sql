-- Lock-out counts failed log-ins within a window (5 in 15 minutes): users.failed_logins is the
-- count since this moment; null when there has been no failure since the last success or lock.
alter table users add column failed_logins_since timestamptz;
