// Messages of the content API: why an item could not be saved or published, in Vietnamese and
// English (reason keys, said inside `error.invalid_parameter`).
import type { MessageSet } from "../lib/i18n.js";

const vi = {
  "reason.slug_format":
    "cần chữ thường không dấu, chữ số và dấu gạch ngang giữa các từ, tối đa 120 ký tự (ví dụ dien-bien)",
  "reason.slug_taken":
    "đường dẫn này đã được một mục khác cùng loại sử dụng; hãy chọn đường dẫn khác",
  "reason.moment_format":
    "cần một thời điểm có thật theo dạng ISO 8601 kèm múi giờ, ví dụ 2011-08-15T08:00:00+07:00",
  "reason.website_format": "cần một địa chỉ trang web bắt đầu bằng http:// hoặc https://",
  "reason.field_too_long": "quá dài so với giới hạn của trường này",
  "reason.body_too_long": "quá dài: nội dung tối đa 100.000 ký tự cho mỗi ngôn ngữ",
  "reason.section_too_long": "quá dài: mỗi phần tối đa 20.000 ký tự cho mỗi ngôn ngữ",
  "reason.narrative_exists": "dự án này đã có một bài giới thiệu; hãy sửa bài đó",
  "reason.ends_before_starts": "thời điểm kết thúc phải sau thời điểm bắt đầu",
  "reason.required_to_publish": "cần điền trước khi đăng",
  "reason.image_alt_missing":
    "có ảnh chưa có lời mô tả cho người không xem được ảnh; hãy viết mô tả trong ![mô tả](…)",
  "reason.not_in_future": "thời điểm hẹn đăng phải ở tương lai",
} as const;

const en: Record<keyof typeof vi, string> = {
  "reason.slug_format":
    "use lower-case letters without accents, digits and hyphens between words, at most 120 characters (for example dien-bien)",
  "reason.slug_taken": "another item of the same kind already uses this address; choose another",
  "reason.moment_format":
    "expected a real moment in ISO 8601 with its time zone, for example 2011-08-15T08:00:00+07:00",
  "reason.website_format": "expected a website address starting with http:// or https://",
  "reason.field_too_long": "it is longer than this field allows",
  "reason.body_too_long": "it is too long: at most 100,000 characters in each language",
  "reason.section_too_long":
    "it is too long: at most 20,000 characters per section in each language",
  "reason.narrative_exists": "this project already has a narrative; edit that one",
  "reason.ends_before_starts": "the end must come after the start",
  "reason.required_to_publish": "it must be filled in before publishing",
  "reason.image_alt_missing":
    "an image has no description for people who cannot see it; write one in ![description](…)",
  "reason.not_in_future": "the moment to publish must be in the future",
};

export const contentMessages: MessageSet<keyof typeof vi> = { vi, en };
