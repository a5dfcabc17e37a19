// Why a search was refused: reasons of an `invalid_parameter` error, in the visitor's language.
import type { MessageSet } from "../lib/i18n.js";

const vi = {
  "reason.search_query_too_long": "từ khóa tìm kiếm dài tối đa {max, number} ký tự",
  "reason.search_too_many_words": "tìm tối đa {max, number} từ một lần; hãy bớt vài từ",
  "reason.search_page": "cần một số trang từ 1 đến {max, number}",
} as const;

const en: Record<keyof typeof vi, string> = {
  "reason.search_query_too_long": "a search may be at most {max, number} characters long",
  "reason.search_too_many_words": "a search may have at most {max, number} words; leave a few out",
  "reason.search_page": "expected a page number from 1 to {max, number}",
};

export const searchMessages: MessageSet<keyof typeof vi> = { vi, en };
