// Donations: pledges made on the donate pages, gifts that arrive (by bank transfer, confirmed by a
// bank-notification webhook, a statement or a finance officer; or by card through VNPay), each
// counted once and posted to the fund ledger through its service in the same transaction, with its
// receipt number. Donors' names and e-mails are sealed (src/lib/crypto.ts) and never logged.
import type { Db } from "../db/connection.js";
import type { DateString, GiftChannel, PledgeMethod } from "../db/schema.js";
import {
  bankAccount,
  feesAccount,
  fundFor,
  openProjectFund,
  postTransaction,
} from "../ledger/service.js";
import { decryptField, encryptField } from "../lib/crypto.js";
import { AppError } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { projectRefsById } from "../programmes/service.js";
import {
  findPledge,
  insertGift,
  insertPledge,
  markPledgeReceived,
  type OriginalAmount,
  type PledgeRow,
  takeReceiptNumber,
} from "./queries.js";
import { newReference } from "./reference.js";

/** The smallest and largest gift the donate page takes, in đồng. */
export const minimumGift = 10_000;
export const maximumGift = 1_000_000_000;
export const presetAmounts = [100_000, 200_000, 500_000, 1_000_000] as const;

/** What the donor gave in the receipt e-mail; the mail service sends it (see ReceiptMailer). */
export interface ReceiptMail {
  giftId: string;
  locale: "vi" | "en";
  email: string;
  name: string | null;
  amount: number;
  receiptYear: number;
  receiptNumber: number;
  /** The address of the gift's status page. */
  receiptUrl: string;
  /** The signed address of the receipt's PDF, and the day it stops working. */
  receiptPdfUrl: string;
  receiptPdfExpires: DateString;
}

/** A signed link to a donor's yearly statement, to the address they asked for it with. */
export interface StatementLinkMail {
  locale: "vi" | "en";
  email: string;
  year: number;
  url: string;
  expires: DateString;
}

/**
 * The e-mail machinery's seam (src/mail/ on branch `newsletter`): called after a gift whose donor
 * gave an e-mail is committed. Without a mailer nothing is sent (the receipt stays on the page).
 */
export interface ReceiptMailer {
  sendReceipt(mail: ReceiptMail): Promise<void>;
  sendStatementLink(mail: StatementLinkMail): Promise<void>;
}

export interface DonationContext {
  db: Db;
  /** Seals donors' names and e-mails (derived from the instance secret: "donor-details"). */
  detailsKey: Buffer;
  now: () => Date;
}

const sealedWith = (pledgeId: string, field: "name" | "email") =>
  `donation_pledges:${pledgeId}:${field}`;

export interface NewPledge {
  projectId: string | null;
  amount: number;
  method: PledgeMethod;
  locale: "vi" | "en";
  named: boolean;
  name: string | null;
  email: string | null;
  /** A PayPal pledge: what the donor gives in PayPal's currency (hundredths), and the rate. */
  original?: { currency: string; amount: number; vndRate: string } | undefined;
}

export async function createPledge(
  context: DonationContext,
  pledge: NewPledge,
): Promise<{ id: string; reference: string }> {
  if (
    !Number.isSafeInteger(pledge.amount) ||
    pledge.amount < minimumGift ||
    pledge.amount > maximumGift
  ) {
    throw new AppError("invalid_parameter", {
      parameter: "amount",
      reason: "gift_amount",
      values: { min: minimumGift, max: maximumGift },
    });
  }
  const id = newId();
  const seal = (value: string | null, field: "name" | "email") =>
    value ? encryptField(context.detailsKey, value, sealedWith(id, field)) : null;
  // A clash of references (1 in 240 million per pair) is simply drawn again.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const reference = newReference();
    const inserted = await insertPledge(context.db, {
      id,
      reference,
      projectId: pledge.projectId,
      amount: pledge.amount,
      method: pledge.method,
      locale: pledge.locale,
      named: pledge.named && pledge.name !== null,
      donorName: seal(pledge.name, "name"),
      donorEmail: seal(pledge.email, "email"),
      original: pledge.original,
    });
    if (inserted) return { id, reference };
  }
  throw new AppError("internal", { detail: "could not draw a free pledge reference" });
}

export interface PledgeView {
  id: string;
  reference: string;
  amount: number;
  method: PledgeMethod;
  locale: "vi" | "en";
  status: "waiting" | "received" | "failed";
  failureCode: string | null;
  /** A PayPal pledge: its currency, amount in hundredths of it, and the rate to đồng. */
  paypal: { currency: string; amount: number; vndRate: string } | null;
  project: { slug: string; name: { vi: string; en: string } } | null;
  gift: {
    id: string;
    amount: number;
    receivedOn: DateString;
    receiptYear: number;
    receiptNumber: number;
  } | null;
}

function toView(
  row: PledgeRow,
  project: { slug: string; name: { vi: string; en: string } } | undefined,
): PledgeView {
  return {
    id: row.id,
    reference: row.reference,
    amount: row.amount,
    method: row.method,
    locale: row.locale,
    status: row.status,
    failureCode: row.failure_code,
    paypal:
      row.currency && row.original_amount !== null && row.vnd_rate
        ? { currency: row.currency, amount: row.original_amount, vndRate: row.vnd_rate }
        : null,
    project: project ? { slug: project.slug, name: project.name } : null,
    gift:
      row.gift_id === null
        ? null
        : {
            id: row.gift_id,
            amount: row.gift_amount!,
            receivedOn: row.received_on!,
            receiptYear: row.receipt_year!,
            receiptNumber: row.receipt_number!,
          },
  };
}

export async function getPledge(db: Db, id: string): Promise<PledgeView> {
  const row = await findPledge(db, id);
  if (!row) throw new AppError("not_found", { detail: `no pledge ${id}` });
  const projects = row.project_id ? await projectRefsById(db, [row.project_id]) : new Map();
  return toView(row, row.project_id ? projects.get(row.project_id) : undefined);
}

/** The donor's name and e-mail, unsealed (for the receipt; never logged). */
export async function donorOf(
  context: DonationContext,
  pledgeId: string,
): Promise<{ name: string | null; email: string | null; named: boolean }> {
  const row = await findPledge(context.db, pledgeId);
  if (!row) throw new AppError("not_found", { detail: `no pledge ${pledgeId}` });
  const open = (sealed: Uint8Array | null, field: "name" | "email") =>
    sealed ? decryptField(context.detailsKey, sealed, sealedWith(pledgeId, field)) : null;
  return {
    name: open(row.donor_name, "name"),
    email: open(row.donor_email, "email"),
    named: row.named,
  };
}

export interface ArrivedGift {
  pledgeId: string | null;
  projectId: string | null;
  amount: number;
  receivedOn: DateString;
  channel: GiftChannel;
  /**
   * Where it came from, once: 'line:<bank line id>', 'vnpay:<transaction number>',
   * 'paypal:<capture id>'.
   */
  sourceKey: string;
  /** The account the money is in: the bank, or the gateway's clearing account. */
  debitAccount: string;
  createdBy?: string | null;
  /**
   * A gift in another currency (PayPal): what it was, and the gateway's fee in đồng, which goes to
   * the fees account (the clearing account gets the rest).
   */
  original?: OriginalAmount | undefined;
}

/**
 * Records a gift in the caller's transaction: posts it to the ledger (the bank or clearing account
 * against the purpose's fund), takes the year's next receipt number, marks its pledge received.
 */
export async function recordGift(trx: Db, gift: ArrivedGift, now: Date): Promise<string> {
  const fee = gift.original?.feeVnd ?? 0;
  if (!Number.isSafeInteger(fee) || fee < 0 || fee >= gift.amount) {
    throw new AppError("invalid_value", { detail: "a gateway fee must be less than its gift" });
  }
  if (gift.projectId !== null) {
    const project = (await projectRefsById(trx, [gift.projectId])).get(gift.projectId);
    if (!project) throw new AppError("not_found", { detail: `no project ${gift.projectId}` });
    await openProjectFund(trx, {
      id: project.id,
      nameVi: project.name.vi,
      nameEn: project.name.en,
    });
  }
  const ledgerTransactionId = await postTransaction(trx, {
    kind: "gift",
    occurredOn: gift.receivedOn,
    memo: `gift ${gift.sourceKey}`,
    entries: [
      ...(fee > 0 ? [{ account: feesAccount, amount: fee }] : []),
      { account: gift.debitAccount, amount: gift.amount - fee },
      { account: fundFor(gift.projectId), amount: -gift.amount },
    ],
    createdBy: gift.createdBy ?? null,
  });
  const receiptYear = Number(gift.receivedOn.slice(0, 4));
  const receiptNumber = await takeReceiptNumber(trx, receiptYear);
  const id = newId();
  await insertGift(trx, {
    id,
    pledgeId: gift.pledgeId,
    projectId: gift.projectId,
    amount: gift.amount,
    receivedOn: gift.receivedOn,
    channel: gift.channel,
    sourceKey: gift.sourceKey,
    ledgerTransactionId,
    receiptYear,
    receiptNumber,
    original: gift.original,
  });
  if (gift.pledgeId !== null) await markPledgeReceived(trx, gift.pledgeId, now);
  return id;
}

export { bankAccount };
