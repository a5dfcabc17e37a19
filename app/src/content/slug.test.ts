import { describe, expect, it } from "vitest";
import { isSlug, suggestSlug } from "./slug.js";

describe("a slug suggested from a title", () => {
  it("folds Vietnamese letters, đ included, into plain words joined by dashes", () => {
    expect(suggestSlug("Điện Biên")).toBe("dien-bien");
    expect(suggestSlug("Tập huấn cho 19 tiếp cận viên ở Tuần Giáo")).toBe(
      "tap-huan-cho-19-tiep-can-vien-o-tuan-giao",
    );
    expect(suggestSlug("Ưu tiên: bạn tình của người sử dụng ma túy!")).toBe(
      "uu-tien-ban-tinh-cua-nguoi-su-dung-ma-tuy",
    );
  });

  it("folds text typed in decomposed form the same way", () => {
    expect(suggestSlug("Điện Biên".normalize("NFD"))).toBe("dien-bien");
  });

  it("keeps only letters and digits, with no dash at either end", () => {
    expect(suggestSlug("  — HIV & STI (2011) —  ")).toBe("hiv-sti-2011");
    expect(suggestSlug("!!!")).toBe("");
  });

  it("stops at a whole word before 80 characters", () => {
    const slug = suggestSlug("một ".repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith("mot")).toBe(true);
    expect(isSlug(slug)).toBe(true);
  });

  it("is what the server accepts", () => {
    expect(isSlug("dien-bien")).toBe(true);
    expect(isSlug("Dien-Bien")).toBe(false);
    expect(isSlug("dien--bien")).toBe(false);
    expect(isSlug("-dien")).toBe(false);
  });
});
