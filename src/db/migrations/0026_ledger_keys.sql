-- Allocations and expenses posted over the API (issue 16; docs/donations.md). (Donors' requests for
-- their yearly statement are counted in rate_limits, migration 0025.)

-- The key a finance officer's screen sends with a posting, so a retried request posts it once:
-- the same key again returns the transaction it made. Postings made by the code itself (gifts,
-- fees) have none.
alter table ledger_transactions
  add column client_key text unique check (client_key ~ '^[A-Za-z0-9_-]{8,80}$');
