// The fund's public figures against a reader who adds and subtracts: for any months of gifts, no
// month with fewer gifts than the threshold has its amount shown, nor can it be worked out from
// what is shown — the totals, the other months, and the balances at months' ends (each balance,
// with the published spending, gives the running sum of what was received). And a reversed gift,
// which the fund's amounts net out, is not counted among the gifts either.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reverseTransaction } from "../ledger/service.js";
import { deriveKey } from "../lib/crypto.js";
import { loadReferencePlaces } from "../places/service.js";
import { testSecret } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { giveToProject } from "../test-support/gifts.js";
import { insertProjectFixture } from "../test-support/published-project.js";
import { describeProjectFunds, publicFundFigures } from "./transparency.js";

const threshold = 5;

const monthsArbitrary = fc.array(
  fc.record({
    gifts: fc.integer({ min: 0, max: 12 }),
    each: fc.integer({ min: 1, max: 50 }),
    spent: fc.integer({ min: 0, max: 3 }),
  }),
  { minLength: 1, maxLength: 12 },
);

describe("the fund's public figures", () => {
  it("never show nor give away a month of fewer gifts than the threshold", () => {
    fc.assert(
      fc.property(monthsArbitrary, (drawn) => {
        const input = drawn.map((m, index) => ({
          month: `2026-${String(index + 1).padStart(2, "0")}`,
          gifts: m.gifts,
          raised: m.gifts * m.each * 10_000,
          spent: m.spent * 100_000,
        }));
        const funds = publicFundFigures(input, threshold);
        const total = input.reduce((sum, m) => sum + m.gifts, 0);
        // A small month is withheld, and so is a small total.
        for (const [index, month] of funds.months.entries()) {
          const gifts = input[index]!.gifts;
          if (gifts > 0 && gifts < threshold) expect(month.raised).toBeNull();
          expect(month.spent).toBe(input[index]!.spent);
        }
        if (total > 0 && total < threshold) expect(funds.total.raised).toBeNull();
        // The points where a reader knows the running sum of what was received: the start, each
        // published balance, and the end when the total is published.
        const known = [-1];
        funds.months.forEach((month, index) => {
          if (month.remaining !== null) known.push(index);
        });
        if (funds.total.raised !== null) known.push(input.length - 1);
        const points = [...new Set(known)].sort((a, b) => a - b);
        for (let i = 1; i < points.length; i += 1) {
          // Between two of them a reader learns the sum of the withheld months: none, or at
          // least two whose gifts together reach the threshold.
          const withheld = funds.months
            .slice(points[i - 1]! + 1, points[i]! + 1)
            .map((month, offset) => ({ month, gifts: input[points[i - 1]! + 1 + offset]!.gifts }))
            .filter(({ month }) => month.raised === null);
          const sum = withheld.reduce((s, w) => s + w.gifts, 0);
          expect(withheld.length === 0 || (withheld.length >= 2 && sum >= threshold)).toBe(true);
        }
        // What is published is right.
        let running = 0;
        funds.months.forEach((month, index) => {
          running += input[index]!.raised - input[index]!.spent;
          if (month.remaining !== null) expect(month.remaining).toBe(running);
          if (month.raised !== null) expect(month.raised).toBe(input[index]!.raised);
        });
      }),
      { numRuns: 2_000, seed: 16 },
    );
  });
});

describe("a project's funds with a reversed gift", () => {
  it("count neither its money nor the gift itself", async () => {
    const database = await openTestDatabase();
    try {
      await loadReferencePlaces(database.db);
      const projectId = await insertProjectFixture(database.db, { slug: "dao-but-toan" });
      const detailsKey = deriveKey(testSecret, "donor-details");
      for (let i = 0; i < 6; i += 1) {
        await giveToProject(database.db, detailsKey, {
          projectId,
          receivedOn: "2026-03-02",
          amount: 100_000,
        });
      }
      const gift = await database.db
        .selectFrom("donation_gifts")
        .select("ledger_transaction_id")
        .where("project_id", "=", projectId)
        .executeTakeFirstOrThrow();
      await reverseTransaction(database.db, gift.ledger_transaction_id, {
        occurredOn: "2026-03-09",
        memo: "matched to the wrong pledge",
      });
      const funds = await describeProjectFunds(database.db, projectId, threshold);
      expect(funds.months).toHaveLength(1);
      expect(funds.months[0]).toMatchObject({ month: "2026-03", gifts: 5, raised: 500_000 });
      expect(funds.total).toMatchObject({ gifts: 5, raised: 500_000 });
    } finally {
      await database.close();
    }
  });
});
