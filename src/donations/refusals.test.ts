// What a donor or a gateway is told when something is wrong: an over-size form or notification is
// a 400 naming the limit in the caller's language (while the staff app's sync push keeps its own
// 413, which the app acts on); a card payment VNPay declined says why, by its response code, in
// Vietnamese and English; and a waiting gift's page updates itself by a script of our own origin.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { parseConfig } from "../config.js";
import type { Database } from "../db/connection.js";
import { messages } from "../messages.js";
import { testSecret } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { createAccount, signIn } from "../test-support/sessions.js";
import { renderDonationStatusPage } from "./pages/donate.js";
import type { PledgeView } from "./service.js";
import { vnpayFailureKey, vnpayResponseCodes } from "./vnpay-messages.js";

const sepayKey = "sepay-test-key-0123456789";
let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  database = await openTestDatabase();
  const config = parseConfig({ SEPAY_API_KEY: sepayKey });
  app = await buildApp({
    database,
    config: { publicUrl: "http://localhost:3000", logLevel: "silent", donations: config.donations },
    secret: testSecret,
  });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const tooLongForm = new URLSearchParams({ name: "x".repeat(5000), preset: "100000" }).toString();

describe("an over-size body on a donation route", () => {
  it("is a 400 page that names the form's limit, in the page's language", async () => {
    const vi = await app.inject({
      method: "POST",
      url: "/vi/ung-ho",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: tooLongForm,
    });
    expect(vi.statusCode).toBe(400);
    expect(vi.headers["content-type"]).toContain("text/html");
    expect(vi.body).toContain("Dữ liệu gửi lên quá lớn: tối đa 4 KB");
    expect(vi.body).not.toContain("thay đổi mỗi lần gửi");
    const en = await app.inject({
      method: "POST",
      url: "/en/donate",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: tooLongForm,
    });
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain("Too much data was sent: at most 4 KB");
  });

  it("is a 400 JSON error naming the webhook's limit, in the caller's language", async () => {
    const send = (language: string) =>
      app.inject({
        method: "POST",
        url: "/api/donations/webhooks/sepay",
        headers: {
          "content-type": "application/json",
          authorization: `Apikey ${sepayKey}`,
          "accept-language": language,
        },
        payload: JSON.stringify({ content: "x".repeat(20_000) }),
      });
    const vi = await send("vi");
    expect(vi.statusCode).toBe(400);
    expect(vi.json()).toEqual({
      error: {
        code: "body_too_large",
        message: "Dữ liệu gửi lên quá lớn: tối đa 16 KB. Hãy rút gọn nội dung rồi gửi lại.",
      },
    });
    const en = await send("en");
    expect(en.json().error.message).toBe(
      "Too much data was sent: at most 16 KB. Shorten it and send it again.",
    );
  });

  it("leaves the sync push's 413, which the staff app splits its batch on", async () => {
    const account = await createAccount(database.db, { role: "administrator" });
    const admin = await signIn(app, account.username, account.password);
    const response = await app.inject({
      method: "POST",
      url: "/api/sync/push",
      headers: {
        ...admin.headers,
        "x-csrf-token": admin.csrfToken,
        "content-type": "application/json",
      },
      payload: JSON.stringify({ changes: [], padding: "x".repeat(4 * 1024 * 1024 + 10) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe("payload_too_large");
  });
});

describe("a card payment VNPay declined", () => {
  const failed = (code: string | null): PledgeView => ({
    id: "0193a1b2-0000-7000-8000-000000000001",
    reference: "UHABCDEFG",
    amount: 200_000,
    method: "vnpay",
    locale: "vi",
    status: "failed",
    failureCode: code,
    paypal: null,
    project: { slug: "dien-bien", name: { vi: "Điện Biên", en: "Dien Bien" } },
    gift: null,
  });
  const page = (code: string | null, locale: "vi" | "en") =>
    renderDonationStatusPage({
      locale,
      organisation: undefined,
      publicUrl: "http://localhost:3000",
      receiptPdfUrl: null,
      pledge: failed(code),
      bank: { bin: "970436", accountNumber: "0000000000", accountName: "DEMO", demo: true },
      transferText: "UHABCDEFG",
      qrSvg: "",
    });

  it("says what happened and what to do, for each code VNPay documents, in both languages", () => {
    for (const code of vnpayResponseCodes) {
      const key = vnpayFailureKey(code);
      expect(messages.vi[key], code).toBeTruthy();
      expect(messages.en[key], code).toBeTruthy();
    }
    expect(page("24", "vi")).toContain("Bạn đã huỷ thanh toán, không có khoản tiền nào bị trừ.");
    expect(page("24", "en")).toContain("You cancelled the payment; no money was taken.");
    expect(page("51", "vi")).toContain("Tài khoản không đủ số dư");
    expect(page("07", "en")).toContain("Please do not pay again");
    // A code VNPay does not document is said as its "other error".
    expect(page("XX", "vi")).toContain(messages.vi["vnpay.response.99"]);
    expect(page(null, "en")).toContain(messages.en["vnpay.response.99"]);
    // And a way back to the project's donate page.
    expect(page("24", "vi")).toContain('href="/vi/ung-ho?du-an=dien-bien"');
  });
});

describe("a waiting gift's page", () => {
  it("updates itself by its own script, and reloads only without script", async () => {
    const pledge = await app.inject({
      method: "POST",
      url: "/vi/ung-ho",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ preset: "100000" }).toString(),
    });
    const html = (await app.inject({ method: "GET", url: pledge.headers.location as string })).body;
    const script =
      /<script src="(\/assets\/pledge-status\.[0-9a-f]{12}\.js)" defer[^>]*><\/script>/.exec(
        html,
      )?.[1];
    expect(script).toBeDefined();
    expect(html).toContain('<noscript><meta http-equiv="refresh" content="15"/></noscript>');
    expect(html).toContain('id="pledge-status" aria-live="polite"');
    const served = await app.inject({ method: "GET", url: script! });
    expect(served.statusCode).toBe(200);
    expect(served.headers["content-type"]).toContain("text/javascript");
    expect(served.body).toContain("/api/donations/pledges/");
  });
});
