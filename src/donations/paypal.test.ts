// PayPal through PayPal's own SDK, against a local server answering as PayPal's Orders v2 reference
// documents (src/test-support/paypal-server.ts): the donate form makes an order and sends the donor
// to PayPal; back on our return address the order is captured and the gift recorded once, however
// often the donor reloads or PayPal is asked; a capture that is not the pledge's is refused and
// nothing is recorded; PayPal down is said plainly and the pledge can be paid later. The ledger
// balances after every test.
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { parseConfig } from "../config.js";
import type { Database } from "../db/connection.js";
import {
  feesAccount,
  findUnbalancedTransactions,
  fundBalanceOn,
  paypalClearingAccount,
  unrestrictedFund,
} from "../ledger/service.js";
import { testSecret } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { paypalCaptureEvent, sendPaypalWebhook } from "../test-support/gateway-client.js";
import {
  type PaypalServer,
  paypalTestCredentials,
  startPaypalServer,
} from "../test-support/paypal-server.js";
import { createAccount, signIn } from "../test-support/sessions.js";
import { hundredthsOf, paypalGateway, paypalValue } from "./paypal.js";
import { vndOf } from "./paypal-checkout.js";

let database: Database;
let app: FastifyInstance;
let paypal: PaypalServer;
const logs: string[] = [];
const rate = "25400";

beforeAll(async () => {
  database = await openTestDatabase();
  paypal = await startPaypalServer();
  const config = parseConfig({
    PAYPAL_CLIENT_ID: paypalTestCredentials.clientId,
    PAYPAL_CLIENT_SECRET: paypalTestCredentials.clientSecret,
    PAYPAL_VND_RATE: rate,
    PAYPAL_WEBHOOK_ID: "8PT597110X687430LKGECATA",
  });
  app = await buildApp({
    database,
    config: { publicUrl: "http://localhost:3000", logLevel: "info", donations: config.donations },
    secret: testSecret,
    logStream: { write: (line) => void logs.push(line) },
    paypal: paypalGateway(config.donations.paypal!, { httpsAgent: paypal.agent, timeoutMs: 3000 }),
  });
});
beforeEach(() => {
  paypal.down = false;
});
afterEach(async () => {
  expect(await findUnbalancedTransactions(database.db)).toEqual([]);
});
afterAll(async () => {
  await app?.close();
  await paypal?.close();
  await database?.close();
});

const donorEmail = "mai.nguyen@example.org";
const donorName = "Nguyễn Thị Mai";

/** The donate form, posted as a browser does; answers the redirect. */
async function give(form: Record<string, string>) {
  return app.inject({
    method: "POST",
    url: "/en/donate",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({ method: "paypal", ...form }).toString(),
  });
}

/** A PayPal pledge made and sent to PayPal: its id and PayPal's order. */
async function pledgeToPaypal(form: Record<string, string> = { paypal_preset: "25" }) {
  const response = await give({ email: donorEmail, name: donorName, named: "yes", ...form });
  expect(response.statusCode, response.body).toBe(303);
  const approve = new URL(response.headers.location as string);
  expect(approve.origin + approve.pathname).toBe("https://www.sandbox.paypal.com/checkoutnow");
  const orderId = approve.searchParams.get("token")!;
  const order = paypal.orders.get(orderId)!;
  const returnUrl = new URL(order.experience.return_url as string);
  const pledgeId = returnUrl.pathname.split("/").at(-1)!;
  return { orderId, order, pledgeId, returnUrl };
}

/** The donor's browser back from PayPal, as PayPal sends it (token and PayerID in the query). */
function comeBack(pledgeId: string, orderId: string) {
  return app.inject({
    method: "GET",
    url: `/api/donations/paypal/return/${pledgeId}?token=${orderId}&PayerID=7E7MGXCWTTKK2`,
  });
}

const giftsOf = (pledgeId: string) =>
  database.db.selectFrom("donation_gifts").selectAll().where("pledge_id", "=", pledgeId).execute();

const outboxCount = async () =>
  Number(
    (
      await database.db
        .selectFrom("mail_outbox")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("PayPal", () => {
  it("reads and writes PayPal's amounts in hundredths, and values them in đồng", () => {
    expect(hundredthsOf("25.00")).toBe(2500);
    expect(hundredthsOf("25.5")).toBe(2550);
    expect(hundredthsOf("7")).toBe(700);
    expect(hundredthsOf("1.005")).toBeNull();
    expect(hundredthsOf("-1.00")).toBeNull();
    expect(paypalValue(2505)).toBe("25.05");
    expect(vndOf(2500, "25400")).toBe(635_000);
    expect(vndOf(149, "25400.5")).toBe(37_847);
  });

  it("offers PayPal on the donate page, in its currency, without script", async () => {
    const page = await app.inject({ method: "GET", url: "/vi/ung-ho" });
    expect(page.body).toContain('value="paypal"');
    expect(page.body).toContain('name="paypal_preset"');
    expect(page.body).toContain("USD");
    expect(page.body).not.toContain("paypal.com/sdk");
  });

  it("pledge → order → return → capture: one gift in đồng, the fee apart, the receipt queued", async () => {
    const outboxBefore = await outboxCount();
    const { orderId, order, pledgeId } = await pledgeToPaypal();
    // The order, as the SDK sent it to PayPal.
    const create = paypal.requests.find(
      (r) => r.path === "/v2/checkout/orders" && r.method === "POST",
    )!;
    expect(create.headers.host).toBe("api-m.sandbox.paypal.com");
    expect(create.headers["paypal-request-id"]).toBe(pledgeId);
    expect(create.body).toMatchObject({
      intent: "CAPTURE",
      purchase_units: [{ amount: { currency_code: "USD", value: "25.00" } }],
      payment_source: {
        paypal: {
          experience_context: {
            user_action: "PAY_NOW",
            shipping_preference: "NO_SHIPPING",
            return_url: `http://localhost:3000/api/donations/paypal/return/${pledgeId}`,
            cancel_url: `http://localhost:3000/api/donations/paypal/cancel/${pledgeId}`,
          },
        },
      },
    });
    expect(order.unit.custom_id).toMatch(/^UH[A-Z0-9]{7}$/);
    expect(order.unit.invoice_id).toBe(order.unit.custom_id);

    paypal.approve(orderId);
    const back = await comeBack(pledgeId, orderId);
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe(`/en/donate/${pledgeId}`);
    const page = await app.inject({ method: "GET", url: back.headers.location as string });
    expect(page.body).toContain('data-status="received"');
    expect(page.body).toContain("$25.00");

    const gifts = await giftsOf(pledgeId);
    expect(gifts).toHaveLength(1);
    // 25.00 USD at 25,400 đồng; PayPal's fee 3.49% + 0.49 = 1.36 USD = 34,544 đồng.
    expect(gifts[0]).toMatchObject({
      channel: "paypal",
      amount: 635_000,
      original_currency: "USD",
      original_amount: 2500,
      original_fee: 136,
      fee: 34_544,
    });
    expect(gifts[0]!.source_key).toBe(`paypal:${order.capture!.id}`);
    const entries = await database.db
      .selectFrom("ledger_entries")
      .select(["account_code", "amount", "currency"])
      .where("transaction_id", "=", gifts[0]!.ledger_transaction_id)
      .orderBy("account_code")
      .execute();
    expect(entries).toEqual([
      { account_code: paypalClearingAccount, amount: 600_456, currency: "VND" },
      { account_code: feesAccount, amount: 34_544, currency: "VND" },
      { account_code: unrestrictedFund, amount: -635_000, currency: "VND" },
    ]);
    expect(await outboxCount()).toBe(outboxBefore + 1);
    // Nothing the donor gave is in the logs.
    const logged = logs.join("\n");
    expect(logged).not.toContain(donorEmail);
    expect(logged).not.toContain("Mai");
  });

  it("records one gift when the donor reloads the return ten times and PayPal is asked twice", async () => {
    const { orderId, pledgeId } = await pledgeToPaypal({ paypal_amount: "40.50" });
    paypal.approve(orderId);
    const clearing = await fundBalanceOn(database.db, paypalClearingAccount, "2026-12-31");
    // Two captures at once (two tabs), then reloads.
    const first = await Promise.all([comeBack(pledgeId, orderId), comeBack(pledgeId, orderId)]);
    for (let i = 0; i < 8; i += 1) first.push(await comeBack(pledgeId, orderId));
    expect(first.every((r) => r.statusCode === 303)).toBe(true);
    expect(first.every((r) => r.headers.location === `/en/donate/${pledgeId}`)).toBe(true);
    expect(await giftsOf(pledgeId)).toHaveLength(1);
    // Once the gift is recorded, a reload asks PayPal nothing.
    const captures = paypal.requests.filter(
      (r) => r.path === `/v2/checkout/orders/${orderId}/capture`,
    );
    expect(captures.length).toBeLessThanOrEqual(2);
    // A capture PayPal answers ORDER_ALREADY_CAPTURED is looked up, not failed.
    await database.db.deleteFrom("donation_gateway_events").execute();
    const gateway = paypalGateway(
      { ...paypalTestCredentials, environment: "sandbox" },
      { httpsAgent: paypal.agent },
    );
    await expect(gateway.captureOrder(orderId, "another-request")).rejects.toMatchObject({
      problem: "already_captured",
      issue: "ORDER_ALREADY_CAPTURED",
    });
    const net = 4050 - Math.round(4050 * 0.0349) - 49;
    expect(await fundBalanceOn(database.db, paypalClearingAccount, "2026-12-31")).toBe(
      clearing - vndOf(net, rate),
    );
  });

  it("looks an already captured order up instead of failing", async () => {
    const { orderId, pledgeId } = await pledgeToPaypal({ paypal_preset: "10" });
    paypal.approve(orderId);
    // Someone (the webhook's path, another server) captured it with another request id.
    const gateway = paypalGateway(
      { ...paypalTestCredentials, environment: "sandbox" },
      { httpsAgent: paypal.agent },
    );
    await gateway.captureOrder(orderId, "elsewhere");
    const back = await comeBack(pledgeId, orderId);
    expect(back.headers.location).toBe(`/en/donate/${pledgeId}`);
    expect(
      paypal.requests.some(
        (r) => r.method === "GET" && r.path === `/v2/checkout/orders/${orderId}`,
      ),
    ).toBe(true);
    expect(await giftsOf(pledgeId)).toHaveLength(1);
  });

  for (const [what, change, outcome] of [
    ["amount", { value: "2.50" }, "amount_mismatch"],
    ["currency", { currency: "EUR" }, "currency_mismatch"],
    ["custom_id", { customId: "UHZZZZZZZ" }, "custom_id_mismatch"],
  ] as const) {
    it(`refuses a capture whose ${what} is not the pledge's, records nothing, logs no personal data`, async () => {
      const { orderId, pledgeId } = await pledgeToPaypal({ paypal_preset: "50" });
      paypal.approve(orderId);
      paypal.captureWith(change);
      const ledgerBefore = await database.db
        .selectFrom("ledger_transactions")
        .select("id")
        .execute();
      const back = await comeBack(pledgeId, orderId);
      expect(back.headers.location).toBe(`/en/donate/${pledgeId}?paypal=mismatch`);
      expect(await giftsOf(pledgeId)).toEqual([]);
      expect(
        await database.db.selectFrom("ledger_transactions").select("id").execute(),
      ).toHaveLength(ledgerBefore.length);
      const events = await database.db
        .selectFrom("donation_gateway_events")
        .select(["gateway", "outcome"])
        .where("outcome", "=", outcome)
        .execute();
      expect(events).toEqual([{ gateway: "paypal", outcome }]);
      const line = logs.find(
        (l) => l.includes("a PayPal capture was refused") && l.includes(outcome),
      );
      expect(line).toBeDefined();
      expect(line).not.toContain(donorEmail);
      expect(line).not.toContain("Mai");
      const page = await app.inject({ method: "GET", url: back.headers.location as string });
      expect(page.body).toContain("does not match this gift");
    });
  }

  it("says PayPal is down plainly, and the pledge can be paid once it is back", async () => {
    paypal.down = "cut";
    const response = await give({ paypal_preset: "25" });
    expect(response.statusCode).toBe(303);
    const location = response.headers.location as string;
    expect(location).toMatch(/^\/en\/donate\/[0-9a-f-]{36}\?paypal=unavailable$/);
    const page = await app.inject({ method: "GET", url: location });
    expect(page.body).toContain("We could not reach PayPal just now");
    const vi = await app.inject({
      method: "GET",
      url: location.replace("/en/donate/", "/vi/ung-ho/"),
    });
    expect(vi.body).toContain("Hiện chưa kết nối được với PayPal");
    const pledgeId = location.split("/").at(-1)!.split("?")[0]!;

    // A 503 is said the same way.
    paypal.down = "503";
    const retry = await app.inject({
      method: "POST",
      url: `/api/donations/paypal/pledges/${pledgeId}/order`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "",
    });
    expect(retry.headers.location).toBe(`/en/donate/${pledgeId}?paypal=unavailable`);

    paypal.down = false;
    const again = await app.inject({
      method: "POST",
      url: `/api/donations/paypal/pledges/${pledgeId}/order`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "",
    });
    expect(again.statusCode).toBe(303);
    const orderId = new URL(again.headers.location as string).searchParams.get("token")!;
    paypal.approve(orderId);
    // PayPal down on the way back: nothing recorded, said plainly; a reload later records it.
    paypal.down = "cut";
    const down = await comeBack(pledgeId, orderId);
    expect(down.headers.location).toBe(`/en/donate/${pledgeId}?paypal=unavailable`);
    expect(await giftsOf(pledgeId)).toEqual([]);
    paypal.down = false;
    const back = await comeBack(pledgeId, orderId);
    expect(back.headers.location).toBe(`/en/donate/${pledgeId}`);
    expect(await giftsOf(pledgeId)).toHaveLength(1);
  });

  it("leads a donor who cancelled back to the pledge, and one who did not approve is told so", async () => {
    const { orderId, pledgeId } = await pledgeToPaypal();
    const cancel = await app.inject({
      method: "GET",
      url: `/api/donations/paypal/cancel/${pledgeId}?token=${orderId}`,
    });
    expect(cancel.headers.location).toBe(`/en/donate/${pledgeId}?paypal=cancelled`);
    const page = await app.inject({ method: "GET", url: cancel.headers.location as string });
    expect(page.body).toContain("You cancelled the payment on PayPal");
    expect(page.body).toContain(`action="/api/donations/paypal/pledges/${pledgeId}/order"`);
    const back = await comeBack(pledgeId, orderId);
    expect(back.headers.location).toBe(`/en/donate/${pledgeId}?paypal=not_approved`);
    expect(await giftsOf(pledgeId)).toEqual([]);
  });

  it("records a gift from PayPal's webhook when the donor never came back: ten events, one gift", async () => {
    const outboxBefore = await outboxCount();
    const { orderId, pledgeId } = await pledgeToPaypal({ paypal_preset: "100" });
    paypal.approve(orderId);
    // The donor paid on PayPal and closed the window: PayPal captured (as our return would have).
    const gateway = paypalGateway(
      { ...paypalTestCredentials, environment: "sandbox" },
      { httpsAgent: paypal.agent },
    );
    await gateway.captureOrder(orderId, "closed-window");
    const event = paypalCaptureEvent(paypal.orders.get(orderId)!.capture!, orderId);
    // A forged event (PayPal does not know its transmission) changes nothing.
    const forged = await sendPaypalWebhook(app, event, "forged-transmission");
    expect(forged.statusCode).toBe(401);
    expect(await giftsOf(pledgeId)).toEqual([]);
    paypal.validTransmissions.add("b3e4f1a0-d2c1-11ef-9c7f-1b2c3d4e5f60");
    for (let i = 0; i < 10; i += 1) {
      const response = await sendPaypalWebhook(app, event, "b3e4f1a0-d2c1-11ef-9c7f-1b2c3d4e5f60");
      expect(response.statusCode, response.body).toBe(200);
    }
    const verify = paypal.requests.filter(
      (r) => r.path === "/v1/notifications/verify-webhook-signature",
    );
    expect(verify.at(-1)!.body).toMatchObject({
      auth_algo: "SHA256withRSA",
      transmission_id: "b3e4f1a0-d2c1-11ef-9c7f-1b2c3d4e5f60",
      webhook_id: "8PT597110X687430LKGECATA",
      webhook_event: { event_type: "PAYMENT.CAPTURE.COMPLETED" },
    });
    const gifts = await giftsOf(pledgeId);
    expect(gifts).toHaveLength(1);
    expect(gifts[0]).toMatchObject({
      channel: "paypal",
      amount: 2_540_000,
      original_amount: 10_000,
    });
    expect(await outboxCount()).toBe(outboxBefore + 1);
    // The donor comes back after all: the same gift.
    const back = await comeBack(pledgeId, orderId);
    expect(back.headers.location).toBe(`/en/donate/${pledgeId}`);
    expect(await giftsOf(pledgeId)).toHaveLength(1);
    // PayPal unreachable for the verification: a 503, so PayPal sends the event again.
    paypal.down = "cut";
    const down = await sendPaypalWebhook(app, event, "b3e4f1a0-d2c1-11ef-9c7f-1b2c3d4e5f60");
    expect(down.statusCode).toBe(503);
  });

  it("captures the order the donor approved even when a later one was made, never another pledge's", async () => {
    const first = await pledgeToPaypal({ paypal_preset: "10" });
    const retry = await app.inject({
      method: "POST",
      url: `/api/donations/paypal/pledges/${first.pledgeId}/order`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "",
    });
    const second = new URL(retry.headers.location as string).searchParams.get("token")!;
    expect(second).not.toBe(first.orderId);
    // Another donor's approved order, brought back on this pledge's return address: refused.
    const other = await pledgeToPaypal({ paypal_preset: "10" });
    paypal.approve(other.orderId);
    const wrong = await comeBack(first.pledgeId, other.orderId);
    expect(wrong.headers.location).toBe(`/en/donate/${first.pledgeId}?paypal=mismatch`);
    expect(await giftsOf(first.pledgeId)).toEqual([]);
    expect(await giftsOf(other.pledgeId)).toEqual([]);
    // …and not captured: no money taken that we would not record. Its own donor's return records it.
    expect(paypal.orders.get(other.orderId)!.status).toBe("APPROVED");
    await comeBack(other.pledgeId, other.orderId);
    expect(await giftsOf(other.pledgeId)).toHaveLength(1);
    // The first tab's order, approved: this pledge's gift.
    paypal.approve(first.orderId);
    const back = await comeBack(first.pledgeId, first.orderId);
    expect(back.headers.location).toBe(`/en/donate/${first.pledgeId}`);
    expect(await giftsOf(first.pledgeId)).toHaveLength(1);
  });

  it("says wrong credentials as PayPal unavailable, with PayPal's status for the log", async () => {
    const gateway = paypalGateway(
      {
        clientId: paypalTestCredentials.clientId,
        clientSecret: "not-the-secret-0123456789",
        environment: "sandbox",
      },
      { httpsAgent: paypal.agent },
    );
    await expect(
      gateway.createOrder({
        reference: "UHABCDEFG",
        requestId: "r-1",
        currency: "USD",
        value: "10.00",
        description: "Donation UHABCDEFG",
        brandName: "Peerlink",
        locale: "en",
        returnUrl: "http://localhost:3000/r",
        cancelUrl: "http://localhost:3000/c",
      }),
    ).rejects.toMatchObject({ problem: "unavailable", status: 401 });
  });

  it("refuses a webhook body over 16 KiB with a clear 400, before asking PayPal", async () => {
    const asked = paypal.requests.length;
    const response = await app.inject({
      method: "POST",
      url: "/api/donations/webhooks/paypal",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({
        id: "WH-1",
        event_type: "X",
        resource: {},
        pad: "x".repeat(17_000),
      }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/\S/);
    expect(paypal.requests.length).toBe(asked);
  });

  it("gives the accountant a PayPal gift's currency, amount, fee and rate in the workbook", async () => {
    const { orderId, pledgeId } = await pledgeToPaypal({ paypal_amount: "20" });
    paypal.approve(orderId);
    await comeBack(pledgeId, orderId);
    const [gift] = await giftsOf(pledgeId);
    const account = await createAccount(database.db, { role: "finance" });
    const finance = await signIn(app, account.username, account.password);
    const response = await app.inject({
      method: "GET",
      url: `/api/finance/accounts-export?from=${gift!.received_on}&to=${gift!.received_on}`,
      headers: finance.headers,
    });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[1]!;
    let row: (string | number | null)[] | undefined;
    sheet.eachRow((r) => {
      if (r.getCell(1).value === `${gift!.receipt_number}/${gift!.receipt_year}`) {
        row = [8, 9, 10, 11, 12].map((c) => r.getCell(c).value as string | number | null);
      }
    });
    // 20.00 USD, fee 3.49% + 0.49 = 1.19 USD, at 25,400 đồng: 30,226 đồng.
    expect(row).toEqual(["USD", 20, 1.19, 25_400, 30_226]);
    expect(String(sheet.getRow(1).getCell(8).value)).toContain("Original currency");
  });

  it("refuses an amount out of bounds, and PayPal when it is not configured", async () => {
    for (const amount of ["0.99", "10000.01", "abc", "1.234"]) {
      const response = await give({ paypal_amount: amount });
      expect(response.statusCode, amount).toBe(400);
      expect(response.body).toContain("<title>");
    }
    const plain = await buildApp({
      database,
      config: { publicUrl: "http://localhost:3000", logLevel: "silent" },
      secret: testSecret,
    });
    const page = await plain.inject({ method: "GET", url: "/en/donate" });
    expect(page.body).not.toContain('value="paypal"');
    const refused = await plain.inject({
      method: "POST",
      url: "/en/donate",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "method=paypal&paypal_preset=25",
    });
    expect(refused.statusCode).toBe(400);
    await plain.close();
  });
});
