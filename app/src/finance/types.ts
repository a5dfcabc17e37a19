// The finance API's answers (src/donations/routes.ts, src/donations/receipt-routes.ts,
// src/ledger/routes.ts), apart from the client so code that runs outside the browser (money.ts,
// the end-to-end test) can name them without loading the app.
import type { TFundPosting } from "../../../src/ledger/routes.js";

/** An allocation, an expense or the reversal of one (GET /api/finance/allocations, /expenses). */
export type FundPosting = TFundPosting;
/** What the finance officer posts by hand: unrestricted funds to a project, or its expense. */
export type FundPostingKind = "allocation" | "expense";

/** A gift received, with its receipt (GET /api/finance/gifts); no donor's details. */
export interface Gift {
  id: string;
  /** "12/2026": the receipt's number and year, as printed on it. */
  receipt: string;
  receipt_number: number;
  receipt_year: number;
  received_on: string;
  amount: number;
  route: "vnpay" | "vietqr" | "bank";
  pledge_reference: string | null;
  project: { slug: string; name: { vi: string; en: string } } | null;
  ledger_transaction_id: string;
}
/** An unmatched line of the bank account (GET /api/finance/lines). */
export interface BankLine {
  id: string;
  source: "sepay" | "casso" | "statement";
  booked_on: string;
  amount: number;
  content: string;
  bank_reference: string | null;
  created_at: string;
}

/** A pledge whose money has not come (GET /api/finance/pledges); `slug`: its project, if any. */
export interface WaitingPledge {
  id: string;
  reference: string;
  amount: number;
  method: "vietqr" | "vnpay";
  created_at: string;
  slug: string | null;
}

/** An account of the fund ledger at the end of a date (src/ledger/service.ts `balancesOn`). */
export interface AccountBalance {
  code: string;
  kind: "asset" | "fund" | "expense";
  projectId: string | null;
  name: { vi: string; en: string };
  /** Debits minus credits: positive for an asset, negative for a fund that holds money. */
  balance: number;
}

export interface Balances {
  on: string;
  accounts: AccountBalance[];
}

/** What an imported statement came to (src/donations/statement.ts `ImportSummary`). */
export interface ImportSummary {
  lines: number;
  matched: number;
  unmatched: number;
  duplicate: number;
}
