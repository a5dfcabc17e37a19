// Messages shared by every feature: errors and their reasons.
import type { MessageSet } from "./i18n.js";

const vi = {
  "error.invalid_parameter": "Tham số “{parameter}” không hợp lệ: {reason}",
  "error.invalid_body": "Dữ liệu gửi lên không đúng định dạng: {reason}",
  "error.unauthenticated": "Bạn cần đăng nhập để tiếp tục.",
  "error.forbidden": "Tài khoản của bạn không có quyền thực hiện việc này.",
  "error.csrf_failed": "Yêu cầu bị từ chối vì thiếu mã bảo vệ. Hãy tải lại trang rồi thử lại.",
  "error.payload_too_large":
    "Gói dữ liệu quá lớn: tối đa {max} thay đổi mỗi lần gửi. Ứng dụng sẽ tự chia nhỏ và gửi lại.",
  "error.body_too_large":
    "Dữ liệu gửi lên quá lớn: tối đa {max}. Hãy rút gọn nội dung rồi gửi lại.",
  "error.too_many_attempts": "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {minutes} phút.",
  "error.too_many_requests": "Quá nhiều lần: {reason}. Vui lòng thử lại sau {minutes} phút.",
  "error.not_found": "Không tìm thấy trang hoặc dữ liệu bạn yêu cầu.",
  "error.edit_conflict":
    "Người khác đã lưu nội dung này trong lúc bạn sửa (phiên bản mới nhất là {latest, number}). Hãy mở lại bản mới nhất, rồi sửa tiếp trên đó.",
  "error.database_unavailable":
    "Cơ sở dữ liệu tạm thời không phản hồi. Vui lòng thử lại sau ít phút.",
  "error.feature_unavailable": "Máy chủ chưa làm được việc này: {reason}.",
  "error.busy":
    "Máy chủ đang bận với nhiều việc cùng loại. Việc này chưa được làm; vui lòng thử lại sau một phút.",
  "error.data_dir_invalid": "Thư mục dữ liệu không hợp lệ.",
  "error.data_dir_in_use": "Thư mục dữ liệu đang được một tiến trình khác sử dụng.",
  "error.invalid_value":
    "Một giá trị trong yêu cầu không hợp lệ nên không lưu hay tra cứu được. Hãy kiểm tra lại rồi thử lại.",
  "error.internal": "Đã xảy ra lỗi hệ thống. Lỗi đã được ghi lại; vui lòng thử lại.",
  "error.query_timeout":
    "Máy chủ đã dừng yêu cầu này vì nó chạy quá {seconds} giây. Vui lòng thử lại; nếu được, hãy yêu cầu ít dữ liệu hơn (khoảng thời gian ngắn hơn, ít phân tổ hơn).",
  "error.answer_too_large":
    "Kết quả lớn hơn mức máy chủ gửi được trong một lần ({max}). Hãy yêu cầu ít dữ liệu hơn (khoảng thời gian ngắn hơn, ít phân tổ hơn).",
  "reason.date_format": "cần một ngày có thật theo dạng NNNN-TT-NN, ví dụ 2011-07-01",
  "reason.from_after_to": "ngày bắt đầu (from) phải trước hoặc trùng ngày kết thúc (to)",
  "reason.unknown_parameter": "tham số này không được hỗ trợ",
  "reason.unknown_site": "không có địa bàn nào với mã này trong dự án",
  "reason.invalid": "giá trị không hợp lệ",
  "reason.control_character": "có ký tự điều khiển ẩn (ví dụ NUL); hãy xóa rồi gõ lại",
  "reason.invalid_unicode": "có ký tự bị hỏng (mã Unicode không hợp lệ); hãy gõ lại",
  "reason.text_too_long": "quá dài (tối đa {max, number} ký tự)",
  "reason.invalid_utf8": "không phải văn bản UTF-8 hợp lệ",
  "reason.invalid_url_encoding": "địa chỉ có ký tự được mã hóa sai (dạng %…)",
} as const;

const en: Record<keyof typeof vi, string> = {
  "error.invalid_parameter": "The parameter “{parameter}” is not valid: {reason}",
  "error.invalid_body": "The data sent is not in the expected form: {reason}",
  "error.unauthenticated": "Please sign in to continue.",
  "error.forbidden": "Your account is not allowed to do this.",
  "error.csrf_failed":
    "The request was refused because its protection code was missing. Reload the page and try again.",
  "error.payload_too_large":
    "Too much data at once: at most {max} changes per push. The app will split it and send again.",
  "error.body_too_large": "Too much data was sent: at most {max}. Shorten it and send it again.",
  "error.too_many_attempts":
    "Too many failed sign-in attempts. Please try again in {minutes, plural, one {# minute} other {# minutes}}.",
  "error.too_many_requests":
    "Too many times: {reason}. Please try again in {minutes, plural, one {# minute} other {# minutes}}.",
  "error.not_found": "The page or data you asked for was not found.",
  "error.edit_conflict":
    "Someone else saved this content while you were editing it (the latest revision is {latest, number}). Open the latest revision and make your changes on it.",
  "error.database_unavailable":
    "The database is not answering right now. Please try again in a few minutes.",
  "error.feature_unavailable": "The server cannot do this yet: {reason}.",
  "error.busy":
    "The server is busy with other work of the same kind. Nothing was done; please try again in a minute.",
  "error.data_dir_invalid": "The data directory is not valid.",
  "error.data_dir_in_use": "The data directory is in use by another process.",
  "error.invalid_value":
    "A value in the request is not valid, so it could not be stored or looked up. Check it and try again.",
  "error.internal": "Something went wrong on our side. It has been logged; please try again.",
  "error.query_timeout":
    "The server stopped this request because it ran longer than {seconds, plural, one {# second} other {# seconds}}. Please try again, asking for less if you can (a shorter period, fewer breakdowns).",
  "error.answer_too_large":
    "The answer is larger than the server sends at once ({max}). Ask for less (a shorter period, fewer breakdowns).",
  "reason.date_format": "expected a real date written YYYY-MM-DD, for example 2011-07-01",
  "reason.from_after_to": "the start date (from) must be on or before the end date (to)",
  "reason.unknown_parameter": "this parameter is not supported",
  "reason.unknown_site": "the project has no site with this code",
  "reason.invalid": "the value is not valid",
  "reason.control_character":
    "it holds a hidden control character (such as NUL); delete it and type it again",
  "reason.invalid_unicode": "it holds a broken character (invalid Unicode); type it again",
  "reason.text_too_long": "it is too long (at most {max, number} characters)",
  "reason.invalid_utf8": "it is not valid UTF-8 text",
  "reason.invalid_url_encoding": "the address holds a wrongly encoded character (%…)",
};

export const commonMessages: MessageSet<keyof typeof vi> = { vi, en };
