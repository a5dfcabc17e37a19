// The fund ledger: double-entry books of the NGO's money, in whole đồng. This service is the only
// way to post: every event is a transaction whose entries (debits positive, credits negative) sum
// to zero per currency — checked here, and again by the database at commit. Nothing posted is ever
// changed; a mistake is put right by a reversal. Balances of any account or fund are known at any
// date. Accounts: 'bank', 'clearing:vnpay', 'clearing:paypal', 'fees', 'fund:unrestricted', 'fund:project:<id>'.
import type { Db } from "../db/connection.js";
import type { DateString, LedgerTransactionKind } from "../db/schema.js";
import { AppError } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import {
  type EntryInput,
  findTransaction,
  insertAccountIfMissing,
  insertTransaction,
  selectBalances,
  selectJournal,
  selectMonthlyMovements,
  selectUnbalancedTransactions,
} from "./queries.js";

export const bankAccount = "bank";
export const vnpayClearingAccount = "clearing:vnpay";
export const paypalClearingAccount = "clearing:paypal";
export const feesAccount = "fees";
export const unrestrictedFund = "fund:unrestricted";

/** The restricted fund of a project: gifts given for it, and what it spent. */
export function projectFund(projectId: string): string {
  return `fund:project:${projectId}`;
}

/** The fund a gift for this purpose goes to: the project's, or the unrestricted fund. */
export function fundFor(projectId: string | null): string {
  return projectId === null ? unrestrictedFund : projectFund(projectId);
}

function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** Opens a project's restricted fund (once; later calls do nothing). */
export async function openProjectFund(
  db: Db,
  project: { id: string; nameVi: string; nameEn: string },
): Promise<string> {
  const code = projectFund(project.id);
  await insertAccountIfMissing(db, {
    code,
    kind: "fund",
    projectId: project.id,
    nameVi: `Quỹ dự án ${project.nameVi}`,
    nameEn: `Project fund: ${project.nameEn}`,
  });
  return code;
}

export interface Posting {
  kind: Exclude<LedgerTransactionKind, "reversal">;
  occurredOn: DateString;
  memo: string;
  entries: readonly EntryInput[];
  createdBy?: string | null;
  /** The key of the request that asked for it, so a retry posts nothing twice. */
  clientKey?: string | null;
}

/** Refuses entries that cannot make a transaction: fewer than two, zero, fractional, unbalanced. */
function checkEntries(entries: readonly EntryInput[]): void {
  if (entries.length < 2) {
    throw new AppError("invalid_value", { detail: "a ledger transaction needs two entries" });
  }
  const sums = new Map<string, number>();
  for (const entry of entries) {
    if (!Number.isSafeInteger(entry.amount) || entry.amount === 0) {
      throw new AppError("invalid_value", { detail: "ledger amounts are whole non-zero units" });
    }
    const currency = entry.currency ?? "VND";
    sums.set(currency, (sums.get(currency) ?? 0) + entry.amount);
  }
  for (const [currency, sum] of sums) {
    if (sum !== 0) {
      throw new AppError("invalid_value", {
        detail: `ledger transaction does not balance in ${currency} (off by ${sum})`,
      });
    }
  }
}

/** Posts one balanced transaction; returns its id. */
export async function postTransaction(db: Db, posting: Posting): Promise<string> {
  checkEntries(posting.entries);
  const id = newId();
  await inTransaction(db, (trx) =>
    insertTransaction(
      trx,
      {
        id,
        kind: posting.kind,
        occurredOn: posting.occurredOn,
        memo: posting.memo,
        reverses: null,
        createdBy: posting.createdBy ?? null,
        clientKey: posting.clientKey ?? null,
      },
      posting.entries,
    ),
  );
  return id;
}

/** Posts the reversal of a transaction (every entry negated); a transaction is reversed once. */
export async function reverseTransaction(
  db: Db,
  id: string,
  reversal: {
    occurredOn: DateString;
    memo: string;
    createdBy?: string | null;
    clientKey?: string | null;
  },
): Promise<string> {
  return inTransaction(db, async (trx) => {
    const original = await findTransaction(trx, id);
    if (!original) throw new AppError("not_found", { detail: `no ledger transaction ${id}` });
    if (original.kind === "reversal" || original.reversedBy) {
      throw new AppError("invalid_parameter", { parameter: "id", reason: "already_reversed" });
    }
    const reversalId = newId();
    await insertTransaction(
      trx,
      {
        id: reversalId,
        kind: "reversal",
        occurredOn: reversal.occurredOn,
        memo: reversal.memo,
        reverses: id,
        createdBy: reversal.createdBy ?? null,
        clientKey: reversal.clientKey ?? null,
      },
      original.entries.map((entry) => ({
        account: entry.account_code,
        amount: -entry.amount,
        currency: entry.currency,
      })),
    );
    return reversalId;
  });
}

export interface AccountBalance {
  code: string;
  kind: "asset" | "fund" | "expense";
  projectId: string | null;
  name: { vi: string; en: string };
  /** Debits minus credits: positive for an asset, negative for a fund that holds money. */
  balance: number;
}

/** Every account's balance at the end of a date. */
export async function balancesOn(
  db: Db,
  onDate: DateString,
  currency = "VND",
): Promise<AccountBalance[]> {
  const rows = await selectBalances(db, onDate, currency);
  return rows.map((row) => ({
    code: row.code,
    kind: row.kind,
    projectId: row.project_id,
    name: { vi: row.name_vi, en: row.name_en },
    balance: Number(row.balance ?? 0),
  }));
}

/** What a fund holds at the end of a date (credits minus debits): never negative in good books. */
export async function fundBalanceOn(db: Db, fund: string, onDate: DateString): Promise<number> {
  const balance = (await balancesOn(db, onDate)).find((row) => row.code === fund)?.balance ?? 0;
  return 0 - balance;
}

/** The ids of transactions that do not balance: empty, always (tests check it after each). */
export function findUnbalancedTransactions(db: Db): Promise<string[]> {
  return selectUnbalancedTransactions(db);
}

export interface FundMonth {
  month: string;
  /** Money into the fund: gifts and allocations to it. */
  raised: number;
  /** Money out of it: expenses (and allocations away from it). */
  spent: number;
}

/** A fund's money in and out by month (reversals count against what they reverse). */
export async function fundMonths(db: Db, fund: string): Promise<FundMonth[]> {
  const rows = await selectMonthlyMovements(db, fund, "VND");
  const months = new Map<string, FundMonth>();
  for (const row of rows) {
    const month = months.get(row.month) ?? { month: row.month, raised: 0, spent: 0 };
    // A fund is credited (negative) when money comes in.
    const amount = 0 - Number(row.amount);
    if (row.kind === "gift") {
      month.raised += amount;
    } else if (row.kind === "allocation") {
      if (amount >= 0) month.raised += amount;
      else month.spent -= amount;
    } else if (row.kind === "expense") {
      month.spent -= amount;
    }
    months.set(row.month, month);
  }
  return [...months.values()];
}

export interface JournalLine {
  transactionId: string;
  occurredOn: DateString;
  kind: LedgerTransactionKind;
  memo: string;
  reverses: string | null;
  account: string;
  accountName: { vi: string; en: string };
  /** Debit positive, credit negative, in whole units of `currency`. */
  amount: number;
  currency: string;
}

/** Every entry posted within dates, in the order posted: at most `limit` of them. */
export async function journalBetween(
  db: Db,
  from: DateString,
  to: DateString,
  limit: number,
): Promise<JournalLine[]> {
  const rows = await selectJournal(db, from, to, limit);
  return rows.map((row) => ({
    transactionId: row.transaction_id,
    occurredOn: row.occurred_on,
    kind: row.kind,
    memo: row.memo,
    reverses: row.reverses,
    account: row.account_code,
    accountName: { vi: row.name_vi, en: row.name_en },
    amount: row.amount,
    currency: row.currency,
  }));
}

export { findTransaction };
