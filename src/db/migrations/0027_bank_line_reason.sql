-- Why a finance officer marked a bank line "not a donation" (interest, a refund, a transfer between
-- the NGO's own accounts): said once, kept with the line for the accountant.
alter table donation_bank_lines
  add column decision_reason text check (length(decision_reason) <= 500),
  add constraint donation_bank_lines_reason
    check (state <> 'not_donation' or decided_by is null or decision_reason is not null);
