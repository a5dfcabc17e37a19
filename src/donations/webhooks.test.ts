import { describe, expect, it } from "vitest";
import { cassoAuthorised } from "./webhooks.js";

describe("Casso's signature", () => {
  it("verifies the example of Casso's own documentation", () => {
    const body = {
      error: 0,
      data: {
        id: 0,
        reference: "MA_GIAO_DICH_THU_NGHIEM",
        description: "giao dich thu nghiem",
        amount: 599000,
        runningBalance: 25000000,
        transactionDateTime: "2024-10-03 15:06:37",
        accountNumber: "88888888",
        bankName: "VPBank",
        bankAbbreviation: "VPB",
        virtualAccountNumber: "",
        virtualAccountName: "",
        counterAccountName: "NGUYEN VAN A",
        counterAccountNumber: "8888888888",
        counterAccountBankId: "970415",
        counterAccountBankName: "VietinBank",
      },
    };
    const key = "mgExMrjj4i7a1p8Cs6LmFbpCd8lbw4sSX4LZXPag7TKazeIogtR90tvWYTkwQbvs";
    const header =
      "t=1727948258788,v1=ed0a4bd2e826d5cb69988cdb141e6c1a080e21f3b57eb72cd78192220042b9e7dde0868fc667faea8e224900fa7904e7c88dfa098032fb2d6b6996856e8b7ff3";
    expect(cassoAuthorised(header, body, key)).toBe(true);
    expect(cassoAuthorised(header, { ...body, data: { ...body.data, amount: 599001 } }, key)).toBe(
      false,
    );
  });
});
