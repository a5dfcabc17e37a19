// VNPay through HTTP, with requests signed as VNPay signs them: the donate form sends a card donor
// to a signed payment URL; the IPN replayed ten times is one gift; a tampered amount or signature
// is refused with VNPay's codes and logged; the ledger balances after every test.
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { parseConfig } from "../config.js";
import type { Database } from "../db/connection.js";
import {
  findUnbalancedTransactions,
  fundBalanceOn,
  vnpayClearingAccount,
} from "../ledger/service.js";
import { testSecret } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { sendVnpayIpn, vnpayIpnParams } from "../test-support/gateway-client.js";
import { signatureHolds, signedQuery } from "./vnpay.js";

const hashSecret = "vnpay-test-hash-secret-0123456789";
let database: Database;
let app: FastifyInstance;
const logs: string[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  const config = parseConfig({
    VNPAY_TMN_CODE: "PEERLINK",
    VNPAY_HASH_SECRET: hashSecret,
    VNPAY_URL: "https://gateway.test/paymentv2/vpcpay.html",
  });
  app = await buildApp({
    database,
    config: { publicUrl: "http://localhost:3000", logLevel: "info", donations: config.donations },
    secret: testSecret,
    logStream: { write: (line) => void logs.push(line) },
  });
});
afterEach(async () => {
  expect(await findUnbalancedTransactions(database.db)).toEqual([]);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function cardPledge(amount: number) {
  const response = await app.inject({
    method: "POST",
    url: "/en/donate",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: `preset=${amount}&method=vnpay`,
  });
  expect(response.statusCode, response.body).toBe(303);
  const url = new URL(response.headers.location as string);
  expect(url.origin + url.pathname).toBe("https://gateway.test/paymentv2/vpcpay.html");
  const params = Object.fromEntries(url.searchParams);
  expect(signatureHolds(params, hashSecret)).toBe(true);
  expect(params).toMatchObject({
    vnp_Version: "2.1.0",
    vnp_Command: "pay",
    vnp_Amount: String(amount * 100),
    vnp_CurrCode: "VND",
    vnp_Locale: "en",
  });
  return params.vnp_TxnRef!;
}

describe("VNPay", () => {
  it("offers cards on the donate page when configured", async () => {
    const page = await app.inject({ method: "GET", url: "/vi/ung-ho" });
    expect(page.body).toContain('value="vnpay"');
  });

  it("records one gift however many times the IPN is replayed", async () => {
    const reference = await cardPledge(500_000);
    const query = signedQuery(
      vnpayIpnParams({
        vnp_TxnRef: reference,
        vnp_Amount: "50000000",
        vnp_TransactionNo: "14226112",
      }),
      hashSecret,
    );
    const answers = [];
    for (let i = 0; i < 10; i += 1) answers.push((await sendVnpayIpn(app, query)).json());
    expect(answers[0]).toEqual({ RspCode: "00", Message: "Confirm Success" });
    expect(answers.slice(1).every((a) => a.RspCode === "02")).toBe(true);
    const gifts = await database.db.selectFrom("donation_gifts").selectAll().execute();
    expect(gifts).toHaveLength(1);
    expect(gifts[0]).toMatchObject({
      channel: "vnpay",
      source_key: "vnpay:14226112",
      amount: 500_000,
    });
    expect(await fundBalanceOn(database.db, vnpayClearingAccount, "2026-12-31")).toBe(-500_000);
  });

  it("refuses a tampered amount or signature, and an amount that is not the pledge's", async () => {
    const reference = await cardPledge(200_000);
    const params = vnpayIpnParams({
      vnp_TxnRef: reference,
      vnp_Amount: "20000000",
      vnp_TransactionNo: "14226113",
    });
    const tampered = signedQuery(params, hashSecret).replace(
      "vnp_Amount=20000000",
      "vnp_Amount=2000000000",
    );
    expect((await sendVnpayIpn(app, tampered)).json()).toEqual({
      RspCode: "97",
      Message: "Invalid signature",
    });
    const wrongKey = signedQuery(params, "not-the-secret-0000000000000");
    expect((await sendVnpayIpn(app, wrongKey)).json().RspCode).toBe("97");
    const wrongAmount = signedQuery({ ...params, vnp_Amount: "100" }, hashSecret);
    expect((await sendVnpayIpn(app, wrongAmount)).json()).toEqual({
      RspCode: "04",
      Message: "Invalid amount",
    });
    const unknown = signedQuery({ ...params, vnp_TxnRef: "UHAAAAAAA" }, hashSecret);
    expect((await sendVnpayIpn(app, unknown)).json().RspCode).toBe("01");
    expect(
      await database.db
        .selectFrom("donation_gifts")
        .selectAll()
        .where("source_key", "=", "vnpay:14226113")
        .execute(),
    ).toEqual([]);
    const events = await database.db
      .selectFrom("donation_gateway_events")
      .select("outcome")
      .execute();
    expect(events.map((e) => e.outcome)).toEqual(
      expect.arrayContaining(["invalid_signature", "invalid_amount", "order_not_found"]),
    );
    expect(logs.some((line) => line.includes("a VNPay IPN was refused"))).toBe(true);
  });

  it("marks a declined payment failed, and the return page leads to the status page", async () => {
    const reference = await cardPledge(100_000);
    const params = vnpayIpnParams({
      vnp_TxnRef: reference,
      vnp_Amount: "10000000",
      vnp_TransactionNo: "14226114",
      vnp_ResponseCode: "24",
      vnp_TransactionStatus: "02",
    });
    expect((await sendVnpayIpn(app, signedQuery(params, hashSecret))).json().RspCode).toBe("00");
    const back = await app.inject({
      method: "GET",
      url: `/api/donations/vnpay/return?${signedQuery(params, hashSecret)}`,
    });
    expect(back.statusCode).toBe(303);
    const page = await app.inject({ method: "GET", url: back.headers.location as string });
    expect(page.body).toContain('data-status="failed"');
  });
});
