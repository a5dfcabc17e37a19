// Incoming-transfer notifications in the formats their services document, authenticated as each
// says: SePay sends `Authorization: Apikey <key>` and a JSON transaction (id, gateway,
// transactionDate "YYYY-MM-DD HH:mm:ss", accountNumber, content, transferType "in"/"out",
// transferAmount, referenceCode …); Casso (webhook v2) signs the whole JSON body, its keys sorted
// at every level, as `X-Casso-Signature: t=<ms>,v1=<hex HMAC-SHA512 of "<t>.<sorted JSON>">` with
// the webhook's checksum key, the transaction in `data`.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { IncomingLine } from "./bank-lines.js";

/** Larger bodies are refused before they are parsed: a notification is well under 4 KiB. */
export const maxWebhookBytes = 16 * 1024;

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

export function sepayAuthorised(header: string | undefined, apiKey: string): boolean {
  const match = /^Apikey (.+)$/i.exec(header ?? "");
  return match !== null && sameSecret(match[1]!, apiKey);
}

const zDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/);
const zAmount = z.number().int().positive().max(100_000_000_000);

export const ZSepayTransactionSchema = z.object({
  id: z.union([z.number().int().nonnegative(), z.string().min(1).max(100)]),
  gateway: z.string().max(100).nullish(),
  transactionDate: zDateTime,
  accountNumber: z.string().max(40).nullish(),
  code: z.string().max(100).nullish(),
  content: z.string().max(1000).nullish(),
  transferType: z.enum(["in", "out"]),
  transferAmount: zAmount,
  accumulated: z.number().nullish(),
  subAccount: z.string().max(40).nullish(),
  referenceCode: z.string().max(100).nullish(),
  description: z.string().max(2000).nullish(),
});
export type SepayTransaction = z.infer<typeof ZSepayTransactionSchema>;

export function lineFromSepay(t: SepayTransaction): IncomingLine {
  return {
    source: "sepay",
    providerId: String(t.id),
    bankReference: t.referenceCode || null,
    bookedOn: t.transactionDate.slice(0, 10),
    amount: t.transferAmount,
    content: t.content ?? t.description ?? "",
  };
}

const sortKeys = (value: unknown): unknown =>
  value !== null && typeof value === "object" && !Array.isArray(value)
    ? Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
      )
    : value;

export function cassoSignature(body: unknown, timestamp: string, secret: string): string {
  return createHmac("sha512", secret)
    .update(`${timestamp}.${JSON.stringify(sortKeys(body))}`)
    .digest("hex");
}

export function cassoAuthorised(
  header: string | undefined,
  body: unknown,
  secret: string,
): boolean {
  const match = /^t=(\d{1,16}),v1=([0-9a-f]{128})$/.exec(header ?? "");
  if (!match) return false;
  return sameSecret(match[2]!, cassoSignature(body, match[1]!, secret));
}

export const ZCassoTransactionSchema = z.object({
  id: z.union([z.number().int().nonnegative(), z.string().min(1).max(100)]),
  reference: z.string().max(100).nullish(),
  description: z.string().max(1000).nullish(),
  amount: z.number().int().max(100_000_000_000),
  runningBalance: z.number().nullish(),
  transactionDateTime: zDateTime,
  accountNumber: z.string().max(40).nullish(),
  bankName: z.string().max(100).nullish(),
});
export const ZCassoBodySchema = z.object({
  error: z.number().int(),
  data: ZCassoTransactionSchema,
});
export type CassoTransaction = z.infer<typeof ZCassoTransactionSchema>;

export function lineFromCasso(t: CassoTransaction): IncomingLine {
  return {
    source: "casso",
    providerId: String(t.id),
    bankReference: t.reference || null,
    bookedOn: t.transactionDateTime.slice(0, 10),
    amount: t.amount,
    content: t.description ?? "",
  };
}
