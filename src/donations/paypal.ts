// PayPal (REST, Orders v2) through PayPal's own server SDK: create an order for a pledge, capture
// it when the donor comes back, read it (when PayPal says it was captured already), and verify a
// webhook's signature with PayPal. The standard redirect: no PayPal script on our pages.
//
// What travels, as PayPal's Orders v2 reference documents it: POST /v1/oauth2/token (client
// credentials, by the SDK), POST /v2/checkout/orders with `intent: CAPTURE`, one purchase unit whose
// `custom_id` and `invoice_id` are our pledge reference, `payment_source.paypal.experience_context`
// with our return and cancel addresses, and a `PayPal-Request-Id` so a repeated call makes one
// order; the answer's `payer-action` link is where the donor approves. POST
// /v2/checkout/orders/{id}/capture (with a `PayPal-Request-Id` of its own) answers the order with
// `purchase_units[0].payments.captures[0]`: its id, status, amount and `seller_receivable_breakdown`
// (gross, PayPal's fee, net). A second capture of a captured order is a 422 whose
// `details[0].issue` is ORDER_ALREADY_CAPTURED; GET /v2/checkout/orders/{id} then shows it.
//
// The SDK has no base-URI setting (only Production and Sandbox); tests give it an HTTPS agent that
// connects to a local server answering as PayPal does (docs/decisions.md). It (with axios) loads
// with the first call to PayPal, so a server without PayPal, or before its first PayPal gift,
// holds none of it (test/lazy-libraries.test.ts).
import type { Agent } from "node:https";
import type { ApiError, Order } from "@paypal/paypal-server-sdk";
import type { PaypalConfig } from "../config.js";

/** What went wrong with PayPal, said to the donor in their language (paypal-messages.ts). */
export const paypalProblems = [
  "unavailable",
  "not_approved",
  "declined",
  "refused",
  "too_many_attempts",
  "expired",
  "pending",
  "cancelled",
  "mismatch",
] as const;
export type PaypalProblem = (typeof paypalProblems)[number];

export class PaypalError extends Error {
  override name = "PaypalError";
  constructor(
    readonly problem: PaypalProblem | "already_captured",
    /** PayPal's HTTP status and error name or issue, for the log (never personal data). */
    readonly status: number | null,
    readonly issue: string | null,
  ) {
    super(`PayPal: ${problem}${issue ? ` (${status} ${issue})` : ""}`);
  }
}

/** A capture as PayPal reports it: amounts as PayPal writes them ("25.00"). */
export interface PaypalCapture {
  id: string;
  status: string;
  currency: string;
  value: string;
  customId: string | null;
  fee: { currency: string; value: string } | null;
  createTime: string | null;
}

export interface PaypalOrder {
  id: string;
  status: string;
  /** The purchase unit's custom_id, currency and amount (as PayPal writes it). */
  customId: string | null;
  currency: string | null;
  value: string | null;
  capture: PaypalCapture | null;
}

export interface NewOrder {
  reference: string;
  /** The pledge's id: PayPal-Request-Id, so a retried create makes one order. */
  requestId: string;
  currency: string;
  /** As PayPal writes amounts: "25.00". */
  value: string;
  description: string;
  brandName: string;
  locale: "vi" | "en";
  returnUrl: string;
  cancelUrl: string;
}

export interface WebhookHeaders {
  authAlgo: string;
  certUrl: string;
  transmissionId: string;
  transmissionSig: string;
  transmissionTime: string;
}

export interface PaypalGateway {
  createOrder(order: NewOrder): Promise<{ orderId: string; approveUrl: string }>;
  captureOrder(orderId: string, requestId: string): Promise<PaypalOrder>;
  getOrder(orderId: string): Promise<PaypalOrder>;
  /** PayPal's verify-webhook-signature: true only for verification_status SUCCESS. */
  verifyWebhook(headers: WebhookHeaders, webhookId: string, event: unknown): Promise<boolean>;
}

/** Hundredths of a currency unit from PayPal's "25.00" (or "25", "25.5"); null if not that. */
export function hundredthsOf(value: string): number | null {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** PayPal's way of writing hundredths: 2500 → "25.00". */
export function paypalValue(hundredths: number): string {
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
}

function orderOf(order: Order): PaypalOrder {
  const unit = order.purchaseUnits?.[0];
  const capture = unit?.payments?.captures?.[0];
  const fee = capture?.sellerReceivableBreakdown?.paypalFee;
  return {
    id: order.id ?? "",
    status: order.status ?? "",
    customId: unit?.customId ?? null,
    currency: unit?.amount?.currencyCode ?? null,
    value: unit?.amount?.value ?? null,
    capture:
      capture?.id && capture.amount
        ? {
            id: capture.id,
            status: capture.status ?? "",
            currency: capture.amount.currencyCode,
            value: capture.amount.value,
            customId: capture.customId ?? unit?.customId ?? null,
            fee: fee ? { currency: fee.currencyCode, value: fee.value } : null,
            createTime: capture.createTime ?? null,
          }
        : null,
  };
}

type Sdk = typeof import("@paypal/paypal-server-sdk");
let sdk: Sdk | undefined;
const loadSdk = async (): Promise<Sdk> => {
  sdk ??= await import("@paypal/paypal-server-sdk");
  return sdk;
};

/** PayPal's error name and first issue, from an error answer's body. */
function issueOf(error: ApiError): string | null {
  const result = error.result as
    | { name?: unknown; details?: { issue?: unknown }[]; error?: unknown }
    | undefined;
  const issue = result?.details?.[0]?.issue ?? result?.name ?? result?.error;
  return typeof issue === "string" && /^[A-Za-z0-9_]{1,60}$/.test(issue) ? issue : null;
}

/** Orders v2's documented issues, as what the donor is told. */
const problemOfIssue: Record<string, PaypalProblem | "already_captured"> = {
  ORDER_ALREADY_CAPTURED: "already_captured",
  ORDER_NOT_APPROVED: "not_approved",
  PAYER_ACTION_REQUIRED: "not_approved",
  INSTRUMENT_DECLINED: "declined",
  PAYER_CANNOT_PAY: "declined",
  TRANSACTION_REFUSED: "refused",
  PAYEE_ACCOUNT_RESTRICTED: "refused",
  PAYEE_ACCOUNT_LOCKED_OR_CLOSED: "refused",
  PAYER_ACCOUNT_LOCKED_OR_CLOSED: "refused",
  PAYER_ACCOUNT_RESTRICTED: "refused",
  COMPLIANCE_VIOLATION: "refused",
  DUPLICATE_INVOICE_ID: "refused",
  MAX_NUMBER_OF_PAYMENT_ATTEMPTS_EXCEEDED: "too_many_attempts",
  ORDER_EXPIRED: "expired",
  RESOURCE_NOT_FOUND: "expired",
  INVALID_RESOURCE_ID: "expired",
};

/** Any failure of a call to PayPal, as a PaypalError. */
export function paypalErrorOf(error: unknown): PaypalError {
  if (error instanceof PaypalError) return error;
  // An ApiError comes only from the SDK's calls, so only once it is loaded.
  if (sdk && error instanceof sdk.ApiError) {
    const issue = issueOf(error);
    const status = error.statusCode;
    const known = issue ? problemOfIssue[issue] : undefined;
    if (known) return new PaypalError(known, status, issue);
    // 401/403: our credentials (said in the log); 5xx, 429: PayPal is down or busy. Either way
    // the donor can only try again later.
    if (status === 404) return new PaypalError("expired", status, issue);
    if (status === 422 || status === 400) return new PaypalError("refused", status, issue);
    return new PaypalError("unavailable", status, issue);
  }
  // No answer (refused connection, time-out) or an answer not shaped as documented.
  const code = (error as { code?: unknown } | null)?.code;
  return new PaypalError(
    "unavailable",
    null,
    typeof code === "string" && /^[A-Z_]{1,40}$/.test(code) ? code : null,
  );
}

async function calling<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw paypalErrorOf(error);
  }
}

/** The gateway over PayPal's SDK; `httpsAgent` only in tests (a local server in PayPal's place). */
export function paypalGateway(
  config: Pick<PaypalConfig, "clientId" | "clientSecret" | "environment">,
  options: { httpsAgent?: Agent | undefined; timeoutMs?: number } = {},
): PaypalGateway {
  // Made with the first call: the SDK loads then.
  let made:
    | Promise<{
        sdk: Sdk;
        client: InstanceType<Sdk["Client"]>;
        orders: InstanceType<Sdk["OrdersController"]>;
      }>
    | undefined;
  const paypal = () =>
    (made ??= loadSdk().then((sdk) => {
      const client = new sdk.Client({
        environment:
          config.environment === "live" ? sdk.Environment.Production : sdk.Environment.Sandbox,
        clientCredentialsAuthCredentials: {
          oAuthClientId: config.clientId,
          oAuthClientSecret: config.clientSecret,
        },
        timeout: options.timeoutMs ?? 15_000,
        httpClientOptions: {
          timeout: options.timeoutMs ?? 15_000,
          ...(options.httpsAgent ? { httpsAgent: options.httpsAgent } : {}),
        },
      });
      return { sdk, client, orders: new sdk.OrdersController(client) };
    }));
  return {
    createOrder: (order) =>
      calling(async () => {
        const { sdk, orders } = await paypal();
        const { result } = await orders.createOrder({
          paypalRequestId: order.requestId,
          prefer: "return=minimal",
          body: {
            intent: sdk.CheckoutPaymentIntent.Capture,
            purchaseUnits: [
              {
                referenceId: order.reference,
                customId: order.reference,
                invoiceId: order.reference,
                description: order.description,
                amount: { currencyCode: order.currency, value: order.value },
              },
            ],
            paymentSource: {
              paypal: {
                experienceContext: {
                  brandName: order.brandName,
                  locale: order.locale === "vi" ? "vi-VN" : "en-US",
                  shippingPreference: sdk.PaypalWalletContextShippingPreference.NoShipping,
                  userAction: sdk.PaypalExperienceUserAction.PayNow,
                  returnUrl: order.returnUrl,
                  cancelUrl: order.cancelUrl,
                },
              },
            },
          },
        });
        const link = result.links?.find((l) => l.rel === "payer-action" || l.rel === "approve");
        if (!result.id || !link || !/^https:\/\//.test(link.href)) {
          throw new PaypalError("unavailable", null, "NO_APPROVE_LINK");
        }
        return { orderId: result.id, approveUrl: link.href };
      }),
    captureOrder: (orderId, requestId) =>
      calling(async () => {
        const { orders } = await paypal();
        const { result } = await orders.captureOrder({
          id: orderId,
          paypalRequestId: requestId,
          prefer: "return=representation",
        });
        return orderOf(result);
      }),
    getOrder: (orderId) =>
      calling(async () => {
        const { orders } = await paypal();
        return orderOf((await orders.getOrder({ id: orderId })).result);
      }),
    verifyWebhook: (headers, webhookId, event) =>
      calling(async () => {
        const { sdk, client } = await paypal();
        // Not in the SDK's controllers: its request builder, with its token and transport.
        const request = client.getRequestBuilderFactory()(
          "POST",
          "/v1/notifications/verify-webhook-signature",
        );
        request.header("Content-Type", "application/json");
        request.json({
          auth_algo: headers.authAlgo,
          cert_url: headers.certUrl,
          transmission_id: headers.transmissionId,
          transmission_sig: headers.transmissionSig,
          transmission_time: headers.transmissionTime,
          webhook_id: webhookId,
          webhook_event: event,
        });
        request.authenticate([{ oauth2: true }]);
        request.defaultToError(sdk.ApiError);
        const { result } = await request.callAsText();
        const answer = JSON.parse(result) as { verification_status?: unknown };
        return answer.verification_status === "SUCCESS";
      }),
  };
}
