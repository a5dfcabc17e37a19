import { describe, expect, it } from "vitest";
import { fromVietnamTime, toVietnamTime } from "./dates.js";

describe("moments typed in Vietnam's time", () => {
  it("become UTC, and come back as typed", () => {
    expect(fromVietnamTime("2026-05-01T09:00")).toBe("2026-05-01T02:00:00.000Z");
    expect(fromVietnamTime("2026-05-01T03:30")).toBe("2026-04-30T20:30:00.000Z");
    expect(toVietnamTime("2026-04-30T20:30:00.000Z")).toBe("2026-05-01T03:30");
  });

  it("are nothing when the field is empty or half typed", () => {
    expect(fromVietnamTime("")).toBeNull();
    expect(fromVietnamTime("2026-05-01")).toBeNull();
    expect(toVietnamTime(null)).toBe("");
  });
});
