// Messages of people: why a request to read a client's details, or to check a UIC, was refused.
import type { MessageSet } from "../lib/i18n.js";

const vi = {
  "reason.access_reason_length": "hãy ghi lý do cần xem thông tin này, từ 3 đến 200 ký tự",
  "reason.uic": "mã UIC chỉ gồm 4–20 chữ cái không dấu và chữ số",
  "reason.sex": "giới tính phải là female, male hoặc other",
  "reason.birth_year": "năm sinh phải là một năm từ 1900 đến năm nay",
} as const;

const en: Record<keyof typeof vi, string> = {
  "reason.access_reason_length": "say why you need these details, in 3 to 200 characters",
  "reason.uic": "a UIC is 4–20 plain letters and digits",
  "reason.sex": "the sex must be female, male or other",
  "reason.birth_year": "the birth year must be a year from 1900 to this one",
};

export const peopleMessages: MessageSet<keyof typeof vi> = { vi, en };
