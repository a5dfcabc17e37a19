-- The data-quality panel's lists of records without a commune and of contacts recorded late read
-- these small partial indexes instead of every contact of the period (bench/indicators: a year of
-- a large programme is half a million contacts, of which a few percent lack a commune).
create index contacts_without_commune on contacts (contact_date) include (site_id, client_id)
  where commune_id is null and voided_at is null;
create index group_sessions_without_commune on group_sessions (held_on) include (site_id)
  where commune_id is null and voided_at is null;
-- "Late" is saved more than 7 days after the contact's date, in Vietnam's time zone
-- (src/indicators/data-quality.ts, lateEntryDays; the query names the same 7 so the index is used).
create index contacts_recorded_late on contacts (contact_date) include (site_id, client_id)
  where voided_at is null
    and (created_at at time zone 'Asia/Ho_Chi_Minh')::date - contact_date > 7;
