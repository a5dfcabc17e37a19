// Words of the spreadsheet and CSV reports: sheet names, column headers, the cover's facts, and the
// notes that explain withheld and missing figures. Indicator, dimension and category names come
// from src/indicators/messages.ts.
import type { MessageSet } from "../../lib/i18n.js";

const vi = {
  "cli.export.required": "cần {option}",
  "cli.export.one_site": "chỉ được một --site (hoặc không có, để lấy mọi địa bàn)",
  "cli.export.lang": "--lang phải là vi hoặc en, không phải “{lang}”",
  "cli.export.sites": "địa bàn {sites}",
  "cli.export.withheld": "ẩn các số dưới {threshold}",
  "cli.export.wrote": "đã ghi {file} ({what})",
  "spreadsheet.sheet.summary": "Tổng quan",
  "spreadsheet.title": "Báo cáo chỉ số: {project}",
  "spreadsheet.fact.project": "Dự án",
  "spreadsheet.fact.period": "Kỳ báo cáo",
  "spreadsheet.fact.scope": "Phạm vi",
  "spreadsheet.fact.generated_at": "Thời điểm tạo",
  "spreadsheet.fact.small_figures": "Số liệu nhỏ",
  "spreadsheet.scope.all_sites": "Tất cả các địa bàn của dự án: {sites}",
  "spreadsheet.scope.sites": "Địa bàn: {sites}",
  "spreadsheet.scope.commune": "{sites}; chỉ xã, phường {commune}",
  "spreadsheet.small_figures.withheld":
    "Được ẩn: số liệu về khách hàng từ 1 đến {max} ghi là <{threshold}; một số ô khác cũng được ẩn để không thể suy ra chúng",
  "spreadsheet.small_figures.shown":
    "Được hiển thị đầy đủ: đây là báo cáo nội bộ, không được công bố",
  "spreadsheet.column.indicator_id": "Mã chỉ số",
  "spreadsheet.column.indicator": "Chỉ số",
  "spreadsheet.column.unit": "Đơn vị",
  "spreadsheet.column.total": "Tổng",
  "spreadsheet.column.target": "Chỉ tiêu",
  "spreadsheet.column.achievement": "Đạt so với chỉ tiêu",
  "spreadsheet.column.disaggregation": "Phân tổ",
  "spreadsheet.column.dimension": "Tiêu chí {n}",
  "spreadsheet.column.category_code": "Mã nhóm {n}",
  "spreadsheet.column.category": "Nhóm {n}",
  "spreadsheet.column.value": "Giá trị",
  "spreadsheet.column.withheld": "Lý do ẩn",
  "spreadsheet.unit.people": "người",
  "spreadsheet.unit.events": "lượt",
  "spreadsheet.unit.items": "vật phẩm",
  "spreadsheet.unit.communes": "xã, phường",
  "spreadsheet.unit.ratio": "tỷ lệ",
  "spreadsheet.mark.withheld": "ẩn",
  "spreadsheet.mark.not_computed": "–",
  "spreadsheet.note.small":
    "Dưới {threshold}: số liệu nhỏ về khách hàng không được công bố, để không ai bị nhận ra.",
  "spreadsheet.note.complementary": "Được ẩn để không thể suy ra một số liệu nhỏ bằng phép trừ.",
  "spreadsheet.note.total_withheld": "Tổng của chỉ số này được ẩn, nên mọi ô của nó cũng được ẩn.",
  "spreadsheet.note.unpublished":
    "Không công bố theo quý: số người chỉ được đếm cho cả dự án, mỗi người một lần.",
  "spreadsheet.note.ratio": "Được ẩn vì số bị chia hoặc số chia của tỷ lệ này được ẩn.",
  "spreadsheet.footnote.withheld":
    "<{threshold}: từ 1 đến {max} khách hàng, không công bố. “ẩn”: được ẩn để bảo vệ một số liệu nhỏ.",
  "spreadsheet.footnote.not_computed":
    "–: không tính được (chưa có ước tính, hoặc không có gì để chia).",
  "spreadsheet.footnote.overlap":
    "Một người được tiếp cận ở nhiều địa bàn, xã hoặc tháng được đếm ở mỗi ô đó nhưng chỉ một lần trong tổng.",
  "spreadsheet.footnote.age": "Tuổi = năm cung cấp dịch vụ − năm sinh.",
  "spreadsheet.footnote.targets": "Chỉ tiêu: tổng các chỉ tiêu có kỳ nằm trọn trong kỳ báo cáo.",
  "spreadsheet.file_prefix": "bao-cao",
} as const;

const en: Record<keyof typeof vi, string> = {
  "cli.export.required": "{option} is required",
  "cli.export.one_site": "give at most one --site (or none for every site)",
  "cli.export.lang": "--lang must be vi or en, not “{lang}”",
  "cli.export.sites": "sites {sites}",
  "cli.export.withheld": "figures under {threshold} withheld",
  "cli.export.wrote": "wrote {file} ({what})",
  "spreadsheet.sheet.summary": "Summary",
  "spreadsheet.title": "Indicator report: {project}",
  "spreadsheet.fact.project": "Project",
  "spreadsheet.fact.period": "Reporting period",
  "spreadsheet.fact.scope": "Scope",
  "spreadsheet.fact.generated_at": "Generated",
  "spreadsheet.fact.small_figures": "Small figures",
  "spreadsheet.scope.all_sites": "All the project’s sites: {sites}",
  "spreadsheet.scope.sites": "Sites: {sites}",
  "spreadsheet.scope.commune": "{sites}; commune {commune} only",
  "spreadsheet.small_figures.withheld":
    "Withheld: figures about clients from 1 to {max} are written <{threshold}; some other cells are withheld too, so they cannot be worked out",
  "spreadsheet.small_figures.shown":
    "Shown in full: this is an internal report, not for publication",
  "spreadsheet.column.indicator_id": "Indicator id",
  "spreadsheet.column.indicator": "Indicator",
  "spreadsheet.column.unit": "Unit",
  "spreadsheet.column.total": "Total",
  "spreadsheet.column.target": "Target",
  "spreadsheet.column.achievement": "Achievement",
  "spreadsheet.column.disaggregation": "Disaggregation",
  "spreadsheet.column.dimension": "Dimension {n}",
  "spreadsheet.column.category_code": "Category code {n}",
  "spreadsheet.column.category": "Category {n}",
  "spreadsheet.column.value": "Value",
  "spreadsheet.column.withheld": "Withheld",
  "spreadsheet.unit.people": "people",
  "spreadsheet.unit.events": "events",
  "spreadsheet.unit.items": "items",
  "spreadsheet.unit.communes": "communes",
  "spreadsheet.unit.ratio": "ratio",
  "spreadsheet.mark.withheld": "withheld",
  "spreadsheet.mark.not_computed": "–",
  "spreadsheet.note.small":
    "Fewer than {threshold}: small figures about clients are not published, so that no one can be recognised.",
  "spreadsheet.note.complementary":
    "Withheld so that a small figure cannot be worked out by subtraction.",
  "spreadsheet.note.total_withheld":
    "This indicator’s total is withheld, so all its cells are withheld too.",
  "spreadsheet.note.unpublished":
    "Not published by quarter: people are counted for the whole project, each person once.",
  "spreadsheet.note.ratio": "Withheld because a part of this ratio is withheld.",
  "spreadsheet.footnote.withheld":
    "<{threshold}: 1 to {max} clients, not published. “withheld”: hidden to protect a small figure.",
  "spreadsheet.footnote.not_computed":
    "–: cannot be computed (no estimate yet, or nothing to divide by).",
  "spreadsheet.footnote.overlap":
    "A person reached at several sites, communes or months counts in each of those cells but once in the total.",
  "spreadsheet.footnote.age": "Age = year of service − year of birth.",
  "spreadsheet.footnote.targets":
    "Targets: the sum of the targets whose period lies wholly within the reporting period.",
  "spreadsheet.file_prefix": "report",
};

export const spreadsheetMessages: MessageSet<keyof typeof vi> = { vi, en };
