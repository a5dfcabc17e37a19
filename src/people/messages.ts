// Messages of clients' identifying details: why a request to read them was refused.
import type { MessageSet } from "../lib/i18n.js";

const vi = {
  "reason.access_reason_length": "hãy ghi lý do cần xem thông tin này, từ 3 đến 200 ký tự",
} as const;

const en: Record<keyof typeof vi, string> = {
  "reason.access_reason_length": "say why you need these details, in 3 to 200 characters",
};

export const peopleMessages: MessageSet<keyof typeof vi> = { vi, en };
