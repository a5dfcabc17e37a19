import { describe, expect, it } from "vitest";
import { dongInWords, numberInWords } from "./amount-words.js";

describe("amounts in Vietnamese words", () => {
  it.each([
    [0, "không"],
    [5, "năm"],
    [10, "mười"],
    [11, "mười một"],
    [15, "mười lăm"],
    [21, "hai mươi mốt"],
    [24, "hai mươi tư"],
    [25, "hai mươi lăm"],
    [30, "ba mươi"],
    [105, "một trăm linh năm"],
    [110, "một trăm mười"],
    [114, "một trăm mười bốn"],
    [1_000, "một nghìn"],
    [1_005, "một nghìn không trăm linh năm"],
    [10_000, "mười nghìn"],
    [15_500, "mười lăm nghìn năm trăm"],
    [200_000, "hai trăm nghìn"],
    [1_000_005, "một triệu không trăm linh năm"],
    [1_050_000, "một triệu không trăm năm mươi nghìn"],
    [1_500_000, "một triệu năm trăm nghìn"],
    [2_021_000, "hai triệu không trăm hai mươi mốt nghìn"],
    [1_000_000_000, "một tỷ"],
    [1_000_000_000_000, "một nghìn tỷ"],
    [5_000_000_001, "năm tỷ không trăm linh một"],
    [123_456_789, "một trăm hai mươi ba triệu bốn trăm năm mươi sáu nghìn bảy trăm tám mươi chín"],
  ])("%i is %s", (value, words) => {
    expect(numberInWords(value)).toBe(words);
  });

  it("writes an amount as a receipt does, capitalised, in đồng", () => {
    expect(dongInWords(200_000)).toBe("Hai trăm nghìn đồng");
    expect(dongInWords(1_250_000)).toBe("Một triệu hai trăm năm mươi nghìn đồng");
  });

  it("refuses what is not a whole number of 0 or more", () => {
    expect(() => numberInWords(-1)).toThrow(RangeError);
    expect(() => numberInWords(1.5)).toThrow(RangeError);
  });
});
