// Money and time as the finance screens say them: đồng written the Vietnamese way in either
// language ("1.500.000 ₫": dots between thousands, the sign after), and a pledge's age in days.
import { today } from "../lib/dates.js";
import type { BankLine, WaitingPledge } from "./types.js";

const vnd = new Intl.NumberFormat("vi-VN", {
  style: "currency",
  currency: "VND",
  maximumFractionDigits: 0,
});

/** An amount of đồng, "1.500.000 ₫", whatever the app's language. */
export function formatVnd(amount: number): string {
  return vnd.format(amount);
}

/** Whole days between the day a pledge was made and today, both in Vietnam's time zone. */
export function ageInDays(createdAt: string, now: Date = new Date()): number {
  const made = Date.parse(`${today(new Date(createdAt))}T00:00:00Z`);
  const current = Date.parse(`${today(now)}T00:00:00Z`);
  return Math.max(0, Math.round((current - made) / 86_400_000));
}

/** Upper case, no diacritics, letters and digits only: how a transfer text is compared. */
function normalise(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/gi, "D")
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "");
}

export interface PledgeChoice {
  pledge: WaitingPledge;
  /** Why it is offered first: its reference (or most of it) is in the text, or the same amount. */
  reason: "reference" | "amount" | null;
}

/**
 * The waiting pledges for a line, the likely ones first: a reference found in the transfer text
 * (whole, or its first six characters when a bank cut it off), then the same amount, then the rest
 * newest first (the server's order).
 */
export function pledgeChoices(line: BankLine, pledges: readonly WaitingPledge[]): PledgeChoice[] {
  const text = normalise(line.content);
  const reasonOf = (pledge: WaitingPledge): PledgeChoice["reason"] => {
    const reference = normalise(pledge.reference);
    if (text.includes(reference) || (reference.length >= 6 && text.includes(reference.slice(0, 6))))
      return "reference";
    return pledge.amount === line.amount ? "amount" : null;
  };
  const rank = { reference: 0, amount: 1 } as const;
  return pledges
    .map((pledge) => ({ pledge, reason: reasonOf(pledge) }))
    .map((choice, index) => ({ choice, index }))
    .sort(
      (a, b) =>
        (a.choice.reason ? rank[a.choice.reason] : 2) -
          (b.choice.reason ? rank[b.choice.reason] : 2) || a.index - b.index,
    )
    .map(({ choice }) => choice);
}

/** The server's largest posting (src/ledger/routes.ts `maxPostingAmount`), checked here too. */
export const MAX_POSTING_AMOUNT = 100_000_000_000;

export type AmountProblem = "required" | "invalid" | "too_large";

/**
 * Whole đồng from what a person typed: "1500000", "1.500.000" or "1 500 000", with or without
 * "₫"/"đ". Groups of three after a separator, or it is refused: "1.5" is not guessed at.
 */
export function parseVnd(text: string): { amount: number } | { problem: AmountProblem } {
  const typed = text
    .trim()
    .replace(/\s*(₫|đồng|đ|vnd)$/i, "")
    .trim();
  if (!typed) return { problem: "required" };
  if (!/^\d{1,3}([.,\s\u00a0]\d{3})*$/.test(typed) && !/^\d+$/.test(typed)) {
    return { problem: "invalid" };
  }
  const amount = Number(typed.replace(/\D/g, ""));
  if (amount < 1) return { problem: "invalid" };
  if (amount > MAX_POSTING_AMOUNT) return { problem: "too_large" };
  return { amount };
}
