// A local PayPal for tests: an HTTP server answering as PayPal's REST reference documents it —
// POST /v1/oauth2/token (client credentials, Basic auth), POST /v2/checkout/orders (Orders v2
// create, `PayPal-Request-Id` idempotent), POST /v2/checkout/orders/{id}/capture (422
// ORDER_NOT_APPROVED before the payer approves, 422 ORDER_ALREADY_CAPTURED after a capture unless
// the same PayPal-Request-Id repeats it), GET /v2/checkout/orders/{id}, and POST
// /v1/notifications/verify-webhook-signature. Errors have PayPal's shape: name, message, debug_id,
// details[].issue. PayPal's SDK reaches it through `agent` (it has no base-URI setting): every
// connection the agent opens goes to this server, in plain HTTP.
import { randomBytes } from "node:crypto";
import http from "node:http";
import https from "node:https";
import net from "node:net";

type Json = Record<string, unknown>;

interface FakeOrder {
  id: string;
  status: "PAYER_ACTION_REQUIRED" | "APPROVED" | "COMPLETED";
  unit: {
    reference_id?: string;
    custom_id?: string;
    invoice_id?: string;
    description?: string;
    amount: { currency_code: string; value: string };
  };
  experience: Json;
  capture: Json | null;
  captureRequestId: string | null;
  createTime: string;
}

export interface PaypalServer {
  agent: https.Agent;
  /** Every request PayPal received: method, path, headers, parsed body. */
  requests: { method: string; path: string; headers: http.IncomingHttpHeaders; body: unknown }[];
  orders: Map<string, FakeOrder>;
  /** The donor approves the order on PayPal's pages. */
  approve(orderId: string): void;
  /** What the next capture reports instead of the order's own (a tampered or odd capture). */
  captureWith(change: {
    value?: string;
    currency?: string;
    customId?: string;
    status?: string;
  }): void;
  /** Down: connections are cut (no answer), or every call answered 503. */
  down: false | "cut" | "503";
  /** Transmission ids whose webhook signature PayPal accepts. */
  validTransmissions: Set<string>;
  close(): Promise<void>;
}

const clientId = "AbCdEfGhIjKlMnOpQrSt";
const clientSecret = "ExAmPlE-secret-0123456789";
export const paypalTestCredentials = { clientId, clientSecret };

function orderId(): string {
  return randomBytes(9).toString("hex").toUpperCase().slice(0, 17);
}

function error(
  status: number,
  name: string,
  issue: string | null,
  message: string,
): [number, Json] {
  return [
    status,
    {
      name,
      message,
      debug_id: randomBytes(6).toString("hex"),
      ...(issue ? { details: [{ issue, description: issue.toLowerCase() }] } : {}),
      links: [],
    },
  ];
}

function orderBody(order: FakeOrder): Json {
  return {
    id: order.id,
    intent: "CAPTURE",
    status: order.status,
    create_time: order.createTime,
    payment_source: { paypal: {} },
    purchase_units: [
      {
        ...order.unit,
        ...(order.capture ? { payments: { captures: [order.capture] } } : {}),
      },
    ],
    links: [
      {
        href: `https://api-m.sandbox.paypal.com/v2/checkout/orders/${order.id}`,
        rel: "self",
        method: "GET",
      },
      ...(order.status === "COMPLETED"
        ? []
        : [
            {
              href: `https://www.sandbox.paypal.com/checkoutnow?token=${order.id}`,
              rel: "payer-action",
              method: "GET",
            },
          ]),
    ],
  };
}

/** PayPal's fee for a gift of `value` in its currency: 3.49% + 0.49, as PayPal's US rate card. */
function feeOf(value: string): string {
  const cents = Math.round(Number(value) * 100);
  const fee = Math.round(cents * 0.0349) + 49;
  return (fee / 100).toFixed(2);
}

export async function startPaypalServer(): Promise<PaypalServer> {
  const orders = new Map<string, FakeOrder>();
  const byRequestId = new Map<string, [number, Json]>();
  const tokens = new Set<string>();
  let change: { value?: string; currency?: string; customId?: string; status?: string } | null =
    null;
  const state: PaypalServer = {
    agent: undefined as unknown as https.Agent,
    requests: [],
    orders,
    approve(id) {
      const order = orders.get(id);
      if (!order) throw new Error(`no order ${id}`);
      if (order.status === "PAYER_ACTION_REQUIRED") order.status = "APPROVED";
    },
    captureWith(next) {
      change = next;
    },
    down: false,
    validTransmissions: new Set(),
    close: async () => {},
  };

  function answer(
    method: string,
    path: string,
    headers: http.IncomingHttpHeaders,
    raw: string,
  ): [number, Json] {
    if (path === "/v1/oauth2/token" && method === "POST") {
      const basic = Buffer.from(`${clientId}:${clientSecret}`).toString("base64");
      if (headers.authorization !== `Basic ${basic}` || raw !== "grant_type=client_credentials") {
        return [
          401,
          { error: "invalid_client", error_description: "Client Authentication failed" },
        ];
      }
      const token = `A21AA${randomBytes(12).toString("hex")}`;
      tokens.add(token);
      return [
        200,
        {
          scope: "https://uri.paypal.com/services/payments/payment",
          access_token: token,
          token_type: "Bearer",
          app_id: "APP-80W284485P519543T",
          expires_in: 32400,
          nonce: randomBytes(8).toString("hex"),
        },
      ];
    }
    const bearer = headers.authorization?.replace(/^Bearer /, "") ?? "";
    if (!tokens.has(bearer)) {
      return error(
        401,
        "AUTHENTICATION_FAILURE",
        null,
        "Authentication failed due to invalid authentication credentials or a missing Authorization header.",
      );
    }
    const body = raw ? (JSON.parse(raw) as Json) : {};
    const requestId = headers["paypal-request-id"];
    if (path === "/v2/checkout/orders" && method === "POST") {
      const key = `create:${String(requestId)}`;
      const known = typeof requestId === "string" ? byRequestId.get(key) : undefined;
      if (known) return [200, known[1]];
      const units = body.purchase_units as FakeOrder["unit"][] | undefined;
      if (body.intent !== "CAPTURE" || units?.length !== 1 || !units[0]?.amount) {
        return error(
          400,
          "INVALID_REQUEST",
          "MISSING_REQUIRED_PARAMETER",
          "Request is not well-formed, syntactically incorrect, or violates schema.",
        );
      }
      const order: FakeOrder = {
        id: orderId(),
        status: "PAYER_ACTION_REQUIRED",
        unit: units[0],
        experience: ((body.payment_source as Json | undefined)?.paypal as Json | undefined)
          ?.experience_context as Json,
        capture: null,
        captureRequestId: null,
        createTime: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
      };
      orders.set(order.id, order);
      const created: [number, Json] = [200, orderBody(order)];
      if (typeof requestId === "string") byRequestId.set(key, created);
      return [201, created[1]];
    }
    const match = /^\/v2\/checkout\/orders\/([A-Z0-9]+)(\/capture)?$/.exec(path);
    const order = match ? orders.get(match[1]!) : undefined;
    if (match && !order) {
      return error(
        404,
        "RESOURCE_NOT_FOUND",
        "INVALID_RESOURCE_ID",
        "The specified resource does not exist.",
      );
    }
    if (order && method === "GET" && !match![2]) return [200, orderBody(order)];
    if (order && method === "POST" && match![2]) {
      if (order.status === "COMPLETED") {
        if (requestId && requestId === order.captureRequestId) return [200, orderBody(order)];
        return error(
          422,
          "UNPROCESSABLE_ENTITY",
          "ORDER_ALREADY_CAPTURED",
          "The requested action could not be performed, semantically incorrect, or failed business validation.",
        );
      }
      if (order.status !== "APPROVED") {
        return error(
          422,
          "UNPROCESSABLE_ENTITY",
          "ORDER_NOT_APPROVED",
          "The requested action could not be performed, semantically incorrect, or failed business validation.",
        );
      }
      const value = change?.value ?? order.unit.amount.value;
      const currency = change?.currency ?? order.unit.amount.currency_code;
      const fee = feeOf(value);
      order.status = "COMPLETED";
      order.captureRequestId = typeof requestId === "string" ? requestId : null;
      order.capture = {
        id: orderId(),
        status: change?.status ?? "COMPLETED",
        amount: { currency_code: currency, value },
        final_capture: true,
        seller_protection: { status: "ELIGIBLE", dispute_categories: ["ITEM_NOT_RECEIVED"] },
        seller_receivable_breakdown: {
          gross_amount: { currency_code: currency, value },
          paypal_fee: { currency_code: currency, value: fee },
          net_amount: {
            currency_code: currency,
            value: (Number(value) - Number(fee)).toFixed(2),
          },
        },
        custom_id: change?.customId ?? order.unit.custom_id,
        invoice_id: order.unit.invoice_id,
        links: [],
        create_time: "2026-12-06T03:15:00Z",
        update_time: "2026-12-06T03:15:00Z",
      };
      change = null;
      return [201, orderBody(order)];
    }
    if (path === "/v1/notifications/verify-webhook-signature" && method === "POST") {
      const valid =
        typeof body.transmission_id === "string" &&
        state.validTransmissions.has(body.transmission_id) &&
        typeof body.webhook_event === "object";
      return [200, { verification_status: valid ? "SUCCESS" : "FAILURE" }];
    }
    return error(404, "RESOURCE_NOT_FOUND", null, "The specified resource does not exist.");
  }

  const server = http.createServer((request, response) => {
    let raw = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      raw += chunk;
    });
    request.on("end", () => {
      if (state.down === "cut") {
        request.socket.destroy();
        return;
      }
      const path = (request.url ?? "/").split("?")[0]!;
      let body: unknown = raw;
      try {
        body = raw.startsWith("{") ? JSON.parse(raw) : raw;
      } catch {}
      state.requests.push({ method: request.method ?? "", path, headers: request.headers, body });
      const [status, json] =
        state.down === "503"
          ? error(503, "SERVICE_UNAVAILABLE", null, "Service Unavailable.")
          : answer(request.method ?? "", path, request.headers, raw);
      response.writeHead(status, {
        "content-type": "application/json",
        "paypal-debug-id": randomBytes(6).toString("hex"),
      });
      response.end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;

  /** Connects every request for PayPal's host to the local server, in plain HTTP. */
  class ToLocalPaypal extends https.Agent {
    override createConnection(): net.Socket {
      return net.connect(port, "127.0.0.1");
    }
  }
  state.agent = new ToLocalPaypal({ keepAlive: false });
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
