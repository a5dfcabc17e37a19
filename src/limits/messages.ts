// Why a request asked for more than the limits allow (src/limits/limits.ts): reasons of an
// `invalid_parameter` error, with the limit in the user's language.
import type { MessageSet } from "../lib/i18n.js";

const vi = {
  "reason.date_range": "cần một ngày từ {min} đến {max}",
  "reason.period_too_long":
    "khoảng thời gian dài nhất là {months} tháng ({years} năm); hãy chọn khoảng ngắn hơn",
  "reason.too_many_disaggregations": "tối đa {max} cách phân tổ trong một yêu cầu",
  "reason.too_many_cells":
    "các cách phân tổ này cho khoảng {cells, number} ô số liệu, vượt giới hạn {max, number} ô; hãy chọn khoảng thời gian ngắn hơn, ít địa bàn hơn hoặc ít cách phân tổ hơn",
} as const;

const en: Record<keyof typeof vi, string> = {
  "reason.date_range": "expected a date from {min} to {max}",
  "reason.period_too_long":
    "a period may be at most {months} months ({years} years) long; choose a shorter one",
  "reason.too_many_disaggregations": "at most {max} breakdowns in one request",
  "reason.too_many_cells":
    "these breakdowns would give about {cells, number} figures, more than the limit of {max, number}; choose a shorter period, fewer sites or fewer breakdowns",
};

export const limitMessages: MessageSet<keyof typeof vi> = { vi, en };
