import { describe, expect, it } from "vitest";
import { fieldOfParameter, newRequestKey, postingState, withReversal } from "./postings.js";
import type { FundPosting } from "./types.js";

const posting = (id: string, changes: Partial<FundPosting> = {}): FundPosting => ({
  id,
  kind: "allocation",
  reverses_kind: null,
  occurred_on: "2026-12-01",
  amount: 500_000,
  memo: "Quý IV",
  project: null,
  debit_account: "fund:unrestricted",
  credit_account: "fund:project:p1",
  reverses: null,
  reversed_by: null,
  created_by: null,
  created_at: "2026-12-01T03:00:00Z",
  ...changes,
});

describe("a form's request key", () => {
  it("is one the server takes, and new each time", () => {
    const keys = new Set(Array.from({ length: 50 }, newRequestKey));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{8,80}$/);
  });
});

describe("a refusal's field", () => {
  it("is the form's field the server named, none for the others", () => {
    expect(fieldOfParameter("project_slug")).toBe("project");
    expect(fieldOfParameter("amount")).toBe("amount");
    expect(fieldOfParameter("occurred_on")).toBe("date");
    expect(fieldOfParameter("memo")).toBe("memo");
    expect(fieldOfParameter("key")).toBeUndefined();
    expect(fieldOfParameter(undefined)).toBeUndefined();
  });
});

describe("a reversal in the list", () => {
  it("comes first and marks what it undid as reversed", () => {
    const a = posting("a");
    const b = posting("b");
    const reversal = posting("r", { kind: "reversal", reverses: "a", reverses_kind: "allocation" });
    const list = withReversal([a, b], reversal);
    expect(list.map((p) => [p.id, postingState(p)])).toEqual([
      ["r", "reversal"],
      ["a", "reversed"],
      ["b", "standing"],
    ]);
    // Posted again (a retry answered with the same reversal): still once.
    expect(withReversal(list, reversal).map((p) => p.id)).toEqual(["r", "a", "b"]);
  });
});
