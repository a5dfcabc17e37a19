// The receipt e-mail and the statement-link e-mail as the donor reads them, in each language:
// the receipt's number, the amount, the status page and the signed PDF link (as links in HTML).
import { describe, expect, it } from "vitest";
import { receiptContent, statementLinkContent } from "./receipt-mail.js";

const pdf =
  "http://localhost:3000/api/donations/receipts/0193a5c2-0000-7000-8000-000000000001?t=a.b.c";

describe("donation e-mails", () => {
  it("the receipt names the gift and links the status page and the PDF, with its expiry", () => {
    const mail = {
      giftId: "g",
      email: "an@example.org",
      name: "Nguyễn Văn An",
      amount: 200_000,
      receiptYear: 2026,
      receiptNumber: 7,
      receiptUrl: "http://localhost:3000/vi/ung-ho/p",
      receiptPdfUrl: pdf,
      receiptPdfExpires: "2027-03-06",
    };
    const vi = receiptContent({ ...mail, locale: "vi" }, "SCDI");
    expect(vi.subject).toBe("Biên nhận ủng hộ số 7/2026 — SCDI");
    expect(vi.text).toContain("Kính gửi Nguyễn Văn An,");
    expect(vi.text).toContain(`Tải biên nhận (PDF, có hiệu lực đến 6 tháng 3, 2027): ${pdf}`);
    expect(vi.html).toContain(`<a href="${pdf.replace("&", "&amp;")}">`);
    const en = receiptContent({ ...mail, locale: "en", name: null }, "SCDI");
    expect(en.text).toContain("Dear donor,");
    expect(en.text).toContain("Download the receipt (PDF, works until 6 March 2027)");
  });

  it("the statement link says the year, the link and what to do if it was not them", () => {
    const url = "http://localhost:3000/api/donations/yearly-statements?t=x.y.z";
    const vi = statementLinkContent(
      { locale: "vi", email: "an@example.org", year: 2026, url, expires: "2026-12-13" },
      "SCDI",
    );
    expect(vi.subject).toBe("Tổng hợp ủng hộ năm 2026 — SCDI");
    expect(vi.text).toContain(url);
    expect(vi.text).toContain("Nếu không phải bạn, hãy bỏ qua thư này.");
    expect(vi.html).toContain(`<a href="${url}">`);
  });
});
