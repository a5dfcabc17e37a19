// What a project's public page says of its money: raised, spent and remaining by month for the
// project's restricted fund (from the ledger's service), the number of gifts, and the donors who
// chose to be named. Money is not people, but a month's gifts can be one person's: a month whose
// gifts are fewer than the public threshold has its amount withheld, and the same small-cell
// suppression as the public release (indicators/table-suppression.ts) protects it from being
// worked out from the total. The balance at the end of a month is the running sum of what was
// raised, so it too is published only where it gives no withheld month away.
import type { Db } from "../db/connection.js";
import type { WithheldReason } from "../indicators/suppression.js";
import { type Line, suppressTable } from "../indicators/table-suppression.js";
import { fundMonths, projectFund } from "../ledger/service.js";
import { decryptField } from "../lib/crypto.js";
import { selectProjectGiftMonths } from "./queries.js";
import { selectNamedDonorNames } from "./transparency-queries.js";

export interface FundMonthView {
  /** YYYY-MM. */
  month: string;
  /** Gifts received in the month; null when withheld (`giftsWithheld` says why). */
  gifts: number | null;
  giftsWithheld: WithheldReason | null;
  /** Money into the fund; null when withheld with the month's gifts. */
  raised: number | null;
  /** Money spent from the fund: expenses are the programme's, never a donor's. */
  spent: number;
  /** What the fund held at the month's end; null when it would give a withheld month away. */
  remaining: number | null;
}

export interface ProjectFunds {
  months: FundMonthView[];
  total: {
    gifts: number | null;
    giftsWithheld: WithheldReason | null;
    raised: number | null;
    spent: number;
    remaining: number | null;
  };
  threshold: number;
}

/**
 * The months at which the running balance may be published: each stretch of withheld months
 * between two published balances is given away by their difference, so a stretch must hold no
 * withheld month, or at least two whose gifts together reach the threshold. A stretch that does
 * not is merged with the one before it (its starting balance is withheld) until it does.
 */
function publishableBalances(withheldGifts: readonly (number | null)[], threshold: number) {
  const safe = (stretch: number[]) =>
    stretch.length === 0 ||
    (stretch.length >= 2 && stretch.reduce((sum, gifts) => sum + gifts, 0) >= threshold);
  const published = withheldGifts.map(() => false);
  let stretch: number[] = [];
  const ends: number[] = [];
  withheldGifts.forEach((gifts, index) => {
    if (gifts !== null) stretch.push(gifts);
    if (safe(stretch)) {
      published[index] = true;
      ends.push(index);
      stretch = [];
    }
  });
  // A trailing stretch that is not safe: the final balance goes with the total raised, when that
  // is published, so withhold earlier balances until the stretch since the last one is safe.
  while (stretch.length > 0 && ends.length > 0) {
    const last = ends.pop()!;
    published[last] = false;
    const before = ends.at(-1) ?? -1;
    stretch = withheldGifts.slice(before + 1).filter((gifts): gifts is number => gifts !== null);
    if (safe(stretch)) {
      published[withheldGifts.length - 1] = true;
      break;
    }
  }
  return published;
}

/** A project's fund by month, with small figures withheld; empty months when nothing moved. */
export async function describeProjectFunds(
  db: Db,
  projectId: string,
  threshold: number,
): Promise<ProjectFunds> {
  const [movements, giftMonths] = await Promise.all([
    fundMonths(db, projectFund(projectId)),
    selectProjectGiftMonths(db, projectId),
  ]);
  const monthKeys = [
    ...new Set([...movements.map((m) => m.month), ...giftMonths.map((g) => g.month)]),
  ].sort();
  return publicFundFigures(
    monthKeys.map((month) => ({
      month,
      gifts: Number(giftMonths.find((g) => g.month === month)?.gifts ?? 0),
      raised: movements.find((m) => m.month === month)?.raised ?? 0,
      spent: movements.find((m) => m.month === month)?.spent ?? 0,
    })),
    threshold,
  );
}

/** The public figures of a fund's months (in order), small gift counts and what gives them withheld. */
export function publicFundFigures(
  input: readonly { month: string; gifts: number; raised: number; spent: number }[],
  threshold: number,
): ProjectFunds {
  const monthKeys = input.map((m) => m.month);
  const counts = input.map((m) => m.gifts);
  const movements = input;
  const total = counts.reduce((sum, n) => sum + n, 0);
  const line: Line = {
    parent: 0,
    children: counts.map((_, index) => index + 1),
    partition: true,
  };
  const reasons =
    monthKeys.length === 0 ? [null] : suppressTable([total, ...counts], [line], threshold);
  const totalReason = reasons[0] ?? null;
  const monthReasons = reasons.slice(1);
  const withheldGifts = counts.map((n, index) => (monthReasons[index] === null ? null : n));
  // With the total withheld every month is, and no stretch is safe: no balance is published.
  const balances = publishableBalances(withheldGifts, threshold);
  let raisedSoFar = 0;
  let spentSoFar = 0;
  const months = monthKeys.map((month, index): FundMonthView => {
    const moved = movements.find((m) => m.month === month) ?? { raised: 0, spent: 0 };
    raisedSoFar += moved.raised;
    spentSoFar += moved.spent;
    const withheld = monthReasons[index] ?? null;
    return {
      month,
      gifts: withheld === null ? counts[index]! : null,
      giftsWithheld: withheld,
      raised: withheld === null ? moved.raised : null,
      spent: moved.spent,
      remaining: balances[index] ? raisedSoFar - spentSoFar : null,
    };
  });
  return {
    months,
    total: {
      gifts: totalReason === null ? total : null,
      giftsWithheld: totalReason,
      raised: totalReason === null ? raisedSoFar : null,
      spent: spentSoFar,
      remaining: totalReason === null ? raisedSoFar - spentSoFar : null,
    },
    threshold,
  };
}

/**
 * The names of the project's donors who chose to be named, once each, in alphabetical order (not
 * the order they gave in, which would date each gift). Only names: the donate form asks no
 * consent to publish amounts.
 */
export async function listNamedDonors(
  db: Db,
  detailsKey: Buffer,
  projectId: string,
  locale: "vi" | "en",
): Promise<string[]> {
  const rows = await selectNamedDonorNames(db, projectId);
  const names = new Set<string>();
  for (const row of rows) {
    names.add(decryptField(detailsKey, row.donor_name, `donation_pledges:${row.id}:name`));
  }
  return [...names].sort(new Intl.Collator(locale).compare);
}
