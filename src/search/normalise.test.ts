import { describe, expect, it } from "vitest";
import { foldText, normaliseWords, wordSpans } from "./normalise.js";
import { documentVector, queryVector } from "./vectors.js";

describe("normalising text for search", () => {
  it("drops every Vietnamese diacritic, đ included, and lowers the case", () => {
    expect(normaliseWords("Điện Biên Phủ")).toEqual(["dien", "bien", "phu"]);
    expect(normaliseWords("ĐƯỜNG PHỐ Ở Sơn La")).toEqual(["duong", "pho", "o", "son", "la"]);
    expect(normaliseWords("ươn ướt, ỡm ờ, đ Đ ăn ắt ẵ")).toEqual([
      "uon",
      "uot",
      "om",
      "o",
      "d",
      "d",
      "an",
      "at",
      "a",
    ]);
  });

  it("gives the same words for precomposed and combining input", () => {
    const precomposed = "Điện Biên Phủ".normalize("NFC");
    const combining = "Điện Biên Phủ".normalize("NFD");
    expect(combining).not.toBe(precomposed);
    expect(normaliseWords(combining)).toEqual(normaliseWords(precomposed));
    expect(normaliseWords("Nghe\u0323\u0302 An")).toEqual(["nghe", "an"]);
  });

  it("splits words at anything that is not a letter or a digit", () => {
    expect(normaliseWords("HIV/AIDS, 2011–2012; (PrEP) e-mail's")).toEqual([
      "hiv",
      "aids",
      "2011",
      "2012",
      "prep",
      "e",
      "mail",
      "s",
    ]);
    expect(normaliseWords("&|!:*()'\"\\")).toEqual([]);
  });

  it("maps every folded character back to the original it came from", () => {
    const original = "Đie\u0323\u0302n Biên";
    const folded = foldText(original);
    expect(folded.text).toBe("dien bien");
    expect(wordSpans(original)).toEqual([
      { word: "dien", start: 0, end: 6 },
      { word: "bien", start: 7, end: 11 },
    ]);
    expect(original.slice(0, 6)).toBe("Đie\u0323\u0302n");
  });
});

describe("full-text values", () => {
  it("weights the title above the body, positions running on", () => {
    expect(documentVector("Điện Biên", "Biên giới")).toBe("'dien':1A 'bien':2A,3B 'gioi':4B");
  });

  it("asks for every word, the last one as a prefix, and nothing for no words", () => {
    expect(queryVector(["dien", "bi"])).toBe("'dien' & 'bi':*");
    expect(queryVector([])).toBeUndefined();
  });
});
