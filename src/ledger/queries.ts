// The ledger's SQL: accounts, transactions and their entries, balances at a date. Only the
// ledger's service calls these; everything else posts through the service.
import { sql } from "kysely";
import type { Db } from "../db/connection.js";
import type { DateString, LedgerAccountKind, LedgerTransactionKind } from "../db/schema.js";

export interface EntryInput {
  account: string;
  amount: number;
  currency?: string;
}

export async function insertAccountIfMissing(
  db: Db,
  account: {
    code: string;
    kind: LedgerAccountKind;
    projectId: string | null;
    nameVi: string;
    nameEn: string;
  },
): Promise<void> {
  await db
    .insertInto("ledger_accounts")
    .values({
      code: account.code,
      kind: account.kind,
      project_id: account.projectId,
      name_vi: account.nameVi,
      name_en: account.nameEn,
    })
    .onConflict((oc) => oc.column("code").doNothing())
    .execute();
}

export async function insertTransaction(
  db: Db,
  txn: {
    id: string;
    kind: LedgerTransactionKind;
    occurredOn: DateString;
    memo: string;
    reverses: string | null;
    createdBy: string | null;
    clientKey?: string | null;
  },
  entries: readonly EntryInput[],
): Promise<void> {
  await db
    .insertInto("ledger_transactions")
    .values({
      id: txn.id,
      kind: txn.kind,
      occurred_on: txn.occurredOn,
      memo: txn.memo,
      reverses: txn.reverses,
      created_by: txn.createdBy,
      client_key: txn.clientKey ?? null,
    })
    .execute();
  await db
    .insertInto("ledger_entries")
    .values(
      entries.map((entry) => ({
        transaction_id: txn.id,
        account_code: entry.account,
        amount: entry.amount,
        currency: entry.currency ?? "VND",
      })),
    )
    .execute();
}

export async function findTransaction(db: Db, id: string) {
  const txn = await db
    .selectFrom("ledger_transactions")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!txn) return undefined;
  const entries = await db
    .selectFrom("ledger_entries")
    .select(["account_code", "amount", "currency"])
    .where("transaction_id", "=", id)
    .orderBy("id")
    .execute();
  const reversedBy = await db
    .selectFrom("ledger_transactions")
    .select("id")
    .where("reverses", "=", id)
    .executeTakeFirst();
  return { ...txn, entries, reversedBy: reversedBy?.id ?? null };
}

/** Each account's balance (debits positive) on a date, in one currency. */
export async function selectBalances(db: Db, onDate: DateString, currency: string) {
  return db
    .selectFrom("ledger_accounts as a")
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("ledger_entries as e")
          .innerJoin("ledger_transactions as t", "t.id", "e.transaction_id")
          .select(["e.account_code", sql<string>`sum(e.amount)::text`.as("balance")])
          .where("t.occurred_on", "<=", onDate)
          .where("e.currency", "=", currency)
          .groupBy("e.account_code")
          .as("b"),
      (join) => join.onRef("b.account_code", "=", "a.code"),
    )
    .select(["a.code", "a.kind", "a.project_id", "a.name_vi", "a.name_en", "b.balance"])
    .orderBy("a.code")
    .execute();
}

/** Transactions whose entries do not sum to zero (must be none: the database refuses them). */
export async function selectUnbalancedTransactions(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom("ledger_entries")
    .select("transaction_id")
    .groupBy(["transaction_id", "currency"])
    .having(sql`sum(amount)`, "<>", 0)
    .execute();
  return rows.map((row) => row.transaction_id);
}

/**
 * Monthly movements of one account by transaction kind, in a currency. A reversal counts under the
 * kind of what it reverses (a reversed gift lowers the month's gifts), in the month it was posted.
 */
export async function selectMonthlyMovements(db: Db, account: string, currency: string) {
  return db
    .selectFrom("ledger_entries as e")
    .innerJoin("ledger_transactions as t", "t.id", "e.transaction_id")
    .leftJoin("ledger_transactions as o", "o.id", "t.reverses")
    .select([
      sql<string>`to_char(t.occurred_on, 'YYYY-MM')`.as("month"),
      sql<LedgerTransactionKind>`coalesce(o.kind, t.kind)`.as("kind"),
      sql<string>`sum(e.amount)::text`.as("amount"),
    ])
    .where("e.account_code", "=", account)
    .where("e.currency", "=", currency)
    .groupBy([sql`to_char(t.occurred_on, 'YYYY-MM')`, sql`coalesce(o.kind, t.kind)`])
    .orderBy("month")
    .execute();
}

/** Serialises postings that check a fund's balance (allocations, expenses) until the transaction ends. */
export async function lockFundPostings(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('ledger:fund-postings'))`.execute(db);
}

export async function findTransactionIdByClientKey(db: Db, clientKey: string) {
  const row = await db
    .selectFrom("ledger_transactions")
    .select("id")
    .where("client_key", "=", clientKey)
    .executeTakeFirst();
  return row?.id;
}

/**
 * Transactions of some kinds posted within dates (newest first), with each one's entries and the
 * reversal that undid it, if any; reversals of those kinds are listed with the kind they reverse.
 */
export async function selectTransactions(
  db: Db,
  filter: {
    kinds: readonly LedgerTransactionKind[];
    from: DateString;
    to: DateString;
    limit: number;
    /** One transaction only. */
    id?: string;
  },
) {
  let query = db
    .selectFrom("ledger_transactions as t")
    .leftJoin("ledger_transactions as o", "o.id", "t.reverses")
    .leftJoin("ledger_transactions as r", "r.reverses", "t.id")
    .select([
      "t.id",
      "t.kind",
      "t.occurred_on",
      "t.memo",
      "t.reverses",
      "t.created_by",
      "t.created_at",
      "t.client_key",
      "o.kind as reversed_kind",
      "r.id as reversed_by",
    ])
    .where((eb) =>
      eb.or([
        eb("t.kind", "in", filter.kinds),
        eb.and([eb("t.kind", "=", "reversal"), eb("o.kind", "in", filter.kinds)]),
      ]),
    )
    .where("t.occurred_on", ">=", filter.from)
    .where("t.occurred_on", "<=", filter.to)
    .orderBy("t.occurred_on", "desc")
    .orderBy("t.id", "desc")
    .limit(filter.limit);
  if (filter.id !== undefined) query = query.where("t.id", "=", filter.id);
  const txns = await query.execute();
  if (txns.length === 0) return [];
  const entries = await db
    .selectFrom("ledger_entries")
    .select(["transaction_id", "account_code", "amount", "currency"])
    .where(
      "transaction_id",
      "in",
      txns.map((t) => t.id),
    )
    .orderBy("id")
    .execute();
  return txns.map((t) => ({ ...t, entries: entries.filter((e) => e.transaction_id === t.id) }));
}

/** Every entry of transactions posted within dates, in order (the accountant's journal). */
export async function selectJournal(db: Db, from: DateString, to: DateString, limit: number) {
  return db
    .selectFrom("ledger_entries as e")
    .innerJoin("ledger_transactions as t", "t.id", "e.transaction_id")
    .innerJoin("ledger_accounts as a", "a.code", "e.account_code")
    .select([
      "t.id as transaction_id",
      "t.occurred_on",
      "t.kind",
      "t.memo",
      "t.reverses",
      "e.account_code",
      "a.name_vi",
      "a.name_en",
      "e.amount",
      "e.currency",
    ])
    .where("t.occurred_on", ">=", from)
    .where("t.occurred_on", "<=", to)
    .orderBy("t.occurred_on")
    .orderBy("t.created_at")
    .orderBy("e.id")
    .limit(limit)
    .execute();
}
