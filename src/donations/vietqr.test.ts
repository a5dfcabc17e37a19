import { describe, expect, it } from "vitest";
import { crc16, vietQrPayload, vietQrSvg } from "./vietqr.js";

describe("VietQR", () => {
  it("builds the NAPAS EMVCo payload with its CRC, as a published example has it", () => {
    // The example of a public VietQR library: 120,000 đ to Vietinbank (BIN 970415) 0011001932418.
    expect(
      vietQrPayload({
        bin: "970415",
        accountNumber: "0011001932418",
        amount: 120000,
        purpose: "ung ho lu lut",
      }),
    ).toBe(
      "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C",
    );
  });

  it("computes CRC-16/CCITT-FALSE (check value of 123456789 is 29B1)", () => {
    expect(crc16("123456789")).toBe("29B1");
  });

  it("draws the payload as an SVG", async () => {
    const svg = await vietQrSvg("000201");
    expect(svg).toMatch(/^<svg[^>]*viewBox/);
  });
});
