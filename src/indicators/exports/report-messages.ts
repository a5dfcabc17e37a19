// Words of the PDF project report: its facts, tables, charts, notes, running header and footer, and
// why a PDF could not be made. Section headings and the results' sentences are the project page's
// (src/site/messages.ts); indicator names are src/indicators/messages.ts.
import type { MessageSet } from "../../lib/i18n.js";

const vi = {
  "report.title": "Báo cáo dự án",
  "report.fact.period": "Kỳ báo cáo",
  "report.fact.scope": "Phạm vi",
  "report.fact.figures": "Số liệu",
  "report.fact.prepared": "Ngày lập",
  "report.scope.all_sites": "Tất cả các địa bàn: {sites}",
  "report.scope.all_sites_together": "Tất cả các địa bàn, số liệu chung (không chia theo địa bàn)",
  "report.scope.sites": "{sites}",
  "report.figures.public":
    "Bản công bố: số liệu về dưới {threshold} khách hàng được ẩn (ghi là <{threshold})",
  "report.figures.internal": "Bản nội bộ: số liệu đầy đủ, không dùng để công bố",
  "report.results.table": "Các chỉ số chính",
  "report.results.by_site": "Các chỉ số theo địa bàn",
  "report.results.monthly": "Diễn biến theo tháng",
  "report.results.monthly_table": "Số liệu theo tháng",
  "report.column.indicator": "Chỉ số",
  "report.column.total": "Tổng cộng",
  "report.column.target": "Chỉ tiêu",
  "report.column.achievement": "Đạt so với chỉ tiêu",
  "report.group.reach": "Tiếp cận",
  "report.group.groups": "Sinh hoạt nhóm",
  "report.group.services": "Chuyển gửi dịch vụ",
  "report.group.testing": "Xét nghiệm và điều trị",
  "report.group.commodities": "Vật phẩm",
  "report.group.capacity": "Nâng cao năng lực",
  "report.group.area": "Địa bàn",
  "report.group.donor": "Chỉ số theo chuẩn của nhà tài trợ",
  "report.site_target": "chỉ tiêu {target} · đạt {achievement}",
  "report.mark.withheld": "ẩn",
  "report.mark.not_computed": "—",
  "report.chart.reach": "Khách hàng được tiếp cận và lượt tiếp cận theo tháng",
  "report.chart.services": "Lượt sinh hoạt nhóm và lượt đi xét nghiệm HIV theo tháng",
  "report.chart.condoms": "Bao cao su được phát ra theo tháng",
  "report.chart.sites": "Khách hàng được tiếp cận so với ước tính số đối tượng đích, theo địa bàn",
  "report.chart.withheld":
    "Chuỗi số liệu có tháng hoặc địa bàn bị ẩn (<{threshold}) không được vẽ; số liệu của nó có trong bảng.",
  "report.note.withheld":
    "<{threshold}: từ 1 đến {max} khách hàng, không công bố để không ai bị nhận ra. “ẩn”: được ẩn để không thể suy ra một số liệu nhỏ bằng phép trừ.",
  "report.note.not_computed": "—: không tính được (chưa có ước tính, hoặc không có gì để chia).",
  "report.note.unique":
    "Một khách hàng được tiếp cận ở nhiều địa bàn hoặc trong nhiều tháng được tính ở mỗi cột đó nhưng chỉ một lần trong tổng cộng.",
  "report.note.targets":
    "Chỉ tiêu: tổng các chỉ tiêu có kỳ nằm trọn trong kỳ báo cáo; mức đạt là số liệu chia cho chỉ tiêu.",
  "report.note.source":
    "Số liệu được tính trực tiếp từ dữ liệu ghi nhận của dự án trên Peerlink vào {date}.",
  "report.section.sponsors": "Nhà tài trợ và đối tác",
  "report.sponsors.sponsor": "Nhà tài trợ",
  "report.sponsors.partner": "Đối tác",
  "report.footer.page": "Trang {page}/{pages}",
  "report.file_public": "cong-bo",
  "exports.note.laying_out": "Đang dàn trang báo cáo",
  "exports.note.printing": "Đang in tệp PDF",
  "exports.error.chromium_missing":
    "Máy chủ chưa có trình duyệt Chromium, cần để in tệp PDF. Hãy báo quản trị viên cài Chromium (apt-get install chromium), hoặc tải báo cáo dạng bảng tính.",
  "reason.chromium_missing":
    "tạo tệp PDF cần trình duyệt Chromium — cài bằng lệnh apt-get install chromium, hoặc đặt biến môi trường CHROMIUM_PATH là đường dẫn tới Chromium",
} as const;

const en: Record<keyof typeof vi, string> = {
  "report.title": "Project report",
  "report.fact.period": "Reporting period",
  "report.fact.scope": "Scope",
  "report.fact.figures": "Figures",
  "report.fact.prepared": "Prepared on",
  "report.scope.all_sites": "All sites: {sites}",
  "report.scope.all_sites_together": "All sites, together (not site by site)",
  "report.scope.sites": "{sites}",
  "report.figures.public":
    "Public version: figures about fewer than {threshold} clients are withheld (written <{threshold})",
  "report.figures.internal": "Internal version: full figures, not for publication",
  "report.results.table": "Headline figures",
  "report.results.by_site": "Figures by site",
  "report.results.monthly": "Monthly trends",
  "report.results.monthly_table": "Figures by month",
  "report.column.indicator": "Indicator",
  "report.column.total": "Total",
  "report.column.target": "Target",
  "report.column.achievement": "Achievement",
  "report.group.reach": "Reach",
  "report.group.groups": "Group meetings",
  "report.group.services": "Referrals to services",
  "report.group.testing": "Testing and treatment",
  "report.group.commodities": "Commodities",
  "report.group.capacity": "Capacity building",
  "report.group.area": "Area",
  "report.group.donor": "Donor-standard indicators",
  "report.site_target": "target {target} · {achievement} achieved",
  "report.mark.withheld": "withheld",
  "report.mark.not_computed": "—",
  "report.chart.reach": "People reached and contacts by month",
  "report.chart.services": "Group meeting attendances and HIV test visits by month",
  "report.chart.condoms": "Condoms distributed by month",
  "report.chart.sites": "People reached against the target population estimate, by site",
  "report.chart.withheld":
    "A series with a withheld month or site (<{threshold}) is not drawn; its figures are in the table.",
  "report.note.withheld":
    "<{threshold}: 1 to {max} clients, not published so that no one can be recognised. “withheld”: hidden so that a small figure cannot be worked out by subtraction.",
  "report.note.not_computed": "—: cannot be computed (no estimate yet, or nothing to divide by).",
  "report.note.unique":
    "A client reached at several sites or in several months counts in each of those columns but once in the total.",
  "report.note.targets":
    "Targets: the sum of the targets whose period lies wholly within the reporting period; achievement is the figure divided by the target.",
  "report.note.source":
    "Figures computed directly from the project's records in Peerlink on {date}.",
  "report.section.sponsors": "Sponsors and partners",
  "report.sponsors.sponsor": "Sponsor",
  "report.sponsors.partner": "Partner",
  "report.footer.page": "Page {page} of {pages}",
  "report.file_public": "public",
  "exports.note.laying_out": "Laying out the report",
  "exports.note.printing": "Printing the PDF",
  "exports.error.chromium_missing":
    "The server has no Chromium browser, which printing a PDF needs. Ask an administrator to install Chromium (apt-get install chromium), or download the spreadsheet report instead.",
  "reason.chromium_missing":
    "making a PDF needs the Chromium browser — install it with apt-get install chromium, or set the CHROMIUM_PATH environment variable to Chromium's path",
};

export const reportMessages: MessageSet<keyof typeof vi> = { vi, en };
