// What finance officers post by hand: an allocation from the unrestricted fund to a project's
// fund, a project's expense (paid from the bank, charged to the project's fund), and the reversal
// of either — the only correction, since nothing posted changes. Each request carries a key chosen
// by the client: the same key with the same posting returns the transaction it made (a retry
// after a lost answer posts nothing twice); with another posting it is refused. A fund never
// gives more than it holds on the posting's date.
import type { Db } from "../db/connection.js";
import type { DateString } from "../db/schema.js";
import { AppError } from "../lib/errors.js";
import { findTransactionIdByClientKey, lockFundPostings, selectTransactions } from "./queries.js";
import {
  bankAccount,
  findTransaction,
  fundBalanceOn,
  openProjectFund,
  postTransaction,
  projectFund,
  reverseTransaction,
  unrestrictedFund,
} from "./service.js";

export type FundPostingKind = "allocation" | "expense";

export interface FundPostingInput {
  clientKey: string;
  occurredOn: DateString;
  /** Whole đồng, more than 0. */
  amount: number;
  memo: string;
  createdBy: string;
}

export interface ProjectOfPosting {
  id: string;
  nameVi: string;
  nameEn: string;
}

export interface FundPostingView {
  id: string;
  kind: FundPostingKind | "reversal";
  /** For a reversal, the kind of what it reverses. */
  reverses_kind: FundPostingKind | null;
  occurred_on: DateString;
  amount: number;
  memo: string;
  project_id: string | null;
  /**
   * The account debited: the unrestricted fund (an allocation takes from it), the project's fund
   * (an expense is charged to it); a reversal's are the other way round.
   */
  debit_account: string;
  /** The account credited: the project's fund (allocation), the bank (expense). */
  credit_account: string;
  reverses: string | null;
  reversed_by: string | null;
  created_by: string | null;
  created_at: string;
}

type TransactionRow = Awaited<ReturnType<typeof selectTransactions>>[number];

function toView(row: TransactionRow): FundPostingView {
  const debit = row.entries.find((e) => e.amount > 0)!;
  const credit = row.entries.find((e) => e.amount < 0)!;
  const project = row.entries.find((e) => e.account_code.startsWith("fund:project:"));
  return {
    id: row.id,
    kind: row.kind as FundPostingView["kind"],
    reverses_kind: (row.reversed_kind as FundPostingKind | null) ?? null,
    occurred_on: row.occurred_on,
    amount: debit.amount,
    memo: row.memo,
    project_id: project ? project.account_code.slice("fund:project:".length) : null,
    debit_account: debit.account_code,
    credit_account: credit.account_code,
    reverses: row.reverses,
    reversed_by: row.reversed_by,
    created_by: row.created_by,
    created_at: row.created_at.toISOString(),
  };
}

async function viewOf(db: Db, id: string): Promise<FundPostingView> {
  const txn = await findTransaction(db, id);
  if (!txn) throw new AppError("not_found", { detail: `no ledger transaction ${id}` });
  const [row] = await selectTransactions(db, {
    kinds: ["allocation", "expense"],
    from: txn.occurred_on,
    to: txn.occurred_on,
    limit: 1,
    id,
  });
  if (!row) throw new AppError("not_found", { detail: `no fund posting ${id}` });
  return toView(row);
}

/** The earlier posting of a key, if the same; refused if the key posted something else. */
async function earlierPosting(
  db: Db,
  clientKey: string,
  same: (view: FundPostingView) => boolean,
): Promise<FundPostingView | undefined> {
  const id = await findTransactionIdByClientKey(db, clientKey);
  if (!id) return undefined;
  const view = await viewOf(db, id);
  if (!same(view)) {
    throw new AppError("invalid_parameter", { parameter: "key", reason: "idempotency_key_reused" });
  }
  return view;
}

async function checkFundHolds(db: Db, fund: string, amount: number, on: DateString) {
  // The fund must hold the amount on the posting's date and after it: its latest balance too,
  // for a posting dated before others that already spent from it.
  const balance = Math.min(
    await fundBalanceOn(db, fund, on),
    await fundBalanceOn(db, fund, "9999-12-31"),
  );
  if (balance < amount) {
    throw new AppError("invalid_parameter", {
      parameter: "amount",
      reason: "insufficient_funds",
      values: { balance, amount, date: on },
    });
  }
}

const inTransaction = <T>(db: Db, work: (trx: Db) => Promise<T>) =>
  db.isTransaction ? work(db) : db.transaction().execute(work);

/** Posts an allocation or an expense once per key; `created` is false for a retry. */
export async function postFundMovement(
  db: Db,
  kind: FundPostingKind,
  project: ProjectOfPosting,
  input: FundPostingInput,
): Promise<{ posting: FundPostingView; created: boolean }> {
  return inTransaction(db, async (trx) => {
    await lockFundPostings(trx);
    const fund = projectFund(project.id);
    const earlier = await earlierPosting(
      trx,
      input.clientKey,
      (view) =>
        view.kind === kind &&
        view.project_id === project.id &&
        view.amount === input.amount &&
        view.occurred_on === input.occurredOn &&
        view.memo === input.memo,
    );
    if (earlier) return { posting: earlier, created: false };
    await openProjectFund(trx, { id: project.id, nameVi: project.nameVi, nameEn: project.nameEn });
    // An allocation takes from the unrestricted fund; an expense spends the project's fund.
    await checkFundHolds(
      trx,
      kind === "allocation" ? unrestrictedFund : fund,
      input.amount,
      input.occurredOn,
    );
    // Funds are credit accounts: money into a fund is a credit (negative), out of it a debit.
    const entries =
      kind === "allocation"
        ? [
            { account: unrestrictedFund, amount: input.amount },
            { account: fund, amount: -input.amount },
          ]
        : [
            { account: fund, amount: input.amount },
            { account: bankAccount, amount: -input.amount },
          ];
    const id = await postTransaction(trx, {
      kind,
      occurredOn: input.occurredOn,
      memo: input.memo,
      entries,
      createdBy: input.createdBy,
      clientKey: input.clientKey,
    });
    return { posting: await viewOf(trx, id), created: true };
  });
}

/** Reverses an allocation or an expense once per key (a gift is put right through its bank line). */
export async function reverseFundMovement(
  db: Db,
  id: string,
  input: Omit<FundPostingInput, "amount">,
): Promise<{ posting: FundPostingView; created: boolean }> {
  return inTransaction(db, async (trx) => {
    await lockFundPostings(trx);
    const earlier = await earlierPosting(
      trx,
      input.clientKey,
      (view) =>
        view.kind === "reversal" &&
        view.reverses === id &&
        view.occurred_on === input.occurredOn &&
        view.memo === input.memo,
    );
    if (earlier) return { posting: earlier, created: false };
    const original = await findTransaction(trx, id);
    if (!original) throw new AppError("not_found", { detail: `no ledger transaction ${id}` });
    if (original.kind !== "allocation" && original.kind !== "expense") {
      throw new AppError("invalid_parameter", { parameter: "id", reason: "not_reversible" });
    }
    // Undoing an allocation takes the money back from the project's fund: it must still hold it.
    if (original.kind === "allocation" && !original.reversedBy) {
      const fund = original.entries.find((e) => e.amount < 0)!;
      await checkFundHolds(trx, fund.account_code, -fund.amount, input.occurredOn);
    }
    const reversalId = await reverseTransaction(trx, id, {
      occurredOn: input.occurredOn,
      memo: input.memo,
      createdBy: input.createdBy,
      clientKey: input.clientKey,
    });
    return { posting: await viewOf(trx, reversalId), created: true };
  });
}

/** Allocations or expenses (and their reversals) posted within dates, newest first. */
export async function listFundMovements(
  db: Db,
  kind: FundPostingKind,
  filter: { from: DateString; to: DateString; limit: number },
): Promise<FundPostingView[]> {
  const rows = await selectTransactions(db, { kinds: [kind], ...filter });
  return rows.map(toView);
}
