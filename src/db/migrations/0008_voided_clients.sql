-- The few voided clients, for the indicator engine's check that a record's client is not voided
-- (src/indicators/sources.ts, liveClient): an anti-join on this small index replaces a join with
-- every client — 75 ms → 30 ms for a quarter's contacts of a 100,000-client programme
-- (bench/indicators, docs/benchmarks.md).
create index clients_voided on clients (id) where voided_at is not null;
