// What a donor is told when VNPay answers a card payment with a code other than "00", in
// Vietnamese and English: what happened and what to do, never the gateway's own wording.
//
// The codes are VNPay's vnp_ResponseCode values for the Return URL and the IPN, checked against
// VNPay's developer documentation, "Bảng mã lỗi" (the error-code table of the payment API,
// apis/docs/bang-ma-loi), as found with the search tool on 2026-12-06: 00 success; 07 money taken
// but the transaction held as suspected fraud; 09 card or account not registered for Internet
// Banking; 10 card or account details failed more than 3 times; 11 payment waiting time expired;
// 12 card or account locked; 13 wrong one-time password (OTP); 24 the customer cancelled; 51 not
// enough balance; 65 over the daily transaction limit; 75 the paying bank under maintenance;
// 79 payment password wrong too many times; 99 other errors.
import type { MessageSet } from "../lib/i18n.js";

/** The response codes VNPay documents; any other is said as "99" (another error). */
export const vnpayResponseCodes = [
  "07",
  "09",
  "10",
  "11",
  "12",
  "13",
  "24",
  "51",
  "65",
  "75",
  "79",
  "99",
] as const;
export type VnpayFailureCode = (typeof vnpayResponseCodes)[number];

/** The message key of a failed payment's code. */
export function vnpayFailureKey(code: string | null): `vnpay.response.${VnpayFailureCode}` {
  const known = vnpayResponseCodes.find((c) => c === code);
  return `vnpay.response.${known ?? "99"}`;
}

const vi = {
  "vnpay.response.07":
    "Ngân hàng đã trừ tiền nhưng VNPay đang tạm giữ giao dịch để kiểm tra vì nghi ngờ bất thường. Đừng thanh toán lại; chúng tôi sẽ ghi nhận khoản ủng hộ khi VNPay xác nhận.",
  "vnpay.response.09":
    "Thẻ hoặc tài khoản của bạn chưa đăng ký dịch vụ Internet Banking tại ngân hàng. Hãy đăng ký rồi thử lại, hoặc chọn chuyển khoản VietQR.",
  "vnpay.response.10":
    "Thông tin thẻ hoặc tài khoản bị nhập sai quá 3 lần. Hãy thử lại sau, hoặc chọn chuyển khoản VietQR.",
  "vnpay.response.11": "Đã hết thời gian chờ thanh toán. Bạn có thể thử lại từ đầu.",
  "vnpay.response.12":
    "Thẻ hoặc tài khoản của bạn đang bị khoá. Hãy liên hệ ngân hàng, hoặc dùng thẻ khác.",
  "vnpay.response.13":
    "Mã xác thực giao dịch (OTP) không đúng. Bạn có thể thử lại và nhập mã OTP mới nhất ngân hàng gửi.",
  "vnpay.response.24":
    "Bạn đã huỷ thanh toán, không có khoản tiền nào bị trừ. Bạn có thể thử lại bất cứ lúc nào.",
  "vnpay.response.51":
    "Tài khoản không đủ số dư để thanh toán. Bạn có thể chọn số tiền nhỏ hơn hoặc dùng thẻ khác.",
  "vnpay.response.65":
    "Tài khoản đã vượt hạn mức giao dịch trong ngày. Bạn có thể thử lại vào ngày mai, hoặc chọn chuyển khoản VietQR.",
  "vnpay.response.75": "Ngân hàng thanh toán đang bảo trì. Hãy thử lại sau ít phút.",
  "vnpay.response.79":
    "Mật khẩu thanh toán bị nhập sai quá số lần cho phép. Hãy thử lại sau, hoặc chọn chuyển khoản VietQR.",
  "vnpay.response.99":
    "Thanh toán chưa thành công vì một lỗi từ cổng thanh toán. Bạn có thể thử lại, hoặc chọn chuyển khoản VietQR.",
  "vnpay.try_again": "Thử ủng hộ lại",
} as const;

const en: Record<keyof typeof vi, string> = {
  "vnpay.response.07":
    "Your bank has taken the money, but VNPay is holding the payment for a check as it looks unusual. Please do not pay again: we record your gift once VNPay confirms it.",
  "vnpay.response.09":
    "Your card or account is not registered for Internet Banking at your bank. Register and try again, or give by VietQR bank transfer.",
  "vnpay.response.10":
    "The card or account details were entered wrongly more than 3 times. Try again later, or give by VietQR bank transfer.",
  "vnpay.response.11": "The time allowed for the payment ran out. You can start again.",
  "vnpay.response.12":
    "Your card or account is locked. Please contact your bank, or use another card.",
  "vnpay.response.13":
    "The one-time password (OTP) was not right. You can try again with the latest code your bank sends.",
  "vnpay.response.24":
    "You cancelled the payment; no money was taken. You can try again at any time.",
  "vnpay.response.51":
    "Your account does not have enough money for this payment. You can give a smaller amount or use another card.",
  "vnpay.response.65":
    "Your account has reached its daily payment limit. You can try again tomorrow, or give by VietQR bank transfer.",
  "vnpay.response.75": "Your bank is down for maintenance. Please try again in a few minutes.",
  "vnpay.response.79":
    "The payment password was entered wrongly too many times. Try again later, or give by VietQR bank transfer.",
  "vnpay.response.99":
    "The payment did not go through because of an error at the payment gateway. You can try again, or give by VietQR bank transfer.",
  "vnpay.try_again": "Try giving again",
};

export const vnpayMessages: MessageSet<keyof typeof vi> = { vi, en };
