import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture } from "../test-support/fixtures.js";
import {
  balancesOn,
  bankAccount,
  findUnbalancedTransactions,
  fundBalanceOn,
  fundMonths,
  openProjectFund,
  postTransaction,
  reverseTransaction,
  unrestrictedFund,
} from "./service.js";

let database: Database;
let fund: string;

beforeAll(async () => {
  database = await openTestDatabase();
  const { projectId } = await insertProjectFixture(database.db);
  fund = await openProjectFund(database.db, { id: projectId, nameVi: "Thử", nameEn: "Test" });
});
afterAll(async () => {
  expect(await findUnbalancedTransactions(database.db)).toEqual([]);
  await database.close();
});

describe("the ledger", () => {
  it("posts a balanced gift and knows each fund's balance at any date", async () => {
    await postTransaction(database.db, {
      kind: "gift",
      occurredOn: "2026-03-02",
      memo: "gift",
      entries: [
        { account: bankAccount, amount: 500_000 },
        { account: fund, amount: -500_000 },
      ],
    });
    await postTransaction(database.db, {
      kind: "expense",
      occurredOn: "2026-04-10",
      memo: "condoms",
      entries: [
        { account: fund, amount: 200_000 },
        { account: bankAccount, amount: -200_000 },
      ],
    });
    expect(await fundBalanceOn(database.db, fund, "2026-03-01")).toBe(0);
    expect(await fundBalanceOn(database.db, fund, "2026-03-31")).toBe(500_000);
    expect(await fundBalanceOn(database.db, fund, "2026-04-30")).toBe(300_000);
    const bank = (await balancesOn(database.db, "2026-04-30")).find((a) => a.code === bankAccount);
    expect(bank?.balance).toBe(300_000);
    expect(await fundMonths(database.db, fund)).toEqual([
      { month: "2026-03", raised: 500_000, spent: 0 },
      { month: "2026-04", raised: 0, spent: 200_000 },
    ]);
  });

  it("refuses an unbalanced posting in the service, and in the database at commit", async () => {
    await expect(
      postTransaction(database.db, {
        kind: "gift",
        occurredOn: "2026-03-02",
        memo: "bad",
        entries: [
          { account: bankAccount, amount: 500_000 },
          { account: fund, amount: -400_000 },
        ],
      }),
    ).rejects.toThrow(/does not balance/);
    // Straight into the tables, past the service: the deferred constraint refuses the commit.
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx
          .insertInto("ledger_transactions")
          .values({
            id: "01900000-0000-7000-8000-000000000001",
            kind: "gift",
            occurred_on: "2026-03-02",
            memo: "x",
            reverses: null,
            created_by: null,
          })
          .execute();
        await trx
          .insertInto("ledger_entries")
          .values([
            {
              transaction_id: "01900000-0000-7000-8000-000000000001",
              account_code: bankAccount,
              amount: 10,
            },
            {
              transaction_id: "01900000-0000-7000-8000-000000000001",
              account_code: unrestrictedFund,
              amount: -9,
            },
          ])
          .execute();
      }),
    ).rejects.toThrow(/does not balance/);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx
          .insertInto("ledger_transactions")
          .values({
            id: "01900000-0000-7000-8000-000000000002",
            kind: "gift",
            occurred_on: "2026-03-02",
            memo: "no entries",
            reverses: null,
            created_by: null,
          })
          .execute();
      }),
    ).rejects.toThrow(/fewer than two entries/);
  });

  it("never changes or deletes what was posted; a reversal puts a mistake right", async () => {
    const id = await postTransaction(database.db, {
      kind: "gift",
      occurredOn: "2026-05-01",
      memo: "posted to the wrong fund",
      entries: [
        { account: bankAccount, amount: 100_000 },
        { account: unrestrictedFund, amount: -100_000 },
      ],
    });
    await expect(
      sql`update ledger_entries set amount = 1 where transaction_id = ${id}`.execute(database.db),
    ).rejects.toThrow(/immutable/);
    await expect(
      sql`delete from ledger_transactions where id = ${id}`.execute(database.db),
    ).rejects.toThrow(/immutable/);
    const before = await fundBalanceOn(database.db, unrestrictedFund, "2026-05-31");
    await reverseTransaction(database.db, id, { occurredOn: "2026-05-02", memo: "wrong fund" });
    expect(await fundBalanceOn(database.db, unrestrictedFund, "2026-05-31")).toBe(before - 100_000);
    await expect(
      reverseTransaction(database.db, id, { occurredOn: "2026-05-03", memo: "again" }),
    ).rejects.toMatchObject({ details: { reason: "already_reversed" } });
    expect(await fundMonths(database.db, unrestrictedFund)).toEqual([
      { month: "2026-05", raised: 0, spent: 0 },
    ]);
  });
});
