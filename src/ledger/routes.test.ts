// Allocations and expenses over the finance API: posted balanced, once per client key, refused
// when a fund does not hold the money or the input is wrong, reversed (never changed), listed.
// The ledger balances after every test.
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { loadReferencePlaces } from "../places/service.js";
import { buildTestApp } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture } from "../test-support/published-project.js";
import { createAccount, type SignedIn, signIn } from "../test-support/sessions.js";
import {
  bankAccount,
  findUnbalancedTransactions,
  fundBalanceOn,
  postTransaction,
  projectFund,
  unrestrictedFund,
} from "./service.js";

let database: Database;
let app: FastifyInstance;
let projectId: string;
let finance: SignedIn;

beforeAll(async () => {
  database = await openTestDatabase();
  await loadReferencePlaces(database.db);
  projectId = await insertProjectFixture(database.db, { slug: "dien-bien" });
  app = await buildTestApp(database);
  const account = await createAccount(database.db, { role: "finance" });
  finance = await signIn(app, account.username, account.password);
  // Two million of unrestricted gifts on 1 March.
  await postTransaction(database.db, {
    kind: "gift",
    occurredOn: "2026-03-01",
    memo: "gift",
    entries: [
      { account: bankAccount, amount: 2_000_000 },
      { account: unrestrictedFund, amount: -2_000_000 },
    ],
  });
});
afterEach(async () => {
  expect(await findUnbalancedTransactions(database.db)).toEqual([]);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const post = (url: string, payload: unknown, language = "vi") =>
  app.inject({
    method: "POST",
    url,
    headers: { ...finance.unsafeHeaders, "accept-language": language },
    payload: payload as Record<string, unknown>,
  });

const fund = (code: string, on = "2026-12-31") => fundBalanceOn(database.db, code, on);

describe("allocations and expenses", () => {
  it("allocates unrestricted money to a project's fund once per key, and lists it", async () => {
    const body = {
      key: "alloc-2026-03-0001",
      project_slug: "dien-bien",
      amount: 800_000,
      occurred_on: "2026-03-10",
      memo: "Phân bổ quý 1",
    };
    const first = await post("/api/finance/allocations", body);
    expect(first.statusCode, first.body).toBe(201);
    const posting = first.json().posting;
    expect(posting).toMatchObject({
      kind: "allocation",
      amount: 800_000,
      occurred_on: "2026-03-10",
      memo: "Phân bổ quý 1",
      project: { id: projectId, slug: "dien-bien" },
      debit_account: unrestrictedFund,
      credit_account: projectFund(projectId),
      reversed_by: null,
    });
    // A retry (the answer was lost): the same posting, nothing posted twice.
    const retry = await post("/api/finance/allocations", body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().posting.id).toBe(posting.id);
    expect(await fund(unrestrictedFund)).toBe(1_200_000);
    expect(await fund(projectFund(projectId))).toBe(800_000);
    // The same key for another posting is refused.
    const reused = await post("/api/finance/allocations", { ...body, amount: 1_000 }, "en");
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.message).toContain("request key was used for another posting");

    const list = await app.inject({
      method: "GET",
      url: "/api/finance/allocations?from=2026-01-01&to=2026-12-31",
      headers: finance.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().postings.map((p: { id: string }) => p.id)).toEqual([posting.id]);
  });

  it("refuses an allocation or expense a fund cannot pay, in the caller's language", async () => {
    const tooMuch = await post("/api/finance/allocations", {
      key: "alloc-too-much-0001",
      project_slug: "dien-bien",
      amount: 5_000_000,
      occurred_on: "2026-03-10",
      memo: "Quá nhiều",
    });
    expect(tooMuch.statusCode).toBe(400);
    // Amounts written as the language writes them, no fund code a person never sees.
    expect(tooMuch.json().error.message).toContain("không đủ cho 5.000.000 đồng");
    expect(tooMuch.json().error.message).not.toMatch(/fund:/);
    // Before the gift arrived the fund held nothing.
    const early = await post(
      "/api/finance/allocations",
      {
        key: "alloc-too-early-01",
        project_slug: "dien-bien",
        amount: 1_000,
        occurred_on: "2026-02-01",
        memo: "Trước khi có tiền",
      },
      "en",
    );
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toContain(
      "holds only 0 đồng on 2026-02-01, not enough for 1,000 đồng",
    );
    const expense = await post("/api/finance/expenses", {
      key: "expense-too-much-01",
      project_slug: "dien-bien",
      amount: 900_000,
      occurred_on: "2026-04-01",
      memo: "Bao cao su",
    });
    expect(expense.statusCode).toBe(400);
    expect(await fund(projectFund(projectId))).toBe(800_000);
  });

  it("records an expense from the bank against the project's fund, and reverses it once", async () => {
    const expense = await post("/api/finance/expenses", {
      key: "expense-2026-04-0001",
      project_slug: "dien-bien",
      amount: 300_000,
      occurred_on: "2026-04-02",
      memo: "In tờ rơi — hoá đơn 0012345",
    });
    expect(expense.statusCode, expense.body).toBe(201);
    const posting = expense.json().posting;
    expect(posting).toMatchObject({
      kind: "expense",
      debit_account: projectFund(projectId),
      credit_account: bankAccount,
    });
    expect(await fund(projectFund(projectId))).toBe(500_000);

    const reversal = {
      key: "reverse-2026-04-0001",
      occurred_on: "2026-04-03",
      memo: "Hoá đơn ghi nhầm dự án",
    };
    const reversed = await post(`/api/finance/transactions/${posting.id}/reversal`, reversal);
    expect(reversed.statusCode, reversed.body).toBe(201);
    expect(reversed.json().posting).toMatchObject({
      kind: "reversal",
      reverses_kind: "expense",
      reverses: posting.id,
      amount: 300_000,
    });
    expect(await fund(projectFund(projectId))).toBe(800_000);
    // Retried: the same reversal; with another key: refused, it is reversed already.
    const again = await post(`/api/finance/transactions/${posting.id}/reversal`, reversal);
    expect(again.statusCode).toBe(200);
    const twice = await post(`/api/finance/transactions/${posting.id}/reversal`, {
      ...reversal,
      key: "reverse-2026-04-0002",
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.message).toContain("đã được đảo");

    const list = await app.inject({
      method: "GET",
      url: "/api/finance/expenses?from=2026-01-01&to=2026-12-31",
      headers: finance.headers,
    });
    const listed = list.json().postings as { id: string; reversed_by: string | null }[];
    expect(listed.map((p) => p.id).sort()).toEqual([posting.id, reversed.json().posting.id].sort());
    expect(listed.find((p) => p.id === posting.id)!.reversed_by).toBe(reversed.json().posting.id);
    // Nothing posted is ever changed.
    await expect(
      database.db
        .updateTable("ledger_transactions")
        .set({ memo: "x" })
        .where("id", "=", posting.id)
        .execute(),
    ).rejects.toThrow(/immutable/);
  });

  it("refuses a gift's reversal, a future date, an unknown project, a bad key or amount", async () => {
    const gift = await database.db
      .selectFrom("ledger_transactions")
      .select("id")
      .where("kind", "=", "gift")
      .executeTakeFirstOrThrow();
    const cases: [string, unknown, string][] = [
      [
        `/api/finance/transactions/${gift.id}/reversal`,
        { key: "reverse-gift-0001", occurred_on: "2026-04-03", memo: "x" },
        "chỉ đảo được phân bổ và chi phí",
      ],
      [
        "/api/finance/expenses",
        {
          key: "expense-future-01",
          project_slug: "dien-bien",
          amount: 1_000,
          occurred_on: "2099-01-01",
          memo: "x",
        },
        "ngày này chưa đến",
      ],
      [
        "/api/finance/expenses",
        {
          key: "expense-nope-0001",
          project_slug: "nope",
          amount: 1,
          occurred_on: "2026-04-01",
          memo: "x",
        },
        "không có dự án nào",
      ],
      [
        "/api/finance/expenses",
        {
          key: "short",
          project_slug: "dien-bien",
          amount: 1,
          occurred_on: "2026-04-01",
          memo: "x",
        },
        "khoá yêu cầu",
      ],
      [
        "/api/finance/allocations",
        {
          key: "alloc-frac-00001",
          project_slug: "dien-bien",
          amount: 1.5,
          occurred_on: "2026-04-01",
          memo: "x",
        },
        "amount",
      ],
      [
        "/api/finance/allocations",
        {
          key: "alloc-memo-00001",
          project_slug: "dien-bien",
          amount: 1,
          occurred_on: "2026-04-01",
          memo: "x".repeat(501),
        },
        "tối đa 500 ký tự",
      ],
    ];
    for (const [url, payload, said] of cases) {
      const response = await post(url, payload);
      expect(response.statusCode, `${url} ${response.body}`).toBe(400);
      expect(response.json().error.message).toContain(said);
    }
  });
});
