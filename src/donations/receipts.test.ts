// Receipts and yearly statements as a donor and a finance officer meet them, on the real app: a
// gift's receipt as a bilingual PDF (printed by Chromium, read back with pdftotext) through the
// signed link of the receipt e-mail and of the status page; wrong and expired links refused in
// each language; the yearly statement asked for on the public form (one answer whatever the
// address, rate-limited, nothing sent without gifts) and by finance; the accountant's workbook
// read back. The ledger balances after every test.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { parseConfig } from "../config.js";
import type { Database } from "../db/connection.js";
import { seedTexts } from "../demo/seed-texts.js";
import { findUnbalancedTransactions } from "../ledger/service.js";
import { deriveKey } from "../lib/crypto.js";
import { chromiumPath, closePdfBrowser } from "../pdf/printer.js";
import { loadReferencePlaces } from "../places/service.js";
import { testSecret } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { sendSepay, sepayTransfer } from "../test-support/gateway-client.js";
import { insertProjectFixture } from "../test-support/published-project.js";
import { createAccount, type SignedIn, signIn } from "../test-support/sessions.js";
import { receiptToken } from "./receipts.js";
import type { ReceiptMail, StatementLinkMail } from "./service.js";

const pdftotext = "/usr/bin/pdftotext";
const missing = [
  ...(existsSync(chromiumPath()) ? [] : [`Chromium at ${chromiumPath()}`]),
  ...(existsSync(pdftotext) ? [] : ["pdftotext (apt-get install poppler-utils)"]),
];
const skip = missing.length > 0 && process.env.CI !== "true";
if (skip) console.warn(`receipts: skipped — no ${missing.join(", no ")}`);

const sepayKey = "sepay-test-key-0123456789";
const linkKey = deriveKey(testSecret, "donation-links");

let database: Database;
let app: FastifyInstance;
let finance: SignedIn;
const receipts: ReceiptMail[] = [];
const statementLinks: StatementLinkMail[] = [];

function textOf(pdf: Buffer | Uint8Array): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(pdftotext, ["-enc", "UTF-8", "-", "-"], (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
    child.stdin?.end(pdf);
  });
}

/** The text with its line breaks as spaces (a table cell or a long line may wrap). */
const flat = (text: string) => text.replace(/\s+/g, " ");

beforeAll(async () => {
  database = await openTestDatabase();
  await loadReferencePlaces(database.db);
  await insertProjectFixture(database.db, { slug: "dien-bien" });
  const config = parseConfig({ SEPAY_API_KEY: sepayKey });
  app = await buildApp({
    database,
    config: { publicUrl: "http://localhost:3000", logLevel: "silent", donations: config.donations },
    secret: testSecret,
    receiptMailer: {
      sendReceipt: async (mail) => void receipts.push(mail),
      sendStatementLink: async (mail) => void statementLinks.push(mail),
    },
  });
  const account = await createAccount(database.db, { role: "finance" });
  finance = await signIn(app, account.username, account.password);
});
afterEach(async () => {
  expect(await findUnbalancedTransactions(database.db)).toEqual([]);
});
afterAll(async () => {
  await closePdfBrowser();
  await app?.close();
  await database?.close();
});

/** A pledge from the donate form, then its transfer through SePay: the gift and its receipt mail. */
async function give(form: Record<string, string>, amount: number) {
  const response = await app.inject({
    method: "POST",
    url: "/vi/ung-ho",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({ preset: "100000", amount: String(amount), ...form }).toString(),
  });
  expect(response.statusCode, response.body).toBe(303);
  const location = response.headers.location as string;
  const page = await app.inject({ method: "GET", url: location });
  const reference = /UH[A-Z0-9]{7}/.exec(page.body)![0];
  const sent = await sendSepay(
    app,
    sepayKey,
    sepayTransfer({ content: `CHUYEN ${reference}`, transferAmount: amount }),
  );
  expect(sent.statusCode).toBe(200);
  return { location, reference };
}

const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: "GET", url, headers });

describe.skipIf(skip)("receipts", { timeout: 120_000 }, () => {
  it("the receipt e-mail links a bilingual PDF with the donor, the amount in figures and words, the purpose", async () => {
    const { location } = await give(
      { purpose: "dien-bien", name: "Nguyễn Thị Hương", email: "huong@example.org" },
      250_000,
    );
    expect(receipts).toHaveLength(1);
    const mail = receipts[0]!;
    expect(mail.receiptPdfUrl).toMatch(
      /^http:\/\/localhost:3000\/api\/donations\/receipts\/[0-9a-f-]{36}\?t=/,
    );
    const response = await get(mail.receiptPdfUrl.replace("http://localhost:3000", ""));
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["cache-control"]).toBe("no-store");
    const text = flat(await textOf(response.rawPayload));
    expect(text).toContain(seedTexts.organisation.name.vi);
    expect(text).toContain("Biên nhận ủng hộ");
    expect(text).toContain("Donation receipt");
    expect(text).toContain(`${mail.receiptNumber}/${mail.receiptYear}`);
    expect(text).toContain("Nguyễn Thị Hương");
    expect(text).toContain("250.000");
    expect(text).toContain("Hai trăm năm mươi nghìn đồng");
    expect(text).toContain("Quỹ dự án");
    expect(text).toContain("Chuyển khoản ngân hàng (VietQR)");
    expect(text).toContain("Bank transfer (VietQR)");
    expect(text).toContain("Tổ chức không cung cấp bất kỳ hàng hoá hay dịch vụ nào");
    expect(text).toContain("No goods or services were provided in exchange for this gift.");
    // Vietnamese comes first.
    expect(text.indexOf("Biên nhận ủng hộ")).toBeLessThan(text.indexOf("Donation receipt"));

    // The status page links the same receipt.
    const status = await get(location);
    const link = /href="(\/api\/donations\/receipts\/[^"]+)"/.exec(status.body)![1]!;
    const fromPage = await get(link.replaceAll("&amp;", "&"));
    expect(fromPage.statusCode).toBe(200);
    expect(status.body).toContain('href="/vi/ung-ho/bao-cao-nam"');
  });

  it("says an anonymous donor's receipt is from an anonymous donor", async () => {
    await give({}, 120_000);
    const gift = await database.db
      .selectFrom("donation_gifts")
      .select("id")
      .where("amount", "=", 120_000)
      .executeTakeFirstOrThrow();
    const token = receiptToken(linkKey, gift.id, new Date(Date.now() + 60_000));
    const response = await get(`/api/donations/receipts/${gift.id}?t=${token}`);
    const text = flat(await textOf(response.rawPayload));
    expect(text).toContain("Nhà hảo tâm ẩn danh");
    expect(text).toContain("Anonymous donor");
    expect(text).toContain("Quỹ chung (không giới hạn mục đích)");
    expect(text).toContain("Một trăm hai mươi nghìn đồng");
  });

  it("refuses a wrong, another gift's or an expired link with a clear 400, in each language", async () => {
    const gifts = await database.db.selectFrom("donation_gifts").select("id").execute();
    const [a, b] = gifts.map((g) => g.id);
    const good = receiptToken(linkKey, a!, new Date(Date.now() + 60_000));
    const expired = receiptToken(linkKey, a!, new Date(Date.now() - 1_000));
    const cases: [string, string, string][] = [
      [`/api/donations/receipts/${a}?t=${good.slice(0, -2)}xx`, "vi", "đường dẫn không đúng"],
      [`/api/donations/receipts/${b}?t=${good}`, "en", "the link is wrong"],
      [`/api/donations/receipts/${a}`, "vi", "đường dẫn không đúng"],
      [`/api/donations/receipts/${a}?t=${expired}`, "vi", "đường dẫn đã hết hạn"],
      [`/api/donations/receipts/${a}?t=${expired}`, "en", "the link has expired"],
    ];
    for (const [url, language, said] of cases) {
      const response = await get(url, { "accept-language": language });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.message).toContain(said);
    }
  });

  it("lets finance list gifts and download any receipt, and audits the reading", async () => {
    const list = await get("/api/finance/gifts?from=2026-01-01&to=2026-12-31", finance.headers);
    expect(list.statusCode).toBe(200);
    const gifts = list.json().gifts as { id: string; receipt: string; amount: number }[];
    expect(gifts.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(list.json())).not.toContain("Hương");
    const response = await get(`/api/finance/gifts/${gifts[0]!.id}/receipt`, finance.headers);
    expect(response.statusCode).toBe(200);
    expect(flat(await textOf(response.rawPayload))).toContain(gifts[0]!.receipt);
    const audit = await database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "donation.receipt_read")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target_type: "donation_gift", target_id: gifts[0]!.id });
  });
});

describe.skipIf(skip)("yearly statements", { timeout: 120_000 }, () => {
  const form = (email: string, year = "2026", language: "vi" | "en" = "vi", ip = "203.0.113.9") =>
    app.inject({
      method: "POST",
      url: language === "vi" ? "/vi/ung-ho/bao-cao-nam" : "/en/donate/yearly-statement",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      remoteAddress: ip,
      payload: new URLSearchParams({ email, year }).toString(),
    });

  it("e-mails a donor a signed link to their year's gifts and total; the same answer for an address that never gave", async () => {
    await give({ name: "Trần Văn Bình", email: "binh@example.org" }, 100_000);
    await give({ purpose: "dien-bien", email: "Binh@Example.org " }, 250_000);
    const page = await get("/vi/ung-ho/bao-cao-nam");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post" action="/vi/ung-ho/bao-cao-nam"');

    const asked = await form("binh@example.org");
    expect(asked.statusCode).toBe(200);
    expect(statementLinks).toHaveLength(1);
    const mail = statementLinks[0]!;
    expect(mail).toMatchObject({ email: "binh@example.org", year: 2026, locale: "vi" });
    // The link names no address.
    expect(mail.url).not.toContain("binh");
    const nobody = await form("nobody@example.org");
    expect(nobody.statusCode).toBe(200);
    expect(statementLinks).toHaveLength(1);
    const said = (body: string) => /data-status="sent">([^<]+)</.exec(body)![1];
    expect(said(nobody.body)).toBe(said(asked.body));
    // A robot that fills the hidden field gets the same answer, and nothing is sent.
    const robot = await app.inject({
      method: "POST",
      url: "/vi/ung-ho/bao-cao-nam",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      remoteAddress: "203.0.113.77",
      payload: new URLSearchParams({
        email: "binh@example.org",
        year: "2026",
        website: "x",
      }).toString(),
    });
    expect(said(robot.body)).toBe(said(asked.body));
    expect(statementLinks).toHaveLength(1);

    const pdf = await get(mail.url.replace("http://localhost:3000", ""));
    expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200);
    const text = flat(await textOf(pdf.rawPayload));
    expect(text).toContain("Tổng hợp ủng hộ năm 2026");
    expect(text).toContain("Donations in 2026");
    expect(text).toContain("Trần Văn Bình");
    expect(text).toContain("100.000");
    expect(text).toContain("250.000");
    expect(text).toContain("350.000");
    expect(text).toContain("Ba trăm năm mươi nghìn đồng");
    expect(text).toContain("2 khoản ủng hộ");
    expect(text).not.toContain("Hương");

    const tampered = await get(`${mail.url.replace("http://localhost:3000", "").slice(0, -3)}abc`, {
      "accept-language": "en",
    });
    expect(tampered.statusCode).toBe(400);
    expect(tampered.json().error.message).toContain("the link is wrong");
  });

  it("limits requests per address and refuses a year out of range, in each language", async () => {
    // Three an hour for one address (the first test asked once already).
    expect((await form("binh@example.org", "2026", "en", "198.51.100.1")).statusCode).toBe(200);
    expect((await form("binh@example.org", "2026", "en", "198.51.100.2")).statusCode).toBe(200);
    const limited = await form("BINH@example.org", "2026", "en", "198.51.100.3");
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain(
      "Too many times: this address or network has asked for a yearly statement several times in the past hour.",
    );
    const future = await form("someone@example.org", "2999");
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain("năm cần từ 2000 đến năm nay");
  });

  it("lets finance produce a donor's statement by address, and says when there is none", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/finance/donor-statements",
      headers: finance.unsafeHeaders,
      payload: { email: "binh@example.org", year: 2026 },
    });
    expect(response.statusCode).toBe(200);
    const text = flat(await textOf(response.rawPayload));
    expect(text).toContain("binh@example.org");
    expect(text).toContain("350.000");
    const none = await app.inject({
      method: "POST",
      url: "/api/finance/donor-statements",
      headers: { ...finance.unsafeHeaders, "accept-language": "en" },
      payload: { email: "nobody@example.org", year: 2026 },
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toContain("no receipted gifts in 2026");
    const audit = await database.db
      .selectFrom("audit_log")
      .select(["target_type", "target_id", "details"])
      .where("action", "=", "donation.statement_read")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.target_id).not.toContain("binh");
  });
});

describe("the accountant's workbook", { timeout: 120_000 }, () => {
  it("holds the period's journal (balanced), its gifts with receipt numbers and the funds' balances", async () => {
    if (skip) await give({ email: "x@example.org" }, 500_000);
    const allocation = await app.inject({
      method: "POST",
      url: "/api/finance/allocations",
      headers: finance.unsafeHeaders,
      payload: {
        key: "export-alloc-0001",
        project_slug: "dien-bien",
        amount: 50_000,
        occurred_on: "2026-12-05",
        memo: "Phân bổ",
      },
    });
    expect(allocation.statusCode, allocation.body).toBe(201);
    const response = await get(
      "/api/finance/accounts-export?from=2026-01-01&to=2026-12-31",
      finance.headers,
    );
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers["content-type"]).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Bút toán", "Ủng hộ", "Số dư"]);
    const [journal, gifts, balances] = workbook.worksheets;
    expect(journal!.getRow(1).getCell(8).value).toBe("Nợ / Debit");
    const entries = await database.db.selectFrom("ledger_entries").select("amount").execute();
    expect(journal!.rowCount - 1).toBe(entries.length);
    let debit = 0;
    let credit = 0;
    journal!.eachRow((row, number) => {
      if (number === 1) return;
      debit += Number(row.getCell(8).value ?? 0);
      credit += Number(row.getCell(9).value ?? 0);
    });
    expect(debit).toBe(credit);
    expect(debit).toBeGreaterThan(0);
    const giftRows = await database.db
      .selectFrom("donation_gifts")
      .select(["receipt_number", "receipt_year", "amount"])
      .execute();
    const listed: string[] = [];
    gifts!.eachRow((row, number) => {
      if (number > 1) listed.push(String(row.getCell(1).value));
    });
    expect(listed.sort()).toEqual(
      giftRows.map((g) => `${g.receipt_number}/${g.receipt_year}`).sort(),
    );
    const balance: Record<string, number> = {};
    balances!.eachRow((row, number) => {
      if (number > 1 && typeof row.getCell(4).value === "number") {
        balance[String(row.getCell(1).value)] = row.getCell(4).value as number;
      }
    });
    const total = giftRows.reduce((sum, g) => sum + g.amount, 0);
    expect(balance.bank).toBe(total);
    expect(Object.values(balance).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it("refuses a period too long or upside down, for finance only", async () => {
    const long = await get("/api/finance/accounts-export?from=2024-01-01&to=2026-12-31", {
      ...finance.headers,
      "accept-language": "en",
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toContain("at most 400 days");
    const reversed = await get(
      "/api/finance/accounts-export?from=2026-12-31&to=2026-01-01",
      finance.headers,
    );
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.message).toContain("ngày bắt đầu phải trước");
    expect(
      (await get("/api/finance/accounts-export?from=2026-01-01&to=2026-12-31")).statusCode,
    ).toBe(401);
  });
});
