// The bank account's incoming lines, however they arrive (SePay or Casso webhooks, an imported
// statement), and how each is matched: by the pledge reference in its text (tolerant of case,
// spaces, diacritics and a cut-off end), else by amount and date when exactly one waiting pledge
// fits; the rest wait for a finance officer, who matches them by hand or marks them not a
// donation. A line is counted once whichever route brought it first: a replayed notification is
// the same (source, id); a statement listing a transfer a webhook brought is the same bank
// reference, or the same date, amount and text.
import type { Db } from "../db/connection.js";
import type { BankLineSource, DateString } from "../db/schema.js";
import { bankAccount } from "../ledger/service.js";
import { AppError } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import {
  findBankLine,
  findLineBySource,
  findPledgeByReference,
  findSameLine,
  findWaitingPledgesByAmount,
  findWaitingPledgesByPrefix,
  insertBankLine,
  lockFingerprint,
  settleBankLine,
} from "./queries.js";
import { findReferences, normaliseTransferText } from "./reference.js";
import { recordGift } from "./service.js";

export interface IncomingLine {
  source: BankLineSource;
  /** The provider's id of the notification (a statement: its row's own key). */
  providerId: string;
  /** The bank's own reference of the transfer (FT…), when the source gives it. */
  bankReference: string | null;
  bookedOn: DateString;
  amount: number;
  content: string;
}

export type LineOutcome =
  | { outcome: "duplicate"; lineId: string }
  | { outcome: "matched"; lineId: string; giftId: string; pledgeId: string }
  | { outcome: "unmatched"; lineId: string };

/** How many days before a line's date a pledge may have been made, to match it by amount. */
const amountMatchDays = 3;

function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

export function fingerprintOf(line: Pick<IncomingLine, "bookedOn" | "amount" | "content">): string {
  return `${line.bookedOn}|${line.amount}|${normaliseTransferText(line.content).slice(0, 1000)}`;
}

async function pledgeForText(trx: Db, content: string) {
  for (const found of findReferences(content)) {
    if (found.kind === "whole") {
      const pledge = await findPledgeByReference(trx, found.reference);
      if (pledge && pledge.status !== "received") return pledge;
    } else {
      const pledges = await findWaitingPledgesByPrefix(trx, found.prefix);
      if (pledges.length === 1) return pledges[0];
    }
  }
  return undefined;
}

/** Records one incoming line (once) and matches it if it can. */
export async function recordBankLine(db: Db, line: IncomingLine, now: Date): Promise<LineOutcome> {
  const fingerprint = fingerprintOf(line);
  return inTransaction(db, async (trx) => {
    await lockFingerprint(trx, line.bankReference ?? fingerprint);
    const replay = await findLineBySource(trx, line.source, line.providerId);
    if (replay) return { outcome: "duplicate", lineId: replay.id };
    const same = await findSameLine(trx, line.bankReference, fingerprint);
    if (same) return { outcome: "duplicate", lineId: same.id };
    const lineId = newId();
    await insertBankLine(trx, { id: lineId, fingerprint, ...line });
    let pledge = await pledgeForText(trx, line.content);
    let matchedBy: "reference" | "amount_date" = "reference";
    if (!pledge) {
      const to = new Date(`${line.bookedOn}T23:59:59.999+07:00`);
      const from = new Date(to.getTime() - (amountMatchDays + 1) * 86_400_000);
      const candidates = await findWaitingPledgesByAmount(trx, line.amount, from, to);
      if (candidates.length === 1) {
        pledge = candidates[0];
        matchedBy = "amount_date";
      }
    }
    if (!pledge) return { outcome: "unmatched", lineId };
    const giftId = await recordGift(
      trx,
      {
        pledgeId: pledge.id,
        projectId: pledge.project_id,
        amount: line.amount,
        receivedOn: line.bookedOn,
        channel: "bank",
        sourceKey: `line:${lineId}`,
        debitAccount: bankAccount,
      },
      now,
    );
    await settleBankLine(trx, lineId, { state: "matched", matchedBy, giftId, decidedBy: null });
    return { outcome: "matched", lineId, giftId, pledgeId: pledge.id };
  });
}

/**
 * A finance officer's decision on an unmatched line: a gift (to a pledge, or with no pledge to a
 * project's fund or the unrestricted fund), or not a donation.
 */
export async function settleLineByHand(
  db: Db,
  lineId: string,
  decision:
    | { kind: "gift"; pledgeReference: string | null; projectId: string | null }
    | { kind: "not_donation"; reason: string },
  userId: string,
  now: Date,
): Promise<{ giftId: string | null; pledgeId: string | null }> {
  return inTransaction(db, async (trx) => {
    const line = await findBankLine(trx, lineId);
    if (!line) throw new AppError("not_found", { detail: `no bank line ${lineId}` });
    await lockFingerprint(trx, line.bank_reference ?? line.fingerprint);
    const current = await findBankLine(trx, lineId);
    if (current?.state !== "unmatched") {
      throw new AppError("invalid_parameter", { parameter: "id", reason: "line_settled" });
    }
    if (decision.kind === "not_donation") {
      await settleBankLine(trx, lineId, {
        state: "not_donation",
        matchedBy: null,
        giftId: null,
        decidedBy: userId,
        reason: decision.reason,
      });
      return { giftId: null, pledgeId: null };
    }
    let pledgeId: string | null = null;
    let projectId = decision.projectId;
    if (decision.pledgeReference !== null) {
      const pledge = await findPledgeByReference(trx, decision.pledgeReference);
      if (!pledge) {
        throw new AppError("invalid_parameter", {
          parameter: "pledge_reference",
          reason: "no_pledge",
        });
      }
      if (pledge.status === "received") {
        throw new AppError("invalid_parameter", {
          parameter: "pledge_reference",
          reason: "pledge_received",
        });
      }
      pledgeId = pledge.id;
      projectId = pledge.project_id;
    }
    const giftId = await recordGift(
      trx,
      {
        pledgeId,
        projectId,
        amount: line.amount,
        receivedOn: line.booked_on,
        channel: "bank",
        sourceKey: `line:${lineId}`,
        debitAccount: bankAccount,
        createdBy: userId,
      },
      now,
    );
    await settleBankLine(trx, lineId, {
      state: "matched",
      matchedBy: "hand",
      giftId,
      decidedBy: userId,
    });
    return { giftId, pledgeId };
  });
}
