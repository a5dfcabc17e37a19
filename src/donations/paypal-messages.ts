// What a donor is told about a PayPal gift, in Vietnamese and English: the PayPal choice on the
// donate page, the pledge's page while PayPal has not been paid, and every way a PayPal payment can
// go wrong (src/donations/paypal.ts's problems) — what happened and what to do, never PayPal's own
// wording.
import type { MessageSet } from "../lib/i18n.js";
import type { PaypalProblem } from "./paypal.js";

/** The message key of a PayPal problem. */
export const paypalProblemKey = (problem: PaypalProblem): `paypal.problem.${PaypalProblem}` =>
  `paypal.problem.${problem}`;

const vi = {
  "donate.by_paypal": "PayPal (cho người ủng hộ ở nước ngoài, bằng {currency})",
  "donate.paypal_amount": "Số tiền nếu ủng hộ qua PayPal ({currency})",
  "donate.paypal_other_amount": "Số khác ({currency}, từ {min} đến {max})",
  "paypal.waiting":
    "Khoản ủng hộ {amount} (khoảng {vnd}) qua PayPal chưa hoàn tất. Bạn có thể tiếp tục thanh toán trên PayPal.",
  "paypal.continue": "Tiếp tục thanh toán qua PayPal",
  "paypal.value": "{amount} (khoảng {vnd} theo tỷ giá {rate} đ)",
  "paypal.problem.unavailable":
    "Hiện chưa kết nối được với PayPal, không có khoản tiền nào bị trừ. Bạn có thể thử lại sau ít phút, hoặc chọn chuyển khoản VietQR.",
  "paypal.problem.not_approved":
    "Thanh toán chưa được xác nhận trên PayPal. Hãy bấm “Tiếp tục thanh toán qua PayPal” và hoàn tất các bước ở đó.",
  "paypal.problem.declined":
    "PayPal không thể dùng nguồn tiền bạn chọn (thẻ hoặc tài khoản bị từ chối). Hãy thử lại và chọn nguồn tiền khác trên PayPal.",
  "paypal.problem.refused":
    "PayPal đã từ chối giao dịch này, không có khoản tiền nào bị trừ. Bạn có thể thử lại, hoặc chọn chuyển khoản VietQR.",
  "paypal.problem.too_many_attempts":
    "Đã có quá nhiều lần thử thanh toán cho khoản ủng hộ này. Hãy tạo một khoản ủng hộ mới, hoặc thử lại sau.",
  "paypal.problem.expired":
    "Phiên thanh toán PayPal đã hết hạn. Hãy bấm “Tiếp tục thanh toán qua PayPal” để bắt đầu lại.",
  "paypal.problem.pending":
    "PayPal đã nhận thanh toán nhưng đang xử lý. Đừng thanh toán lại; chúng tôi sẽ ghi nhận khoản ủng hộ khi PayPal hoàn tất.",
  "paypal.problem.cancelled":
    "Bạn đã huỷ thanh toán trên PayPal, không có khoản tiền nào bị trừ. Bạn có thể tiếp tục bất cứ lúc nào.",
  "paypal.problem.mismatch":
    "Thanh toán PayPal không khớp với khoản ủng hộ này nên chưa được ghi nhận. Chúng tôi đã lưu lại để kiểm tra; đừng thanh toán lại, hãy liên hệ với chúng tôi.",
  "receipt.route.paypal": "PayPal",
  "accounts_export.original_currency": "Tiền tệ gốc",
  "accounts_export.original_amount": "Số tiền gốc",
  "accounts_export.original_fee": "Phí cổng (tiền gốc)",
  "accounts_export.vnd_rate": "Tỷ giá (đ)",
  "accounts_export.fee": "Phí cổng (đ)",
  "reason.paypal_amount":
    "cần một số tiền từ {min} đến {max} {currency}, tối đa hai chữ số thập phân",
} as const;

const en: Record<keyof typeof vi, string> = {
  "donate.by_paypal": "PayPal (for donors abroad, in {currency})",
  "donate.paypal_amount": "Amount if you give by PayPal ({currency})",
  "donate.paypal_other_amount": "Another amount ({currency}, {min} to {max})",
  "paypal.waiting":
    "Your gift of {amount} (about {vnd}) by PayPal is not complete yet. You can go on to pay on PayPal.",
  "paypal.continue": "Continue to pay with PayPal",
  "paypal.value": "{amount} (about {vnd} at {rate} ₫ each)",
  "paypal.problem.unavailable":
    "We could not reach PayPal just now; no money was taken. Try again in a few minutes, or give by VietQR bank transfer.",
  "paypal.problem.not_approved":
    "The payment was not confirmed on PayPal. Press “Continue to pay with PayPal” and finish the steps there.",
  "paypal.problem.declined":
    "PayPal could not use the funding source you chose (the card or account was declined). Try again and choose another one on PayPal.",
  "paypal.problem.refused":
    "PayPal refused this payment; no money was taken. You can try again, or give by VietQR bank transfer.",
  "paypal.problem.too_many_attempts":
    "This gift has had too many payment attempts. Please make a new gift, or try again later.",
  "paypal.problem.expired":
    "The PayPal payment session has expired. Press “Continue to pay with PayPal” to start again.",
  "paypal.problem.pending":
    "PayPal has the payment but is still processing it. Please do not pay again: we record your gift once PayPal completes it.",
  "paypal.problem.cancelled":
    "You cancelled the payment on PayPal; no money was taken. You can continue at any time.",
  "paypal.problem.mismatch":
    "The PayPal payment does not match this gift, so it was not recorded. We kept it for a check; please do not pay again, and contact us.",
  "receipt.route.paypal": "PayPal",
  "accounts_export.original_currency": "Original currency",
  "accounts_export.original_amount": "Original amount",
  "accounts_export.original_fee": "Gateway fee (original)",
  "accounts_export.vnd_rate": "Rate (₫)",
  "accounts_export.fee": "Gateway fee (₫)",
  "reason.paypal_amount":
    "expected an amount from {min} to {max} {currency}, with at most two decimals",
};

export const paypalMessages: MessageSet<keyof typeof vi> = { vi, en };
