// A signing client of our own for tests: builds each gateway's request exactly as its
// documentation says (headers, body, signature), so tests drive the webhooks as the services do.
import type { FastifyInstance } from "fastify";
import type { SepayTransaction } from "../donations/webhooks.js";
import { cassoSignature } from "../donations/webhooks.js";

/** SePay: the transaction as JSON, `Authorization: Apikey <key>`. */
export function sendSepay(app: FastifyInstance, apiKey: string, transaction: SepayTransaction) {
  return app.inject({
    method: "POST",
    url: "/api/donations/webhooks/sepay",
    headers: { "content-type": "application/json", authorization: `Apikey ${apiKey}` },
    payload: JSON.stringify(transaction),
  });
}

let sepayId = 92_700;
/** An incoming transfer as SePay posts it. */
export function sepayTransfer(
  fields: Partial<SepayTransaction> & Pick<SepayTransaction, "content" | "transferAmount">,
): SepayTransaction {
  sepayId += 1;
  return {
    id: sepayId,
    gateway: "Vietcombank",
    transactionDate: "2026-12-05 14:02:37",
    accountNumber: "0000000000",
    code: null,
    transferType: "in",
    accumulated: 19_077_000,
    subAccount: null,
    referenceCode: `MBVCB.${3_278_907_000 + sepayId}`,
    description: "",
    ...fields,
  };
}

/** Casso webhook v2: the body signed as `X-Casso-Signature: t=<ms>,v1=<HMAC-SHA512>`. */
export function sendCasso(
  app: FastifyInstance,
  secret: string,
  body: { error: number; data: Record<string, unknown> },
  options: { tamper?: (body: { error: number; data: Record<string, unknown> }) => void } = {},
) {
  const timestamp = String(Date.now());
  const signature = cassoSignature(body, timestamp, secret);
  options.tamper?.(body);
  return app.inject({
    method: "POST",
    url: "/api/donations/webhooks/casso",
    headers: {
      "content-type": "application/json",
      "x-casso-signature": `t=${timestamp},v1=${signature}`,
    },
    payload: JSON.stringify(body),
  });
}

/** VNPay's IPN: its parameters in the query, signed as VNPay signs them (src/donations/vnpay.ts). */
export function sendVnpayIpn(app: FastifyInstance, query: string) {
  return app.inject({ method: "GET", url: `/api/donations/vnpay/ipn?${query}` });
}

export function vnpayIpnParams(fields: Record<string, string>): Record<string, string> {
  return {
    vnp_TmnCode: "PEERLINK",
    vnp_BankCode: "NCB",
    vnp_BankTranNo: "VNP14226112",
    vnp_CardType: "ATM",
    vnp_OrderInfo: "Ung ho",
    vnp_PayDate: "20261205153000",
    vnp_ResponseCode: "00",
    vnp_TransactionStatus: "00",
    ...fields,
  };
}
