// VNPay (payment gateway v2.1.0): the signed payment URL a card donor is sent to, and the checks of
// what VNPay sends back — to the return page (the donor's browser) and to the IPN (server to
// server, the one that records a gift). The signature is HMAC-SHA512, with the hash secret, of the
// vnp_* parameters but vnp_SecureHash(Type), sorted by name, each name and value URL-encoded
// (spaces as "+") and joined as a query string. Amounts travel ×100. The IPN is answered as VNPay
// expects: {"RspCode": "00", "Message": "Confirm Success"} or a refusal code.
import { createHmac, timingSafeEqual } from "node:crypto";

export interface VnpayConfig {
  tmnCode: string;
  hashSecret: string;
  url: string;
}

const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, "+");

export function signedQuery(params: Record<string, string>, secret: string): string {
  const data = Object.keys(params)
    .filter((key) => key !== "vnp_SecureHash" && key !== "vnp_SecureHashType")
    .sort()
    .map((key) => `${encode(key)}=${encode(params[key]!)}`)
    .join("&");
  const hash = createHmac("sha512", secret).update(Buffer.from(data, "utf8")).digest("hex");
  return `${data}&vnp_SecureHash=${hash}`;
}

export function signatureHolds(params: Record<string, string>, secret: string): boolean {
  const given = (params.vnp_SecureHash ?? "").toLowerCase();
  const expected = signedQuery(params, secret).split("vnp_SecureHash=")[1]!;
  return (
    given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected))
  );
}

/** yyyyMMddHHmmss in Vietnam's time (GMT+7), as VNPay wants its dates. */
export function vnpayDate(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().replace(/\D/g, "").slice(0, 14);
}

export function paymentUrl(
  config: VnpayConfig,
  payment: {
    reference: string;
    amount: number;
    locale: "vi" | "en";
    ip: string;
    returnUrl: string;
    now: Date;
  },
): string {
  const params: Record<string, string> = {
    vnp_Version: "2.1.0",
    vnp_Command: "pay",
    vnp_TmnCode: config.tmnCode,
    vnp_Amount: String(payment.amount * 100),
    vnp_CurrCode: "VND",
    vnp_TxnRef: payment.reference,
    vnp_OrderInfo: `Ung ho ${payment.reference}`,
    vnp_OrderType: "other",
    vnp_Locale: payment.locale === "vi" ? "vn" : "en",
    vnp_ReturnUrl: payment.returnUrl,
    vnp_IpAddr: payment.ip,
    vnp_CreateDate: vnpayDate(payment.now),
    vnp_ExpireDate: vnpayDate(new Date(payment.now.getTime() + 15 * 60_000)),
  };
  return `${config.url}?${signedQuery(params, config.hashSecret)}`;
}

export type IpnAnswer = { RspCode: "00" | "01" | "02" | "04" | "97" | "99"; Message: string };

export const ipnAnswers = {
  confirmed: { RspCode: "00", Message: "Confirm Success" },
  orderNotFound: { RspCode: "01", Message: "Order not found" },
  alreadyConfirmed: { RspCode: "02", Message: "Order already confirmed" },
  invalidAmount: { RspCode: "04", Message: "Invalid amount" },
  invalidSignature: { RspCode: "97", Message: "Invalid signature" },
  unknown: { RspCode: "99", Message: "Unknown error" },
} as const satisfies Record<string, IpnAnswer>;
