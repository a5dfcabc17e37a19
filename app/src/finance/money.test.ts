import { describe, expect, it } from "vitest";
import { ageInDays, formatVnd, MAX_POSTING_AMOUNT, parseVnd, pledgeChoices } from "./money.js";
import type { BankLine, WaitingPledge } from "./types.js";

const line = (content: string, amount: number): BankLine => ({
  id: "l1",
  source: "statement",
  booked_on: "2026-12-06",
  amount,
  content,
  bank_reference: null,
  created_at: "2026-12-06T02:00:00Z",
});
const pledge = (reference: string, amount: number): WaitingPledge => ({
  id: reference,
  reference,
  amount,
  method: "vietqr",
  created_at: "2026-12-05T02:00:00Z",
  slug: null,
});

describe("finance money", () => {
  it("writes đồng the Vietnamese way in either language", () => {
    expect(formatVnd(1_500_000).replace(/\s/g, " ")).toBe("1.500.000 ₫");
    expect(formatVnd(0).replace(/\s/g, " ")).toBe("0 ₫");
  });

  it("counts a pledge's age in Vietnam's days", () => {
    // 23:30 on 5 December in Hà Nội is 16:30 UTC; 00:30 on 6 December is 17:30 UTC.
    expect(ageInDays("2026-12-05T16:30:00Z", new Date("2026-12-05T17:30:00Z"))).toBe(1);
    expect(ageInDays("2026-12-05T17:30:00Z", new Date("2026-12-05T18:30:00Z"))).toBe(0);
    expect(ageInDays("2026-11-26T03:00:00Z", new Date("2026-12-06T03:00:00Z"))).toBe(10);
  });

  it("offers the pledge named in the text first, then the same amount, then the rest", () => {
    const pledges = [
      pledge("AAAA1111", 50_000),
      pledge("BBBB2222", 150_000),
      pledge("CCCC3333", 9),
    ];
    const order = (content: string, amount: number) =>
      pledgeChoices(line(content, amount), pledges).map((c) => `${c.pledge.reference}:${c.reason}`);
    expect(order("IBFT ung ho cccc 3333", 150_000)).toEqual([
      "CCCC3333:reference",
      "BBBB2222:amount",
      "AAAA1111:null",
    ]);
    // A reference cut off by the bank still counts from its first six characters.
    expect(order("MBVCB.123.AAAA11", 1)).toEqual([
      "AAAA1111:reference",
      "BBBB2222:null",
      "CCCC3333:null",
    ]);
    expect(order("CHUYEN TIEN", 1).map((c) => c.split(":")[0])).toEqual([
      "AAAA1111",
      "BBBB2222",
      "CCCC3333",
    ]);
  });
});

describe("an amount as typed", () => {
  it("is read with or without the thousands' dots and the sign", () => {
    for (const typed of [
      "1500000",
      "1.500.000",
      "1 500 000",
      "1,500,000",
      " 1.500.000 ₫",
      "1500000đ",
    ])
      expect(parseVnd(typed), typed).toEqual({ amount: 1_500_000 });
  });

  it("is refused when empty, not whole đồng, zero, or above the server's limit", () => {
    expect(parseVnd("  ")).toEqual({ problem: "required" });
    for (const typed of ["1.5", "1.50.000", "abc", "-5", "12a", "1.500,5"])
      expect(parseVnd(typed), typed).toEqual({ problem: "invalid" });
    expect(parseVnd("0")).toEqual({ problem: "invalid" });
    expect(parseVnd(String(MAX_POSTING_AMOUNT))).toEqual({ amount: MAX_POSTING_AMOUNT });
    expect(parseVnd(String(MAX_POSTING_AMOUNT + 1))).toEqual({ problem: "too_large" });
  });
});
