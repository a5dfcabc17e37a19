// Giving end to end through HTTP, driven by our own signing client (src/test-support/
// gateway-client.ts): a VietQR pledge from the donate page's form → SePay's webhook → the gift
// recorded once, its receipt e-mailed once; replays and a later statement count nothing twice;
// a wrong key or a tampered body is refused and logged. The ledger balances after every test.
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { parseConfig } from "../config.js";
import type { Database } from "../db/connection.js";
import { findUnbalancedTransactions, fundBalanceOn, projectFund } from "../ledger/service.js";
import { loadReferencePlaces } from "../places/service.js";
import { testSecret } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { sendCasso, sendSepay, sepayTransfer } from "../test-support/gateway-client.js";
import { insertProjectFixture } from "../test-support/published-project.js";
import { createAccount, signIn } from "../test-support/sessions.js";
import { recordBankLine } from "./bank-lines.js";
import type { ReceiptMail } from "./service.js";
import { parseCsv } from "./statement.js";

const sepayKey = "sepay-test-key-0123456789";
const cassoKey = "casso-test-checksum-key-0123456789";

let database: Database;
let app: FastifyInstance;
let projectId: string;
const mails: ReceiptMail[] = [];
const logs: string[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  await loadReferencePlaces(database.db);
  projectId = await insertProjectFixture(database.db, { slug: "dien-bien" });
  const config = parseConfig({ SEPAY_API_KEY: sepayKey, CASSO_SECRET: cassoKey });
  app = await buildApp({
    database,
    config: { publicUrl: "http://localhost:3000", logLevel: "info", donations: config.donations },
    secret: testSecret,
    logStream: { write: (line) => void logs.push(line) },
    receiptMailer: {
      sendReceipt: async (mail) => void mails.push(mail),
      sendStatementLink: async () => {},
    },
  });
});
afterEach(async () => {
  expect(await findUnbalancedTransactions(database.db)).toEqual([]);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function pledge(form: Record<string, string>, locale: "vi" | "en" = "vi") {
  const response = await app.inject({
    method: "POST",
    url: locale === "vi" ? "/vi/ung-ho" : "/en/donate",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams(form).toString(),
  });
  expect(response.statusCode, response.body).toBe(303);
  const location = response.headers.location as string;
  const id = location.split("/").at(-1)!;
  const page = await app.inject({ method: "GET", url: location });
  const reference = /UH[A-Z0-9]{7}/.exec(page.body)![0];
  return { id, location, page, reference };
}

describe("giving by bank transfer", () => {
  it("shows the donate page, in each language, without script", async () => {
    const vi = await app.inject({ method: "GET", url: "/vi/ung-ho?du-an=dien-bien" });
    expect(vi.statusCode).toBe(200);
    expect(vi.body).toContain('<form method="post" action="/vi/ung-ho"');
    expect(vi.body).not.toContain("<script");
    const en = await app.inject({ method: "GET", url: "/en/donate" });
    expect(en.body).toContain("Another amount");
    expect((await app.inject({ method: "GET", url: "/vi/ung-ho?du-an=nope" })).statusCode).toBe(
      404,
    );
  });

  it("VietQR pledge → SePay webhook ×10 → one gift, one receipt e-mail, the status page says so", async () => {
    const { id, location, page, reference } = await pledge({
      purpose: "dien-bien",
      preset: "200000",
      amount: "",
      name: "Nguyễn Văn An",
      email: "an@example.org",
    });
    expect(page.body).toContain("<svg");
    expect(page.body).toContain(`${reference} UNG HO`);
    expect(page.body).toContain('http-equiv="refresh"');
    // The donor's details are sealed at rest.
    const row = await database.db
      .selectFrom("donation_pledges")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(row.donor_email!).toString("latin1")).not.toContain("an@example.org");

    // The bank cut and upper-cased the text and broke the code with a space.
    const transfer = sepayTransfer({
      content: `MBVCB.1234.NGUYEN VAN AN CHUYEN ${reference.slice(0, 5)} ${reference.slice(5)}`,
      transferAmount: 200_000,
    });
    for (let i = 0; i < 10; i += 1) {
      const response = await sendSepay(app, sepayKey, transfer);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ success: true });
    }
    const gifts = await database.db.selectFrom("donation_gifts").selectAll().execute();
    expect(gifts).toHaveLength(1);
    expect(gifts[0]).toMatchObject({ amount: 200_000, project_id: projectId, receipt_number: 1 });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ email: "an@example.org", locale: "vi", receiptNumber: 1 });
    expect(await fundBalanceOn(database.db, projectFund(projectId), "2026-12-31")).toBe(200_000);

    const status = await app.inject({ method: "GET", url: location });
    expect(status.body).toContain('data-status="received"');
    expect(status.body).not.toContain('http-equiv="refresh"');
    const json = await app.inject({ method: "GET", url: `/api/donations/pledges/${id}` });
    expect(json.json()).toEqual({ status: "received", receipt: "1/2026" });

    // The statement that lists the same transfer later counts nothing twice.
    const again = await recordBankLine(
      database.db,
      {
        source: "statement",
        providerId: "vcb-2026-12-05-1",
        bankReference: transfer.referenceCode!,
        bookedOn: "2026-12-05",
        amount: 200_000,
        content: transfer.content!,
      },
      new Date(),
    );
    expect(again.outcome).toBe("duplicate");
    expect(await database.db.selectFrom("donation_gifts").selectAll().execute()).toHaveLength(1);
    // Nothing personal in the logs.
    expect(logs.join("\n")).not.toMatch(/an@example\.org|Nguyễn Văn An/);
  });

  it("refuses a wrong SePay key and a tampered Casso body, and logs the refusal", async () => {
    const { reference } = await pledge({ preset: "100000" }, "en");
    const wrong = await sendSepay(
      app,
      "not-the-key-at-all-000",
      sepayTransfer({
        content: reference,
        transferAmount: 100_000,
      }),
    );
    expect(wrong.statusCode).toBe(401);
    const body = {
      error: 0,
      data: {
        id: 77,
        reference: "FT26339000077",
        description: `${reference} ung ho`,
        amount: 100_000,
        runningBalance: 1_000_000,
        transactionDateTime: "2026-12-05 15:06:37",
        accountNumber: "0000000000",
        bankName: "Vietcombank",
      },
    };
    const tampered = await sendCasso(app, cassoKey, structuredClone(body), {
      tamper: (b) => {
        b.data.amount = 10_000_000;
      },
    });
    expect(tampered.statusCode).toBe(401);
    expect(logs.some((line) => line.includes("a webhook with a wrong signature was refused"))).toBe(
      true,
    );
    expect(
      await database.db
        .selectFrom("donation_bank_lines")
        .selectAll()
        .where("source", "=", "casso")
        .execute(),
    ).toHaveLength(0);
    for (let i = 0; i < 3; i += 1) {
      expect((await sendCasso(app, cassoKey, structuredClone(body))).statusCode).toBe(200);
    }
    const gifts = await database.db
      .selectFrom("donation_gifts")
      .selectAll()
      .where("amount", "=", 100_000)
      .execute();
    expect(gifts).toHaveLength(1);
    expect(gifts[0]!.receipt_number).toBe(2);
  });

  it("leaves a line without a reference for finance, who match it by hand", async () => {
    const line = await recordBankLine(
      database.db,
      {
        source: "statement",
        providerId: "vcb-2026-12-06-9",
        bankReference: null,
        bookedOn: "2026-12-06",
        amount: 333_000,
        content: "CHUYEN TIEN",
      },
      new Date(),
    );
    expect(line.outcome).toBe("unmatched");
    const finance = await createAccount(database.db, { role: "finance" });
    const session = await signIn(app, finance.username, finance.password);
    const lines = await app.inject({
      method: "GET",
      url: "/api/finance/lines",
      headers: session.headers,
    });
    expect(lines.json().lines.map((l: { id: string }) => l.id)).toContain(line.lineId);
    const settle = await app.inject({
      method: "POST",
      url: `/api/finance/lines/${line.lineId}/settle`,
      headers: session.unsafeHeaders,
      payload: { decision: "gift", project_slug: "dien-bien" },
    });
    expect(settle.statusCode, settle.body).toBe(200);
    const twice = await app.inject({
      method: "POST",
      url: `/api/finance/lines/${line.lineId}/settle`,
      headers: session.unsafeHeaders,
      payload: { decision: "not_donation", reason: "Lãi tiền gửi" },
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.message).toContain("đã được xử lý");
    const balances = await app.inject({
      method: "GET",
      url: "/api/finance/balances?on=2026-12-31",
      headers: session.headers,
    });
    const fund = balances
      .json()
      .accounts.find((a: { code: string }) => a.code === projectFund(projectId));
    expect(fund.balance).toBe(-533_000);
  });

  it("marks a line not a donation only with a reason, which is kept; a retry changes nothing", async () => {
    const line = await recordBankLine(
      database.db,
      {
        source: "statement",
        providerId: "vcb-2026-12-08-refund",
        bankReference: null,
        bookedOn: "2026-12-08",
        amount: 60_000,
        content: "HOAN PHI DICH VU",
      },
      new Date(),
    );
    expect(line.outcome).toBe("unmatched");
    const finance = await createAccount(database.db, { role: "finance" });
    const session = await signIn(app, finance.username, finance.password);
    const settle = (payload: object, locale = "vi") =>
      app.inject({
        method: "POST",
        url: `/api/finance/lines/${line.lineId}/settle`,
        headers: { ...session.unsafeHeaders, "accept-language": locale },
        payload,
      });
    for (const payload of [
      { decision: "not_donation" },
      { decision: "not_donation", reason: "   " },
      { decision: "not_donation", reason: "x".repeat(501) },
    ]) {
      const refused = await settle(payload);
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().error.parameter).toBe("reason");
    }
    // The bound is said, not left as a placeholder.
    const tooLong = await settle({ decision: "not_donation", reason: "x".repeat(501) }, "en");
    expect(tooLong.json().error.message).toContain("at most 500 characters");
    const english = await settle({ decision: "not_donation" }, "en");
    expect(english.json().error.message).toMatch(/reason/);
    const marked = await settle({
      decision: "not_donation",
      reason: " Ngân hàng hoàn phí dịch vụ ",
    });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toEqual({ gift_id: null });
    const stored = await database.db
      .selectFrom("donation_bank_lines")
      .select(["state", "decision_reason", "decided_by"])
      .where("id", "=", line.lineId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      state: "not_donation",
      decision_reason: "Ngân hàng hoàn phí dịch vụ",
      decided_by: finance.id,
    });
    // The same request again (an answer lost on the way): refused as settled, nothing changes.
    const retry = await settle({ decision: "not_donation", reason: "Ngân hàng hoàn phí dịch vụ" });
    expect(retry.statusCode).toBe(400);
    expect(retry.json().error.message).toContain("đã được xử lý");
    const lines = await app.inject({
      method: "GET",
      url: "/api/finance/lines",
      headers: session.headers,
    });
    expect(lines.json().lines.map((l: { id: string }) => l.id)).not.toContain(line.lineId);
  });

  it("imports a statement (CSV, then the same as XLSX) after the webhook: nothing counted twice", async () => {
    const a = await pledge({ preset: "200000" });
    const b = await pledge({ preset: "100000", amount: "150000" });
    const webhook = await sendSepay(
      app,
      sepayKey,
      sepayTransfer({
        content: `MBVCB.3278907687.NGUYEN VAN AN CHUYEN ${a.reference}`,
        transferAmount: 200_000,
        referenceCode: "MBVCB.3278907687",
        transactionDate: "2026-12-05 09:00:00",
      }),
    );
    expect(webhook.statusCode).toBe(200);
    const giftsBefore = (await database.db.selectFrom("donation_gifts").select("id").execute())
      .length;
    const csv = readFileSync(
      path.join(import.meta.dirname, "../../test/data/vietcombank-statement.csv"),
      "utf8",
    )
      .replace("{REF}", a.reference)
      .replace("{REF2}", b.reference);
    const finance = await createAccount(database.db, { role: "finance" });
    const session = await signIn(app, finance.username, finance.password);
    const imported = await app.inject({
      method: "POST",
      url: "/api/finance/statements?format=vietcombank",
      headers: { ...session.unsafeHeaders, "content-type": "text/csv" },
      payload: csv,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json().summary).toEqual({ lines: 3, matched: 1, unmatched: 1, duplicate: 1 });
    // The same statement as XLSX: every line is known already.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Sao ke");
    for (const row of parseCsv(csv)) sheet.addRow(row);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const again = await app.inject({
      method: "POST",
      url: "/api/finance/statements?format=vietcombank",
      headers: {
        ...session.unsafeHeaders,
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      },
      payload: xlsx,
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().summary).toEqual({ lines: 3, matched: 0, unmatched: 0, duplicate: 3 });
    const giftsAfter = (await database.db.selectFrom("donation_gifts").select("id").execute())
      .length;
    expect(giftsAfter).toBe(giftsBefore + 1);
    const statusB = await app.inject({ method: "GET", url: `/api/donations/pledges/${b.id}` });
    expect(statusB.json().status).toBe("received");
    const bad = await app.inject({
      method: "POST",
      url: "/api/finance/statements?format=vietcombank",
      headers: { ...session.unsafeHeaders, "content-type": "text/csv" },
      payload: "a,b,c\n1,2,3\n",
    });
    expect(bad.statusCode).toBe(400);
  });
});
