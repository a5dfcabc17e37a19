// Messages of the audit log: why a request to read it was refused.
import type { MessageSet } from "../lib/i18n.js";

const vi = {
  "reason.audit_date_range": "ngày cần nằm trong khoảng từ 2000-01-01 đến 2099-12-31",
  "reason.audit_action": "không có loại việc nào với tên này trong nhật ký",
  "reason.audit_target_type": "không có loại đối tượng nào với tên này trong nhật ký",
} as const;

const en: Record<keyof typeof vi, string> = {
  "reason.audit_date_range": "the date must be between 2000-01-01 and 2099-12-31",
  "reason.audit_action": "the log has no kind of action with this name",
  "reason.audit_target_type": "the log has no kind of target with this name",
};

export const auditMessages: MessageSet<keyof typeof vi> = { vi, en };
