// Receipts and yearly statements: what a gift's receipt says (number, date, donor or "anonymous",
// amount, purpose, how it was paid), a donor's receipted gifts of a year found by their e-mail
// address, and the signed links that let a donor download either without an account. A receipt's
// link names the gift; a statement's names the year and a keyed hash of the address (never the
// address itself), so links in mail and in browser histories carry no personal data.
import { decryptField } from "../lib/crypto.js";
import { AppError } from "../lib/errors.js";
import { networkKey } from "../lib/network.js";
import { forgetOldAttempts, type RateLimit, takeAttempt } from "../lib/rate-limit.js";
import { expiringToken, readExpiringToken, signText } from "../lib/signed-links.js";
import { normaliseAddress } from "../mail/address.js";
import { type Localised, projectRefsById } from "../programmes/service.js";
import { findGiftForReceipt, listGiftsOfYearWithEmail, type ReceiptRow } from "./queries.js";
import type { DonationContext } from "./service.js";

const DAY = 24 * 60 * 60_000;
/** How long a receipt's link works (in the receipt e-mail; the status page makes a new one). */
export const RECEIPT_LINK_TTL_MS = 90 * DAY;
/** How long a yearly statement's link works. */
export const STATEMENT_LINK_TTL_MS = 7 * DAY;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const statementSubject = /^(\d{4})-([A-Za-z0-9_-]{32})$/;

export type PaymentRoute = "vietqr" | "bank" | "vnpay" | "paypal";

export interface ReceiptView {
  giftId: string;
  number: number;
  year: number;
  receivedOn: string;
  amount: number;
  /** The name the donor gave, or null: "anonymous donor". */
  donorName: string | null;
  /** The project whose fund it went to, or null: the unrestricted fund. */
  project: { slug: string; name: Localised } | null;
  route: PaymentRoute;
}

export function receiptToken(linkKey: Buffer, giftId: string, expires: Date): string {
  return expiringToken(linkKey, "receipt", giftId, expires);
}

/** The gift a receipt link names, if the link is genuine, unexpired and for this gift. */
export function checkReceiptToken(linkKey: Buffer, giftId: string, token: string, now: Date) {
  const reading = readExpiringToken(linkKey, "receipt", token, now, uuid);
  if (!reading.ok || reading.subject !== giftId) {
    throw new AppError("invalid_parameter", {
      parameter: "t",
      reason: !reading.ok && reading.problem === "expired" ? "link_expired" : "link_invalid",
    });
  }
}

/** The keyed hash that names a donor's address in links and in the audit log. */
export function donorKey(linkKey: Buffer, email: string): string {
  return signText(linkKey, `donor:${normaliseAddress(email)}`);
}

export function statementToken(
  linkKey: Buffer,
  year: number,
  email: string,
  expires: Date,
): string {
  return expiringToken(linkKey, "statement", `${year}-${donorKey(linkKey, email)}`, expires);
}

/** The year and donor a statement link names; refused when wrong or expired. */
export function readStatementToken(
  linkKey: Buffer,
  token: string,
  now: Date,
): { year: number; donor: string } {
  const reading = readExpiringToken(linkKey, "statement", token, now, statementSubject);
  if (!reading.ok) {
    throw new AppError("invalid_parameter", {
      parameter: "t",
      reason: reading.problem === "expired" ? "link_expired" : "link_invalid",
    });
  }
  const [, year, donor] = statementSubject.exec(reading.subject)!;
  return { year: Number(year), donor: donor! };
}

const sealedWith = (pledgeId: string, field: "name" | "email") =>
  `donation_pledges:${pledgeId}:${field}`;

async function toViews(context: DonationContext, rows: readonly ReceiptRow[]) {
  const projects = await projectRefsById(
    context.db,
    rows.flatMap((row) => (row.project_id ? [row.project_id] : [])),
  );
  return rows.map((row): ReceiptView => {
    const project = row.project_id ? projects.get(row.project_id) : undefined;
    return {
      giftId: row.id,
      number: row.receipt_number,
      year: row.receipt_year,
      receivedOn: row.received_on,
      amount: row.amount,
      donorName:
        row.pledge_id && row.donor_name
          ? decryptField(context.detailsKey, row.donor_name, sealedWith(row.pledge_id, "name"))
          : null,
      project: project ? { slug: project.slug, name: project.name } : null,
      route: row.channel === "bank" ? (row.method === "vietqr" ? "vietqr" : "bank") : row.channel,
    };
  });
}

/** What a gift's receipt says (the donor's name unsealed: never log it). */
export async function getReceipt(context: DonationContext, giftId: string): Promise<ReceiptView> {
  const row = await findGiftForReceipt(context.db, giftId);
  if (!row) throw new AppError("not_found", { detail: `no gift ${giftId}` });
  return (await toViews(context, [row]))[0]!;
}

export interface DonorYear {
  year: number;
  /** The name the donor gave most recently in the year, or null. */
  donorName: string | null;
  gifts: ReceiptView[];
  total: number;
}

/**
 * A donor's receipted gifts of a year, found by the keyed hash of their address: each of the
 * year's gifts given with an address is unsealed and compared (a year of an NGO's gifts is a few
 * thousand at most; addresses are sealed per pledge, so there is no index to look one up by).
 */
export async function donorYear(
  context: DonationContext,
  linkKey: Buffer,
  donor: string,
  year: number,
): Promise<DonorYear> {
  const rows = await listGiftsOfYearWithEmail(context.db, year);
  const theirs = rows.filter(
    (row) =>
      donorKey(
        linkKey,
        decryptField(context.detailsKey, row.donor_email!, sealedWith(row.pledge_id!, "email")),
      ) === donor,
  );
  const gifts = await toViews(context, theirs);
  return {
    year,
    donorName: gifts.findLast((gift) => gift.donorName !== null)?.donorName ?? null,
    gifts,
    total: gifts.reduce((sum, gift) => sum + gift.amount, 0),
  };
}

const HOUR = 60 * 60_000;
/** Statement requests for one address per hour: enough to retry, not to flood a mailbox. */
export const ADDRESS_REQUESTS_PER_HOUR = 3;
/** Statement requests from one network per hour. */
export const NETWORK_REQUESTS_PER_HOUR = 20;

const perAddress: RateLimit = {
  limit: ADDRESS_REQUESTS_PER_HOUR,
  windowMs: HOUR,
  reason: "too_many_statement_requests",
};
const perNetwork: RateLimit = {
  limit: NETWORK_REQUESTS_PER_HOUR,
  windowMs: HOUR,
  reason: "too_many_statement_requests",
};

/**
 * Counts a donor's request for a statement, per address (its keyed hash) and per network, in the
 * rate limits every app process shares (src/lib/rate-limit.ts); refuses it past the hour's limits.
 */
export async function throttleStatementRequest(
  context: DonationContext,
  request: { ip: string; donor: string },
): Promise<void> {
  const now = context.now();
  await forgetOldAttempts(context.db, new Date(now.getTime() - HOUR));
  await takeAttempt(context.db, `statement:network:${networkKey(request.ip, 24)}`, perNetwork, now);
  await takeAttempt(context.db, `statement:address:${request.donor}`, perAddress, now);
}
