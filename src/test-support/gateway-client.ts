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

/** SePay's notification to a running server (end-to-end tests, the benchmark), over HTTP. */
export function postSepay(baseUrl: string, apiKey: string, transaction: SepayTransaction) {
  return fetch(`${baseUrl}/api/donations/webhooks/sepay`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Apikey ${apiKey}` },
    body: JSON.stringify(transaction),
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

/**
 * PayPal's webhook as PayPal posts it: the event as JSON, and its transmission headers
 * (PAYPAL-AUTH-ALGO, PAYPAL-CERT-URL, PAYPAL-TRANSMISSION-ID, -SIG, -TIME). The signature is
 * PayPal's to check (our server asks PayPal's verify-webhook-signature; the local PayPal says
 * SUCCESS for the transmission ids it was told of).
 */
export function sendPaypalWebhook(
  app: FastifyInstance,
  event: Record<string, unknown>,
  transmissionId: string,
) {
  return app.inject({
    method: "POST",
    url: "/api/donations/webhooks/paypal",
    headers: {
      "content-type": "application/json",
      "paypal-auth-algo": "SHA256withRSA",
      "paypal-cert-url":
        "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77",
      "paypal-transmission-id": transmissionId,
      "paypal-transmission-sig": Buffer.from(`signature of ${transmissionId}`).toString("base64"),
      "paypal-transmission-time": "2026-12-06T03:16:02Z",
    },
    payload: JSON.stringify(event),
  });
}

/** A PAYMENT.CAPTURE.COMPLETED event (Webhooks v1) whose resource is a capture of an order. */
export function paypalCaptureEvent(capture: Record<string, unknown>, orderId: string) {
  return {
    id: `WH-${String(capture.id)}`,
    event_version: "1.0",
    create_time: "2026-12-06T03:16:00.000Z",
    resource_type: "capture",
    resource_version: "2.0",
    event_type: "PAYMENT.CAPTURE.COMPLETED",
    summary: `Payment completed for ${JSON.stringify(capture.amount)}`,
    resource: {
      ...capture,
      supplementary_data: { related_ids: { order_id: orderId } },
    },
    links: [],
  };
}
