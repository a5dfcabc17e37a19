-- PayPal for donors abroad (issue 16; docs/donations.md). PayPal does not take đồng: a PayPal
-- pledge is asked in a currency of its own, in hundredths (`original_amount`, e.g. 2500 = 25.00),
-- with the rate to đồng taken when it was made; `amount` is its value in đồng at that rate. The
-- PayPal order made for it is `gateway_order_id` (one pledge, one live order).
alter table donation_pledges drop constraint donation_pledges_method_check;
alter table donation_pledges
  add constraint donation_pledges_method_check check (method in ('vietqr', 'vnpay', 'paypal')),
  add column currency text check (currency ~ '^[A-Z]{3}$'),
  add column original_amount bigint check (original_amount > 0),
  add column vnd_rate numeric(14, 4) check (vnd_rate > 0),
  add column gateway_order_id text check (gateway_order_id ~ '^[A-Za-z0-9-]{1,64}$'),
  add constraint donation_pledges_paypal_amount
    check ((method = 'paypal') = (currency is not null and original_amount is not null
                                  and vnd_rate is not null));
create unique index donation_pledges_gateway_order on donation_pledges (gateway_order_id)
  where gateway_order_id is not null;

-- A PayPal gift keeps what was given, for the accountant: the currency, the amount and PayPal's
-- fee in hundredths of it, the rate, and the fee in đồng (`amount` stays the gift in đồng).
alter table donation_gifts drop constraint donation_gifts_channel_check;
alter table donation_gifts
  add constraint donation_gifts_channel_check check (channel in ('bank', 'vnpay', 'paypal')),
  add column original_currency text check (original_currency ~ '^[A-Z]{3}$'),
  add column original_amount bigint check (original_amount > 0),
  add column original_fee bigint check (original_fee >= 0),
  add column vnd_rate numeric(14, 4) check (vnd_rate > 0),
  add column fee bigint check (fee >= 0),
  add constraint donation_gifts_paypal_amount
    check ((channel = 'paypal') = (original_currency is not null and original_amount is not null
                                   and original_fee is not null and vnd_rate is not null
                                   and fee is not null));

alter table donation_gateway_events drop constraint donation_gateway_events_gateway_check;
alter table donation_gateway_events
  add constraint donation_gateway_events_gateway_check
    check (gateway in ('vnpay', 'sepay', 'casso', 'paypal'));

insert into ledger_accounts (code, kind, name_vi, name_en) values
  ('clearing:paypal', 'asset', 'Tiền chờ PayPal chuyển về', 'PayPal clearing');
