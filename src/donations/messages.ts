// Messages of giving: the donate and status pages, and why a pledge or a finance decision was
// refused, in Vietnamese and English.
import type { MessageSet } from "../lib/i18n.js";

const vi = {
  "donate.title": "Ủng hộ",
  "donate.title_project": "Ủng hộ dự án {project}",
  "donate.description":
    "Ủng hộ chương trình dự phòng HIV dựa vào cộng đồng bằng chuyển khoản ngân hàng (VietQR).",
  "donate.lead":
    "Mỗi đồng được ghi vào sổ quỹ và công khai theo tháng trên trang dự án, cùng kết quả đạt được.",
  "donate.purpose": "Mục đích",
  "donate.unrestricted": "Quỹ chung: nơi cần nhất",
  "donate.amount": "Số tiền",
  "donate.other_amount": "Số tiền khác (đồng)",
  "donate.name": "Họ tên (không bắt buộc)",
  "donate.email": "E-mail để nhận biên nhận (không bắt buộc)",
  "donate.named": "Ghi tên tôi trên danh sách người ủng hộ",
  "donate.anonymous_note": "Bạn được giữ ẩn danh trừ khi chọn ghi tên.",
  "donate.submit": "Tiếp tục",
  "donate.method": "Cách ủng hộ",
  "donate.by_transfer": "Chuyển khoản ngân hàng (VietQR)",
  "donate.by_card": "Thẻ ngân hàng hoặc thẻ quốc tế (VNPay)",
  "donate.status_title": "Khoản ủng hộ {reference}",
  "donate.waiting":
    "Đang chờ tiền về. Quét mã QR bằng ứng dụng ngân hàng, hoặc chuyển khoản theo thông tin dưới đây. Trang này tự tải lại.",
  "donate.received": "Đã nhận {amount}. Cảm ơn bạn!",
  "donate.receipt": "Biên nhận số {number}/{year}",
  "donate.failed": "Giao dịch chưa thành công. Bạn có thể thử lại.",
  "donate.bank": "Ngân hàng (BIN)",
  "donate.account_number": "Số tài khoản",
  "donate.account_name": "Chủ tài khoản",
  "donate.transfer_text": "Nội dung chuyển khoản (bắt buộc, giữ nguyên mã)",
  "donate.demo_account": "Tài khoản minh hoạ của bản demo: đừng chuyển tiền thật.",
  "donate.qr_alt": "Mã VietQR để chuyển {amount} kèm mã {reference}",
  "reason.gift_amount": "cần một số tiền nguyên từ {min} đến {max} đồng",
  "reason.line_settled": "dòng sao kê này đã được xử lý",
  "reason.no_pledge": "không có cam kết ủng hộ nào với mã này",
  "reason.pledge_received": "khoản ủng hộ này đã nhận tiền",
  "reason.webhook_signature": "chữ ký hoặc khoá của thông báo không đúng",
  "reason.statement_unreadable":
    "không đọc được tệp sao kê; hãy gửi tệp CSV hoặc XLSX tải từ ngân hàng",
  "reason.statement_columns":
    "không tìm thấy các cột cần thiết (ngày, số tiền ghi có, mô tả) theo mẫu của ngân hàng đã chọn",
  "reason.statement_too_long": "sao kê quá dài: tối đa 20.000 dòng mỗi lần; hãy tách theo tháng",
  "receipt_mail.subject": "Biên nhận ủng hộ số {number}/{year} — {organisation}",
  "receipt_mail.greeting": "Kính gửi {name},",
  "receipt_mail.greeting_anonymous": "Kính gửi nhà hảo tâm,",
  "receipt_mail.body":
    "Chúng tôi đã nhận khoản ủng hộ {amount} của bạn. Biên nhận số {number}/{year}. Xin chân thành cảm ơn.",
  "receipt_mail.link": "Xem biên nhận và tiến độ sử dụng quỹ: {url}",
} as const;

const en: Record<keyof typeof vi, string> = {
  "receipt_mail.subject": "Receipt no. {number}/{year} for your gift — {organisation}",
  "receipt_mail.greeting": "Dear {name},",
  "receipt_mail.greeting_anonymous": "Dear donor,",
  "receipt_mail.body":
    "We have received your gift of {amount}. Receipt no. {number}/{year}. Thank you.",
  "receipt_mail.link": "See the receipt and how the fund is used: {url}",
  "donate.title": "Donate",
  "donate.title_project": "Give to {project}",
  "donate.description": "Give to community-based HIV prevention by bank transfer (VietQR).",
  "donate.lead":
    "Every đồng is entered in the fund ledger and published by month on the project's page, beside its results.",
  "donate.purpose": "Purpose",
  "donate.unrestricted": "General fund: where it is needed most",
  "donate.amount": "Amount",
  "donate.other_amount": "Another amount (đồng)",
  "donate.name": "Name (optional)",
  "donate.email": "E-mail for your receipt (optional)",
  "donate.named": "Show my name on the list of donors",
  "donate.anonymous_note": "You stay anonymous unless you choose to be named.",
  "donate.submit": "Continue",
  "donate.method": "How to give",
  "donate.by_transfer": "Bank transfer (VietQR)",
  "donate.by_card": "Domestic or international card (VNPay)",
  "donate.status_title": "Gift {reference}",
  "donate.waiting":
    "Waiting for the transfer. Scan the QR code with your banking app, or transfer with the details below. This page reloads itself.",
  "donate.received": "{amount} received. Thank you!",
  "donate.receipt": "Receipt no. {number}/{year}",
  "donate.failed": "The payment did not go through. You can try again.",
  "donate.bank": "Bank (BIN)",
  "donate.account_number": "Account number",
  "donate.account_name": "Account holder",
  "donate.transfer_text": "Transfer text (required; keep the code as it is)",
  "donate.demo_account": "The demo's example account: do not transfer real money.",
  "donate.qr_alt": "VietQR code to transfer {amount} with the code {reference}",
  "reason.gift_amount": "expected a whole amount from {min} to {max} đồng",
  "reason.line_settled": "this bank line has already been settled",
  "reason.no_pledge": "there is no pledge with this reference",
  "reason.pledge_received": "this pledge has already been received",
  "reason.webhook_signature": "the notification's signature or key is wrong",
  "reason.statement_unreadable":
    "the statement file cannot be read; send the CSV or XLSX file downloaded from the bank",
  "reason.statement_columns":
    "the columns needed (date, credit amount, description) were not found in the chosen bank's layout",
  "reason.statement_too_long":
    "the statement is too long: at most 20,000 lines at once; split it by month",
};

export const donationMessages: MessageSet<keyof typeof vi> = { vi, en };
