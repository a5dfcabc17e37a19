// VNPay's IPN: the call that records a card gift. Its signature, order (our pledge reference) and
// amount are checked; the gateway's transaction number makes it idempotent (a replayed IPN is
// "already confirmed", one gift); a refused call is kept in donation_gateway_events for finance.
import type { Db } from "../db/connection.js";
import { vnpayClearingAccount } from "../ledger/service.js";
import { newId } from "../lib/ids.js";
import {
  findGiftBySource,
  findPledgeByReference,
  insertGatewayEvent,
  lockFingerprint,
  markPledgeFailed,
} from "./queries.js";
import { recordGift } from "./service.js";
import { type IpnAnswer, ipnAnswers, signatureHolds, type VnpayConfig } from "./vnpay.js";

export type IpnResult = { answer: IpnAnswer; giftId?: string; pledgeId?: string };

/** A VNPay date (yyyyMMddHHmmss, Vietnam's time) as a calendar date. */
const dateOf = (payDate: string | undefined, now: Date) =>
  payDate && /^\d{14}$/.test(payDate)
    ? `${payDate.slice(0, 4)}-${payDate.slice(4, 6)}-${payDate.slice(6, 8)}`
    : new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

export async function handleVnpayIpn(
  db: Db,
  config: VnpayConfig,
  params: Record<string, string>,
  now: Date,
): Promise<IpnResult> {
  const reference = params.vnp_TxnRef ?? null;
  const refuse = async (
    answer: IpnAnswer,
    outcome: string,
    handle: Db = db,
  ): Promise<IpnResult> => {
    await insertGatewayEvent(handle, {
      id: newId(),
      gateway: "vnpay",
      outcome,
      reference: reference?.slice(0, 120) ?? null,
    });
    return { answer };
  };
  if (!signatureHolds(params, config.hashSecret))
    return refuse(ipnAnswers.invalidSignature, "invalid_signature");
  if (params.vnp_TmnCode !== config.tmnCode)
    return refuse(ipnAnswers.invalidSignature, "wrong_terminal");
  const transactionNo = params.vnp_TransactionNo ?? "";
  if (!/^\d{1,20}$/.test(transactionNo)) return refuse(ipnAnswers.unknown, "no_transaction_number");
  return db.transaction().execute(async (trx) => {
    await lockFingerprint(trx, `vnpay:${transactionNo}`);
    const pledge = reference ? await findPledgeByReference(trx, reference) : undefined;
    if (pledge?.method !== "vnpay") return refuse(ipnAnswers.orderNotFound, "order_not_found", trx);
    if (Number(params.vnp_Amount) !== pledge.amount * 100)
      return refuse(ipnAnswers.invalidAmount, "invalid_amount", trx);
    const sourceKey = `vnpay:${transactionNo}`;
    if (pledge.status !== "waiting" || (await findGiftBySource(trx, sourceKey))) {
      return { answer: ipnAnswers.alreadyConfirmed };
    }
    const paid = params.vnp_ResponseCode === "00" && params.vnp_TransactionStatus === "00";
    if (!paid) {
      const code = /^[0-9A-Za-z]{1,20}$/.test(params.vnp_ResponseCode ?? "")
        ? params.vnp_ResponseCode!
        : "unknown";
      await markPledgeFailed(trx, pledge.id, code);
      return { answer: ipnAnswers.confirmed, pledgeId: pledge.id };
    }
    const giftId = await recordGift(
      trx,
      {
        pledgeId: pledge.id,
        projectId: pledge.project_id,
        amount: pledge.amount,
        receivedOn: dateOf(params.vnp_PayDate, now),
        channel: "vnpay",
        sourceKey,
        debitAccount: vnpayClearingAccount,
      },
      now,
    );
    return { answer: ipnAnswers.confirmed, giftId, pledgeId: pledge.id };
  });
}
