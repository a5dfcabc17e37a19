// Messages of the ledger, in Vietnamese and English (reason keys, said inside an error).
import type { MessageSet } from "../lib/i18n.js";

const vi = {
  "reason.already_reversed": "bút toán này đã được đảo hoặc chính nó là một bút toán đảo",
  "reason.insufficient_funds":
    "quỹ đã chọn chỉ còn {balance, number} đồng vào ngày {date}, không đủ cho {amount, number} đồng",
  "reason.idempotency_key_reused":
    "khoá yêu cầu này đã được dùng cho một bút toán khác; hãy dùng khoá mới cho bút toán mới",
  "reason.not_reversible": "chỉ đảo được phân bổ và chi phí; khoản ủng hộ sửa qua sao kê",
  "reason.idempotency_key":
    "cần một khoá yêu cầu từ 8 đến 80 ký tự (chữ không dấu, số, - hoặc _), mới cho mỗi bút toán",
  "reason.future_date": "ngày này chưa đến; hãy ghi ngày đã diễn ra",
  "reason.memo_too_long": "diễn giải tối đa 500 ký tự",
} as const;

const en: Record<keyof typeof vi, string> = {
  "reason.already_reversed": "this transaction has already been reversed, or is itself a reversal",
  "reason.insufficient_funds":
    "the chosen fund holds only {balance, number} đồng on {date}, not enough for {amount, number} đồng",
  "reason.idempotency_key_reused":
    "this request key was used for another posting; use a new key for a new posting",
  "reason.not_reversible":
    "only allocations and expenses can be reversed; gifts are put right through the bank's lines",
  "reason.idempotency_key":
    "expected a request key of 8 to 80 characters (letters, digits, - or _), new for each posting",
  "reason.future_date": "this date has not come yet; give the date it happened",
  "reason.memo_too_long": "the description can be at most 500 characters",
};

export const ledgerMessages: MessageSet<keyof typeof vi> = { vi, en };
