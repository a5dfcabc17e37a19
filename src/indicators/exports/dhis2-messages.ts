// Messages of the DHIS2 exports: why a period is refused, and why an export failed (the export's
// page shows `exports.error.<code>`; the details go to the log for the administrator).
import type { MessageSet } from "../../lib/i18n.js";

const vi = {
  "reason.dhis2_period":
    "DHIS2 chỉ nhận số liệu theo tháng, quý hoặc năm: hãy chọn một tháng (2011-07), một quý (2011Q3) hoặc một năm (2011), không chọn khoảng ngày tùy ý",
  "reason.dhis2_period_type":
    "bộ dữ liệu DHIS2 của dự án nhận số liệu theo kỳ dài hơn kỳ này (xem cấu hình ánh xạ): hãy chọn một kỳ dài hơn",
  "exports.error.dhis2_period":
    "DHIS2 chỉ nhận số liệu theo tháng, quý hoặc năm. Hãy yêu cầu lại với một tháng, một quý hoặc một năm.",
  "exports.error.dhis2_period_type":
    "Kỳ đã chọn ngắn hơn kỳ báo cáo của bộ dữ liệu DHIS2 của dự án. Hãy yêu cầu lại với một kỳ dài hơn.",
  "exports.error.dhis2_mapping_missing":
    "Dự án này chưa có cấu hình ánh xạ sang DHIS2. Hãy báo quản trị viên tạo cấu hình (xem docs/dhis2.md).",
  "exports.error.dhis2_mapping_invalid":
    "Cấu hình ánh xạ sang DHIS2 của dự án có lỗi. Chi tiết đã được ghi vào nhật ký; hãy báo quản trị viên sửa cấu hình.",
  "exports.error.dhis2_unmapped_site":
    "Có địa bàn chưa được gán đơn vị DHIS2 trong cấu hình ánh xạ. Hãy báo quản trị viên bổ sung cấu hình.",
  "exports.error.dhis2_unmapped_values":
    "Một số số liệu không có chỗ trong cấu hình ánh xạ DHIS2 nên tệp sẽ thiếu số. Chi tiết đã được ghi vào nhật ký; hãy báo quản trị viên.",
  "exports.error.dhis2_nothing_to_send":
    "Không có số liệu nào để gửi: mọi số đều bằng 0 và cấu hình không gửi số 0.",
} as const;

const en: Record<keyof typeof vi, string> = {
  "reason.dhis2_period":
    "DHIS2 takes figures by month, quarter or year only: choose a month (2011-07), a quarter (2011Q3) or a year (2011), not a range of dates",
  "reason.dhis2_period_type":
    "the project's DHIS2 data set takes figures for longer periods than this one (see its mapping): choose a longer period",
  "exports.error.dhis2_period":
    "DHIS2 takes figures by month, quarter or year only. Ask again for a month, a quarter or a year.",
  "exports.error.dhis2_period_type":
    "The period chosen is shorter than the period type of the project's DHIS2 data set. Ask again for a longer period.",
  "exports.error.dhis2_mapping_missing":
    "This project has no DHIS2 mapping yet. Ask an administrator to add one (see docs/dhis2.md).",
  "exports.error.dhis2_mapping_invalid":
    "The project's DHIS2 mapping has errors. The details are in the log; ask an administrator to correct the mapping.",
  "exports.error.dhis2_unmapped_site":
    "A site has no DHIS2 org unit in the mapping. Ask an administrator to add it to the mapping.",
  "exports.error.dhis2_unmapped_values":
    "Some figures have no place in the DHIS2 mapping, so the file would be short. The details are in the log; tell an administrator.",
  "exports.error.dhis2_nothing_to_send":
    "There is nothing to send: every figure is zero and the mapping does not send zeros.",
};

export const dhis2Messages: MessageSet<keyof typeof vi> = { vi, en };
