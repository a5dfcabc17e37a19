import { describe, expect, it } from "vitest";
import { giftMatches } from "./gifts.js";
import type { Gift } from "./types.js";

const gift: Gift = {
  id: "g1",
  receipt: "12/2026",
  receipt_number: 12,
  receipt_year: 2026,
  received_on: "2026-12-05",
  amount: 150_000,
  route: "vietqr",
  pledge_reference: "PL7K2M9Q",
  project: { slug: "dien-bien", name: { vi: "Tiếp cận Điện Biên", en: "Outreach in Điện Biên" } },
  ledger_transaction_id: "t1",
};

describe("finding a gift", () => {
  it("by the reference the donor wrote, the amount, the receipt or the project", () => {
    for (const search of [
      "",
      "pl7k2m9q",
      "150.000",
      "150000",
      "12/2026",
      "dien bien",
      "Điện 150,000",
    ])
      expect(giftMatches(gift, search), search).toBe(true);
  });

  it("not by what the gift does not have", () => {
    for (const search of ["PL7K2M9X", "200.000", "13/2026", "dien bien 200000"])
      expect(giftMatches(gift, search), search).toBe(false);
  });
});
