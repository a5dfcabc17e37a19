// A PayPal gift from pledge to ledger: the order made for a pledge (and made again when the donor
// retries), the capture when the donor comes back from PayPal, and — for a donor who never came
// back — the capture that PayPal's webhook reports. Whichever arrives first records the gift; the
// capture's id is its source, so the same capture is one gift however often it is reported
// (a reload, a double capture, a replayed webhook). A capture that is not the pledge's (its
// custom_id, currency or amount differs) is refused and kept in donation_gateway_events.
import type { PaypalConfig } from "../config.js";
import type { Db } from "../db/connection.js";
import { paypalClearingAccount } from "../ledger/service.js";
import { AppError } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import {
  hundredthsOf,
  type PaypalCapture,
  PaypalError,
  type PaypalGateway,
  type PaypalProblem,
  paypalErrorOf,
  paypalValue,
} from "./paypal.js";
import {
  findGiftBySource,
  findPaypalPledge,
  findPledgeByReference,
  insertGatewayEvent,
  lockFingerprint,
  type PaypalPledgeRow,
  setPledgeOrder,
} from "./queries.js";
import { recordGift } from "./service.js";

/** Gifts by PayPal, in hundredths of PAYPAL_CURRENCY: from 1.00 to 10,000.00. */
export const paypalMinimum = 100;
export const paypalMaximum = 1_000_000;
/** The donate page's choices, in whole units of PAYPAL_CURRENCY. */
export const paypalPresets = [10, 25, 50, 100] as const;

/** The value in đồng of hundredths of a currency at a rate ("25400.5" đồng per unit), rounded. */
export function vndOf(hundredths: number, rate: string): number {
  const [whole = "0", fraction = ""] = rate.split(".");
  const tenThousandths = BigInt(whole) * 10_000n + BigInt(fraction.padEnd(4, "0").slice(0, 4));
  const scaled = BigInt(hundredths) * tenThousandths; // đồng × 1,000,000
  return Number((scaled + 500_000n) / 1_000_000n);
}

export interface PaypalContext {
  db: Db;
  gateway: PaypalGateway;
  config: PaypalConfig;
  publicUrl: string;
  /** Shown on PayPal's pages as the payee. */
  brandName: string;
  now: () => Date;
}

export type PaypalOutcome =
  | { kind: "received"; pledgeId: string; giftId: string; fresh: boolean }
  | {
      kind: "problem";
      pledgeId: string | null;
      problem: PaypalProblem;
      /** What the log says (an outcome word, PayPal's status and issue; no personal data). */
      log: { outcome: string; status?: number | null; issue?: string | null } | null;
    };

async function refuse(
  db: Db,
  pledge: { id: string; reference: string } | null,
  outcome: string,
  reference: string | null = pledge?.reference ?? null,
): Promise<PaypalOutcome> {
  await insertGatewayEvent(db, {
    id: newId(),
    gateway: "paypal",
    outcome,
    reference: reference?.slice(0, 120) ?? null,
  });
  return { kind: "problem", pledgeId: pledge?.id ?? null, problem: "mismatch", log: { outcome } };
}

async function paypalPledge(db: Db, pledgeId: string): Promise<PaypalPledgeRow> {
  const pledge = await findPaypalPledge(db, pledgeId);
  if (pledge?.method !== "paypal") {
    throw new AppError("not_found", { detail: `no PayPal pledge ${pledgeId}` });
  }
  return pledge;
}

/**
 * Makes a PayPal order for a pledge and returns where the donor approves it. The first order's
 * PayPal-Request-Id is the pledge's id (a repeated request makes no second order); a retry (the
 * donor cancelled, or the order expired) asks for a new one.
 */
export async function startPaypalOrder(
  context: PaypalContext,
  pledgeId: string,
  retry: boolean,
): Promise<{ approveUrl: string } | PaypalOutcome> {
  const pledge = await paypalPledge(context.db, pledgeId);
  if (pledge.status === "received") {
    const gift = await context.db
      .selectFrom("donation_gifts")
      .select("id")
      .where("pledge_id", "=", pledge.id)
      .executeTakeFirstOrThrow();
    return { kind: "received", pledgeId: pledge.id, giftId: gift.id, fresh: false };
  }
  const base = `${context.publicUrl}/api/donations/paypal`;
  try {
    const order = await context.gateway.createOrder({
      reference: pledge.reference,
      requestId: retry ? newId() : pledge.id,
      currency: pledge.currency!,
      value: paypalValue(pledge.original_amount!),
      description: `Donation ${pledge.reference}`,
      brandName: context.brandName.slice(0, 127),
      locale: pledge.locale,
      returnUrl: `${base}/return/${pledge.id}`,
      cancelUrl: `${base}/cancel/${pledge.id}`,
    });
    if (!/^[A-Za-z0-9-]{1,64}$/.test(order.orderId)) {
      throw new PaypalError("unavailable", null, "ODD_ORDER_ID");
    }
    await setPledgeOrder(context.db, pledge.id, order.orderId);
    return { approveUrl: order.approveUrl };
  } catch (error) {
    const failure = paypalErrorOf(error);
    const problem = failure.problem === "already_captured" ? "unavailable" : failure.problem;
    return {
      kind: "problem",
      pledgeId: pledge.id,
      problem,
      log: { outcome: "create_failed", status: failure.status, issue: failure.issue },
    };
  }
}

/**
 * The donor back from PayPal (`token` is the order PayPal says was approved, else the pledge's
 * latest order): the order is captured, or — captured before — read, and the capture recorded. A
 * pledge already received is left as it is (a reload).
 */
export async function completePaypalReturn(
  context: PaypalContext,
  pledgeId: string,
  token: string | undefined,
): Promise<PaypalOutcome> {
  const pledge = await paypalPledge(context.db, pledgeId);
  const received = await context.db
    .selectFrom("donation_gifts")
    .select("id")
    .where("pledge_id", "=", pledge.id)
    .executeTakeFirst();
  if (received) return { kind: "received", pledgeId: pledge.id, giftId: received.id, fresh: false };
  // The order PayPal sends the donor back with (an earlier order of the pledge, say, from another
  // tab): safe to capture, as only our own orders can be captured with our credentials, and the
  // capture must carry this pledge's reference, currency and amount to be recorded.
  const orderId = token ?? pledge.gateway_order_id;
  if (!orderId) {
    return { kind: "problem", pledgeId: pledge.id, problem: "expired", log: null };
  }
  let order: Awaited<ReturnType<PaypalGateway["getOrder"]>>;
  try {
    // The order is read first: one that is not this pledge's (reference, currency, amount) is
    // never captured, so no money is taken that we would refuse; one captured already (the
    // webhook's, another tab's) is recorded as it is.
    order = await context.gateway.getOrder(orderId);
    if (order.id !== orderId) return refuse(context.db, pledge, "order_mismatch");
    if (!order.capture) {
      if (order.customId !== pledge.reference) return refuse(context.db, pledge, "order_mismatch");
      if (
        order.currency !== pledge.currency ||
        order.value === null ||
        hundredthsOf(order.value) !== pledge.original_amount
      ) {
        return refuse(context.db, pledge, "order_amount_mismatch");
      }
      try {
        order = await context.gateway.captureOrder(orderId, `capture-${orderId}`);
      } catch (error) {
        if (paypalErrorOf(error).problem !== "already_captured") throw error;
        order = await context.gateway.getOrder(orderId);
      }
    }
  } catch (error) {
    const failure = paypalErrorOf(error);
    const problem = failure.problem === "already_captured" ? "unavailable" : failure.problem;
    return {
      kind: "problem",
      pledgeId: pledge.id,
      problem,
      log: { outcome: "capture_failed", status: failure.status, issue: failure.issue },
    };
  }
  if (order.id !== orderId) return refuse(context.db, pledge, "order_mismatch");
  if (!order.capture) {
    return {
      kind: "problem",
      pledgeId: pledge.id,
      problem: "not_approved",
      log: { outcome: "no_capture" },
    };
  }
  return recordPaypalCapture(context, pledge, order.capture);
}

/** Vietnam's calendar date of a PayPal time (ISO 8601, UTC), or of now. */
function vietnamDate(time: string | null, now: Date) {
  const at = time && !Number.isNaN(Date.parse(time)) ? new Date(time) : now;
  return new Date(at.getTime() + 7 * 3_600_000)
    .toISOString()
    .slice(0, 10) as `${number}-${number}-${number}`;
}

/**
 * Records a completed capture as the pledge's gift, once: checked against the pledge (reference,
 * currency, amount), in one transaction with the ledger's entries (PayPal clearing for what PayPal
 * keeps for us, fees for its fee, against the fund).
 */
export async function recordPaypalCapture(
  context: PaypalContext,
  pledge: PaypalPledgeRow,
  capture: PaypalCapture,
): Promise<PaypalOutcome> {
  if (capture.status === "PENDING") {
    return { kind: "problem", pledgeId: pledge.id, problem: "pending", log: null };
  }
  if (capture.status !== "COMPLETED") {
    const declined = capture.status === "DECLINED" || capture.status === "FAILED";
    return {
      kind: "problem",
      pledgeId: pledge.id,
      problem: declined ? "declined" : "unavailable",
      log: { outcome: "capture_not_completed", issue: capture.status.slice(0, 40) || null },
    };
  }
  if (capture.customId !== pledge.reference)
    return refuse(context.db, pledge, "custom_id_mismatch");
  if (capture.currency !== pledge.currency) return refuse(context.db, pledge, "currency_mismatch");
  const amount = hundredthsOf(capture.value);
  if (amount === null || amount !== pledge.original_amount) {
    return refuse(context.db, pledge, "amount_mismatch");
  }
  // PayPal's fee, in the gift's currency (PayPal reports it so for a payment in our currency).
  const fee =
    capture.fee && capture.fee.currency === capture.currency ? hundredthsOf(capture.fee.value) : 0;
  if (fee === null || fee >= amount) return refuse(context.db, pledge, "fee_invalid");
  const rate = pledge.vnd_rate!;
  const sourceKey = `paypal:${capture.id.slice(0, 100)}`;
  return context.db.transaction().execute(async (trx) => {
    await lockFingerprint(trx, sourceKey);
    const known = await findGiftBySource(trx, sourceKey);
    if (known) return { kind: "received", pledgeId: pledge.id, giftId: known.id, fresh: false };
    // Another capture already paid this pledge (the donor paid twice): the money is real, so it is
    // a gift too, without the pledge (finance sees it; the pledge has its one gift).
    const current = await findPaypalPledge(trx, pledge.id);
    const pledgeFree = current?.status !== "received";
    const giftId = await recordGift(
      trx,
      {
        pledgeId: pledgeFree ? pledge.id : null,
        projectId: pledge.project_id,
        amount: vndOf(amount, rate),
        receivedOn: vietnamDate(capture.createTime, context.now()),
        channel: "paypal",
        sourceKey,
        debitAccount: paypalClearingAccount,
        original: {
          currency: capture.currency,
          amount,
          fee,
          vndRate: rate,
          feeVnd: vndOf(fee, rate),
        },
      },
      context.now(),
    );
    return { kind: "received", pledgeId: pledge.id, giftId, fresh: pledgeFree };
  });
}

/** A pledge by the reference PayPal gives back (a webhook's custom_id). */
export async function paypalPledgeByReference(
  db: Db,
  reference: string,
): Promise<PaypalPledgeRow | undefined> {
  const row = await findPledgeByReference(db, reference);
  return row?.method === "paypal" ? findPaypalPledge(db, row.id) : undefined;
}

/** The webhook's event, as far as we read it (PayPal's Webhooks event, v1). */
export interface PaypalWebhookEvent {
  id: string;
  event_type: string;
  resource: Record<string, unknown>;
}

const text = (value: unknown, max: number): string | null =>
  typeof value === "string" && value.length <= max ? value : null;

/** A PAYMENT.CAPTURE.COMPLETED event's resource (a capture, snake_case) as a PaypalCapture. */
export function captureOfEvent(resource: Record<string, unknown>): PaypalCapture | null {
  const amount = resource.amount as { currency_code?: unknown; value?: unknown } | undefined;
  const breakdown = resource.seller_receivable_breakdown as
    | { paypal_fee?: { currency_code?: unknown; value?: unknown } }
    | undefined;
  const id = text(resource.id, 100);
  const currency = text(amount?.currency_code, 3);
  const value = text(amount?.value, 32);
  if (!id || !currency || !value) return null;
  const feeCurrency = text(breakdown?.paypal_fee?.currency_code, 3);
  const feeValue = text(breakdown?.paypal_fee?.value, 32);
  return {
    id,
    status: text(resource.status, 40) ?? "",
    currency,
    value,
    customId: text(resource.custom_id, 127),
    fee: feeCurrency && feeValue ? { currency: feeCurrency, value: feeValue } : null,
    createTime: text(resource.create_time, 40),
  };
}

/**
 * PayPal's webhook, its signature already verified with PayPal: a completed capture records its
 * pledge's gift, once (the capture's id is the source, so a replayed event is the same gift).
 * Other events are taken and left.
 */
export async function handlePaypalWebhook(
  context: PaypalContext,
  event: PaypalWebhookEvent,
): Promise<PaypalOutcome | null> {
  if (event.event_type !== "PAYMENT.CAPTURE.COMPLETED") return null;
  const capture = captureOfEvent(event.resource);
  if (!capture) return refuse(context.db, null, "event_unreadable", null);
  const pledge = capture.customId
    ? await paypalPledgeByReference(context.db, capture.customId)
    : undefined;
  if (!pledge) return refuse(context.db, null, "order_not_found", capture.customId);
  return recordPaypalCapture(context, pledge, capture);
}
