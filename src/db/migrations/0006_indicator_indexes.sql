-- Indexes for the indicator engine, from bench/indicators (docs/benchmarks.md): a covering index
-- lets the contacts of a project's sites in a period be read without visiting the table (an
-- index-only scan: ~9,000 buffers instead of ~660,000 for three years of a 60-site programme,
-- whose contacts are stored in time order, so one site's rows are spread over every page).
-- It replaces contacts_site_date, whose columns it starts with.
create index contacts_site_date_covering on contacts (site_id, contact_date)
  include (client_id, commune_id) where voided_at is null;
drop index contacts_site_date;

-- Referrals are counted by the date made, the date of the result and the date of arrival.
create index referrals_site_referred on referrals (site_id, referred_on) where voided_at is null;
create index referrals_site_result on referrals (site_id, result_on)
  where voided_at is null and result_on is not null;
