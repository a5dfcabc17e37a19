// Messages shared by every feature: errors and their reasons.
import type { MessageSet } from "./i18n.js";

const vi = {
  "error.invalid_parameter": "Tham số “{parameter}” không hợp lệ: {reason}",
  "error.not_found": "Không tìm thấy trang hoặc dữ liệu bạn yêu cầu.",
  "error.database_unavailable":
    "Cơ sở dữ liệu tạm thời không phản hồi. Vui lòng thử lại sau ít phút.",
  "error.data_dir_invalid": "Thư mục dữ liệu không hợp lệ.",
  "error.data_dir_in_use": "Thư mục dữ liệu đang được một tiến trình khác sử dụng.",
  "error.internal": "Đã xảy ra lỗi hệ thống. Lỗi đã được ghi lại; vui lòng thử lại.",
  "reason.date_format": "cần một ngày có thật theo dạng NNNN-TT-NN, ví dụ 2011-07-01",
  "reason.from_after_to": "ngày bắt đầu (from) phải trước hoặc trùng ngày kết thúc (to)",
  "reason.unknown_parameter": "tham số này không được hỗ trợ",
  "reason.unknown_site": "không có địa bàn nào với mã này trong dự án",
  "reason.invalid": "giá trị không hợp lệ",
} as const;

const en: Record<keyof typeof vi, string> = {
  "error.invalid_parameter": "The parameter “{parameter}” is not valid: {reason}",
  "error.not_found": "The page or data you asked for was not found.",
  "error.database_unavailable":
    "The database is not answering right now. Please try again in a few minutes.",
  "error.data_dir_invalid": "The data directory is not valid.",
  "error.data_dir_in_use": "The data directory is in use by another process.",
  "error.internal": "Something went wrong on our side. It has been logged; please try again.",
  "reason.date_format": "expected a real date written YYYY-MM-DD, for example 2011-07-01",
  "reason.from_after_to": "the start date (from) must be on or before the end date (to)",
  "reason.unknown_parameter": "this parameter is not supported",
  "reason.unknown_site": "the project has no site with this code",
  "reason.invalid": "the value is not valid",
};

export const commonMessages: MessageSet<keyof typeof vi> = { vi, en };
