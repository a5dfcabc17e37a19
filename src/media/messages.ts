// What an image upload can be refused for, in the user's language: the errors of src/media/ and
// the reasons they give, each naming what is wrong and what to do.
import type { MessageSet } from "../lib/i18n.js";

const vi = {
  "error.file_too_large": "Tệp quá lớn: tối đa {max}. Hãy thu nhỏ ảnh hoặc chọn ảnh khác.",
  "error.invalid_image": "Không dùng được ảnh này: {reason}.",
  "reason.image_type":
    "tệp không phải ảnh JPEG, PNG hay WebP (máy chủ xem nội dung tệp, không xem tên tệp); hãy chọn một ảnh dạng đó",
  "reason.image_too_many_pixels":
    "ảnh có {pixels} megapixel, tối đa {max} megapixel; hãy thu nhỏ ảnh rồi tải lên lại",
  "reason.image_unreadable":
    "tệp ảnh bị hỏng hoặc không đọc được; hãy mở và lưu lại ảnh rồi thử lại",
  "reason.file_required": "chưa có tệp ảnh; hãy chọn một ảnh",
  "reason.one_file": "mỗi lần chỉ tải lên một ảnh",
  "reason.multipart_expected":
    "cần gửi dạng multipart/form-data gồm tệp ảnh (file) và mô tả ảnh bằng hai thứ tiếng (alt_vi, alt_en)",
  "reason.alt_vi_required":
    "cần mô tả ảnh bằng tiếng Việt (văn bản thay thế) cho người không xem được ảnh",
  "reason.alt_en_required":
    "cần mô tả ảnh bằng tiếng Anh (văn bản thay thế) cho người không xem được ảnh",
  "reason.alt_too_long": "mô tả ảnh dài quá 300 ký tự; hãy viết ngắn hơn",
} as const;

const en: Record<keyof typeof vi, string> = {
  "error.file_too_large":
    "The file is too large: at most {max}. Make the image smaller or choose another.",
  "error.invalid_image": "This image cannot be used: {reason}.",
  "reason.image_type":
    "the file is not a JPEG, PNG or WebP image (the server reads the file's content, not its name); choose an image of one of those types",
  "reason.image_too_many_pixels":
    "the image has {pixels} megapixels, at most {max} are allowed; make it smaller and upload it again",
  "reason.image_unreadable":
    "the image file is damaged or cannot be read; open and save it again, then retry",
  "reason.file_required": "no image file was sent; choose an image",
  "reason.one_file": "upload one image at a time",
  "reason.multipart_expected":
    "send multipart/form-data holding the image (file) and its description in both languages (alt_vi, alt_en)",
  "reason.alt_vi_required":
    "a description of the image in Vietnamese (alt text) is needed for people who cannot see it",
  "reason.alt_en_required":
    "a description of the image in English (alt text) is needed for people who cannot see it",
  "reason.alt_too_long": "the description is longer than 300 characters; make it shorter",
};

export const mediaMessages: MessageSet<keyof typeof vi> = { vi, en };
