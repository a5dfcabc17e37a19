-- The fund ledger and donations (issue 16; docs/donations.md).

-- The finance role: the NGO's finance officers, who reconcile the bank and keep the funds' books.
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check
  check (role in ('administrator', 'programme_officer', 'site_coordinator', 'outreach_worker',
                  'supervisor', 'editor', 'finance'));

-- Accounts of the double-entry ledger. `code` names it for people and for the code that posts:
-- 'bank', 'clearing:vnpay', 'fees', 'fund:unrestricted', 'fund:project:<project id>'.
create table ledger_accounts (
  code text primary key check (code ~ '^[a-z_]+(:[a-z0-9_-]+)*$' and length(code) <= 80),
  kind text not null check (kind in ('asset', 'fund', 'expense')),
  project_id uuid references projects (id),
  name_vi text not null,
  name_en text not null,
  created_at timestamptz not null default now(),
  check ((code like 'fund:project:%') = (project_id is not null))
);
create unique index ledger_accounts_project on ledger_accounts (project_id) where project_id is not null;

insert into ledger_accounts (code, kind, name_vi, name_en) values
  ('bank', 'asset', 'Tài khoản ngân hàng', 'Bank account'),
  ('clearing:vnpay', 'asset', 'Tiền chờ VNPay chuyển về', 'VNPay clearing'),
  ('fees', 'expense', 'Phí ngân hàng và cổng thanh toán', 'Bank and gateway fees'),
  ('fund:unrestricted', 'fund', 'Quỹ chung (không giới hạn mục đích)', 'Unrestricted fund');

-- A journal transaction: one event (a gift, a fee, an allocation, an expense, a reversal), whose
-- entries sum to zero in each currency. Nothing here is ever changed or deleted: a mistake is put
-- right by a reversal (`reverses`), which the ledger's service posts with every entry negated.
create table ledger_transactions (
  id uuid primary key,
  kind text not null
    check (kind in ('gift', 'fee', 'settlement', 'allocation', 'expense', 'reversal')),
  occurred_on date not null,
  memo text not null check (length(memo) <= 500),
  reverses uuid unique references ledger_transactions (id),
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  check ((kind = 'reversal') = (reverses is not null))
);
create index ledger_transactions_occurred on ledger_transactions (occurred_on);

-- Amounts in whole units of the currency (đồng for VND): a debit is positive, a credit negative.
create table ledger_entries (
  id bigint generated always as identity primary key,
  transaction_id uuid not null references ledger_transactions (id),
  account_code text not null references ledger_accounts (code),
  amount bigint not null check (amount <> 0),
  currency text not null default 'VND' check (currency ~ '^[A-Z]{3}$')
);
create index ledger_entries_transaction on ledger_entries (transaction_id);
create index ledger_entries_account on ledger_entries (account_code, transaction_id);

create function ledger_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'ledger rows are immutable: post a reversal instead'
    using errcode = 'P0001', hint = 'ledger_immutable';
end
$$;
create trigger ledger_transactions_immutable before update or delete on ledger_transactions
  for each row execute function ledger_refuse_change();
create trigger ledger_entries_immutable before update or delete on ledger_entries
  for each row execute function ledger_refuse_change();

-- At commit, every transaction written has entries, and they sum to zero in each currency: the
-- database itself refuses an unbalanced transaction, whatever code wrote it.
create function ledger_check_balanced() returns trigger language plpgsql as $$
declare
  txn uuid;
begin
  if tg_table_name = 'ledger_transactions' then
    txn := new.id;
  else
    txn := new.transaction_id;
  end if;
  if (select count(*) from ledger_entries where transaction_id = txn) < 2 then
    raise exception 'ledger transaction % has fewer than two entries', txn
      using errcode = 'P0001', hint = 'ledger_unbalanced';
  end if;
  if exists (select 1 from ledger_entries where transaction_id = txn
             group by currency having sum(amount) <> 0) then
    raise exception 'ledger transaction % does not balance', txn
      using errcode = 'P0001', hint = 'ledger_unbalanced';
  end if;
  return null;
end
$$;
create constraint trigger ledger_transactions_balanced after insert on ledger_transactions
  deferrable initially deferred for each row execute function ledger_check_balanced();
create constraint trigger ledger_entries_balanced after insert on ledger_entries
  deferrable initially deferred for each row execute function ledger_check_balanced();

-- A donor's promise to give: what the donate page made. `reference` is the short code the donor
-- puts in the transfer text (src/donations/reference.ts); name and e-mail are sealed like clients'
-- details (src/lib/crypto.ts), and shown on the donor wall only when `named`.
create table donation_pledges (
  id uuid primary key,
  reference text not null unique check (reference ~ '^[A-Z0-9]{6,12}$'),
  project_id uuid references projects (id),
  amount bigint not null check (amount between 1000 and 10000000000),
  method text not null check (method in ('vietqr', 'vnpay')),
  locale text not null check (locale in ('vi', 'en')),
  named boolean not null default false,
  donor_name bytea,
  donor_email bytea,
  status text not null default 'waiting' check (status in ('waiting', 'received', 'failed')),
  failure_code text check (failure_code ~ '^[0-9A-Za-z_]{1,20}$'),
  created_at timestamptz not null default now(),
  received_at timestamptz,
  check ((status = 'received') = (received_at is not null))
);
create index donation_pledges_waiting on donation_pledges (created_at) where status = 'waiting';

-- A gift: money that arrived, counted once. Each is posted to the ledger in the same transaction
-- (`ledger_transaction_id`), and has its receipt number, taken from the year's counter in that
-- same transaction, so receipt numbers have no gaps. `source_key` names where it came from
-- ('line:<bank line id>', 'vnpay:<gateway transaction number>'), one gift per source.
create table donation_gifts (
  id uuid primary key,
  pledge_id uuid unique references donation_pledges (id),
  project_id uuid references projects (id),
  amount bigint not null check (amount > 0),
  received_on date not null,
  channel text not null check (channel in ('bank', 'vnpay')),
  source_key text not null unique check (length(source_key) <= 120),
  ledger_transaction_id uuid not null unique references ledger_transactions (id),
  receipt_year integer not null,
  receipt_number integer not null check (receipt_number > 0),
  created_at timestamptz not null default now(),
  unique (receipt_year, receipt_number)
);
create index donation_gifts_received on donation_gifts (project_id, received_on);

create table donation_receipt_counters (
  year integer primary key check (year between 2000 and 2100),
  last_number integer not null check (last_number >= 0)
);

-- A line of the bank account's statement, however it came (a SePay or Casso notification, an
-- imported statement): each ends matched to a gift, or marked as not a donation by finance.
-- `(source, provider_id)` makes a replayed notification one line; the bank's own reference, or
-- else `fingerprint` (date + amount + normalised text), makes the same transfer brought by a
-- notification and then by a statement one line too (src/donations/bank-lines.ts).
create table donation_bank_lines (
  id uuid primary key,
  source text not null check (source in ('sepay', 'casso', 'statement')),
  provider_id text not null check (length(provider_id) <= 120),
  fingerprint text not null check (length(fingerprint) <= 1200),
  bank_reference text check (length(bank_reference) <= 120),
  booked_on date not null,
  amount bigint not null check (amount > 0),
  content text not null check (length(content) <= 1000),
  state text not null default 'unmatched'
    check (state in ('unmatched', 'matched', 'not_donation')),
  matched_by text check (matched_by in ('reference', 'amount_date', 'hand')),
  gift_id uuid unique references donation_gifts (id),
  decided_by uuid references users (id),
  created_at timestamptz not null default now(),
  unique (source, provider_id),
  check ((state = 'matched') = (gift_id is not null))
);
create index donation_bank_lines_fingerprint on donation_bank_lines (fingerprint);
create unique index donation_bank_lines_bank_reference on donation_bank_lines (bank_reference)
  where bank_reference is not null;
create index donation_bank_lines_unmatched on donation_bank_lines (booked_on) where state = 'unmatched';

-- A VNPay IPN or return that was refused (bad signature, amount, order): kept for finance to see.
create table donation_gateway_events (
  id uuid primary key,
  gateway text not null check (gateway in ('vnpay', 'sepay', 'casso')),
  outcome text not null check (length(outcome) <= 40),
  reference text check (length(reference) <= 120),
  received_at timestamptz not null default now()
);

create trigger programmes_changed after insert or update or delete or truncate on donation_gifts
  for each statement execute function peerlink_notify_change('programmes');
create trigger programmes_changed after insert or update or delete or truncate on ledger_transactions
  for each statement execute function peerlink_notify_change('programmes');
