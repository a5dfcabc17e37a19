// Messages of the public website, in ICU syntax. Values that may be withheld ("dưới 5") arrive as
// formatted strings; counts that are never withheld arrive as numbers and are formatted here
// (`{n, number}`, or `#` inside a plural), so each language writes its own thousands separator.
import type { MessageSet } from "../lib/i18n.js";

const vi = {
  "site.title": "{page} — {organisation}",
  "site.skip_link": "Chuyển đến nội dung chính",
  "site.nav.label": "Điều hướng chính",
  "site.nav.home": "Trang chủ",
  "site.nav.projects": "Dự án",
  "site.nav.news": "Tin tức",
  "site.nav.activities": "Hoạt động",
  "site.nav.sponsors": "Nhà tài trợ",
  "site.language.name": "Tiếng Việt",
  "site.language.switch": "Xem trang này bằng tiếng Việt",
  "site.footer.software":
    "Trang web chạy trên Peerlink, phần mềm nguồn mở cho các chương trình dự phòng HIV dựa vào cộng đồng.",

  "site.date.month": "tháng {month}",
  "site.date.long": "ngày {day} {month} năm {year}",
  "site.period.month": "{month}/{year}",
  "site.period.months": "{from} – {to}/{year}",
  "site.period.months_years": "{from}/{fromYear} – {to}/{toYear}",
  "site.period.dates": "từ {from} đến {to}",

  "site.date.moment": "{time}, {date}",
  "site.content.fallback": "Phần này chưa có bản tiếng Việt; dưới đây là bản tiếng Anh.",
  "site.content.demo": "Dữ liệu minh họa",
  "site.content.demo_title": "Nội dung minh họa của bộ dữ liệu mẫu, không phải tin thật.",
  "site.content.preview":
    "Bản xem trước: trang này chưa được công bố và chỉ người biên tập xem được.",
  "site.content.published": "Ngày đăng",
  "site.content.when": "Thời gian",
  "site.content.place": "Địa điểm",
  "site.content.project": "Dự án",
  "site.content.read_more": "Đọc tiếp: {title}",
  "site.content.page_of": "Trang {page, number}/{pages, number}",
  "site.content.previous": "Trang trước",
  "site.content.next": "Trang sau",
  "site.content.pages_label": "Các trang của danh sách",
  "site.news.title": "Tin tức",
  "site.news.description": "Tin tức về các dự án và hoạt động của chúng tôi.",
  "site.news.of_project": "Tin tức về dự án {project}",
  "site.news.all": "Xem tất cả tin tức",
  "site.news.none": "Chưa có tin nào được đăng.",
  "site.activities.title": "Hoạt động",
  "site.activities.description": "Các hoạt động sắp diễn ra và đã diễn ra của chúng tôi.",
  "site.activities.upcoming": "Sắp diễn ra",
  "site.activities.past": "Đã diễn ra",
  "site.activities.none_upcoming": "Hiện chưa có hoạt động nào sắp diễn ra.",
  "site.activities.none_past": "Chưa có hoạt động nào đã diễn ra.",

  "site.home.title_fallback": "Các dự án cộng đồng",
  "site.home.projects": "Dự án",
  "site.home.no_projects": "Chưa có dự án nào được công bố.",
  "site.home.supporters": "Nhà tài trợ và đối tác",
  "site.home.supporters_link": "Các nhà tài trợ và dự án được tài trợ",

  "site.project.funded_by": "Đơn vị tài trợ",
  "site.project.partners": "Đơn vị phối hợp",
  "site.project.period": "Thời gian",
  "site.project.published": "Ngày đăng",
  "site.project.section.background": "Bối cảnh",
  "site.project.section.objectives": "Mục tiêu",
  "site.project.section.target_populations": "Đối tượng đích",
  "site.project.section.locations": "Địa bàn thực hiện",
  "site.project.section.results": "Kết quả đạt được",
  "site.project.section.enablers": "Thuận lợi",
  "site.project.section.difficulties": "Khó khăn",
  "site.project.section.lessons": "Bài học kinh nghiệm",
  "site.project.section.recommendations": "Kiến nghị",
  "site.results.none_yet":
    "Số liệu của dự án được công bố theo quý: kết quả đầu tiên có khi quý đầu tiên của dự án kết thúc.",
  "site.results.intro":
    "Số liệu của giai đoạn {period}, được tính trực tiếp từ dữ liệu ghi nhận hằng ngày của dự án.",
  "site.results.people_reached":
    "Số khách hàng được tiếp cận: {people} người (với {contacts} lượt tiếp cận)",
  "site.results.group_meetings":
    "Số lượt khách hàng đến sinh hoạt nhóm: {attendances} lượt (với {sessions, number} buổi)",
  "site.results.hiv_tests": "Số lượt khách hàng đi xét nghiệm HIV (VCT): {visits} lượt",
  "site.results.condoms": "Số bao cao su được phát ra: {condoms, number} chiếc",
  "site.results.trainings":
    "Tổ chức {trainings, number} khóa tập huấn cho đội ngũ thực hiện can thiệp ({trained, number} người)",
  "site.results.coaching_each_site":
    "Tổ chức {rounds, number} đợt đào tạo cầm tay chỉ việc tại mỗi địa bàn (cả {sites, number} địa bàn)",
  "site.results.coaching":
    "Tổ chức {rounds, number} đợt đào tạo cầm tay chỉ việc tại {sites, number} địa bàn",
  "site.results.coaching_total": "Tổ chức {rounds, number} đợt đào tạo cầm tay chỉ việc",
  "site.results.fewer_than": "dưới {threshold}",
  "site.results.withheld_cell": "<{threshold}",
  "site.results.not_published": "(không công bố)",
  "site.results.protecting_cell": "×",
  "site.results.no_estimate": "—",
  "site.results.table_caption": "Kết quả theo địa bàn, {period}",
  "site.results.column.site": "Địa bàn",
  "site.results.column.communes": "Xã, phường được bao phủ",
  "site.results.column.people_reached": "Khách hàng được tiếp cận",
  "site.results.column.estimate": "Ước tính số đối tượng đích",
  "site.results.column.reach": "Tỷ lệ tiếp cận",
  "site.results.total": "Tổng cộng",
  "site.results.note.total":
    "Trong dòng tổng cộng, một khách hàng được tiếp cận ở nhiều địa bàn chỉ được tính một lần.",
  "site.results.note.withheld":
    "<{threshold}: số liệu về khách hàng dưới {threshold} người không được công bố để bảo vệ danh tính của họ; khi đó tỷ lệ tiếp cận chỉ ghi mức tối đa có thể.",
  "site.results.note.protecting":
    "×: số liệu không được công bố, dù không nhỏ, vì từ nó và số tổng có thể suy ra một số dưới {threshold}.",
  "site.results.note.no_estimate": "—: địa bàn chưa có ước tính số đối tượng đích.",
  "site.results.note.illustrative":
    "* Số liệu minh họa (dữ liệu mẫu): báo cáo gốc của dự án chỉ công bố các số liệu tổng; số khách hàng được tiếp cận theo từng địa bàn và tỷ lệ tiếp cận được tính từ dữ liệu mẫu.",

  "site.sponsors.title": "Nhà tài trợ và đối tác",
  "site.sponsors.description": "Các tổ chức tài trợ và phối hợp thực hiện các dự án của chúng tôi.",
  "site.sponsors.sponsors": "Nhà tài trợ",
  "site.sponsors.partners": "Đối tác",
  "site.sponsors.funded": "Dự án được tài trợ",
  "site.sponsors.none": "Chưa có thông tin về nhà tài trợ.",
  "site.sponsors.website": "Trang web của {name}",

  "site.not_found.title": "Không tìm thấy trang",
  "site.not_found.body": "Trang bạn tìm không tồn tại hoặc đã được chuyển sang địa chỉ khác.",
  "site.error.title": "Đã xảy ra lỗi",
  "site.error.body":
    "Xin lỗi, chúng tôi chưa hiển thị được trang này. Vui lòng thử lại sau ít phút.",
  "site.error.home_link": "Về trang chủ",
} as const;

const en: Record<keyof typeof vi, string> = {
  "site.title": "{page} — {organisation}",
  "site.skip_link": "Skip to main content",
  "site.nav.label": "Main navigation",
  "site.nav.home": "Home",
  "site.nav.projects": "Projects",
  "site.nav.news": "News",
  "site.nav.activities": "Activities",
  "site.nav.sponsors": "Sponsors",
  "site.language.name": "English",
  "site.language.switch": "Read this page in English",
  "site.footer.software":
    "This website runs on Peerlink, open-source software for community HIV prevention programmes.",

  "site.date.month":
    "{month, plural, =1 {January} =2 {February} =3 {March} =4 {April} =5 {May} =6 {June} =7 {July} =8 {August} =9 {September} =10 {October} =11 {November} =12 {December} other {#}}",
  "site.date.long": "{day} {month} {year}",
  "site.period.month": "{month} {year}",
  "site.period.months": "{from} – {to} {year}",
  "site.period.months_years": "{from} {fromYear} – {to} {toYear}",
  "site.period.dates": "{from} – {to}",

  "site.date.moment": "{date}, {time}",
  "site.content.fallback":
    "This part has not been translated into English yet; it is shown in Vietnamese.",
  "site.content.demo": "Demo content",
  "site.content.demo_title": "Illustrative content of the demo data set, not real news.",
  "site.content.preview": "Preview: this page is not published yet and only editors can see it.",
  "site.content.published": "Published",
  "site.content.when": "When",
  "site.content.place": "Where",
  "site.content.project": "Project",
  "site.content.read_more": "Read more: {title}",
  "site.content.page_of": "Page {page, number} of {pages, number}",
  "site.content.previous": "Previous page",
  "site.content.next": "Next page",
  "site.content.pages_label": "Pages of the list",
  "site.news.title": "News",
  "site.news.description": "News of our projects and our work.",
  "site.news.of_project": "News of the project {project}",
  "site.news.all": "See all news",
  "site.news.none": "No news has been published yet.",
  "site.activities.title": "Activities",
  "site.activities.description": "Our coming and past activities.",
  "site.activities.upcoming": "Coming up",
  "site.activities.past": "Past activities",
  "site.activities.none_upcoming": "No activities are coming up at the moment.",
  "site.activities.none_past": "No past activities yet.",

  "site.home.title_fallback": "Community projects",
  "site.home.projects": "Projects",
  "site.home.no_projects": "No projects have been published yet.",
  "site.home.supporters": "Sponsors and partners",
  "site.home.supporters_link": "Our sponsors and the projects they fund",

  "site.project.funded_by": "Funded by",
  "site.project.partners": "In partnership with",
  "site.project.period": "Period",
  "site.project.published": "Published",
  "site.project.section.background": "Background",
  "site.project.section.objectives": "Objectives",
  "site.project.section.target_populations": "Target populations",
  "site.project.section.locations": "Locations",
  "site.project.section.results": "Results",
  "site.project.section.enablers": "Enablers",
  "site.project.section.difficulties": "Difficulties",
  "site.project.section.lessons": "Lessons learnt",
  "site.project.section.recommendations": "Recommendations",
  "site.results.none_yet":
    "The project's figures are published by quarter: the first results appear once its first quarter has ended.",
  "site.results.intro":
    "Figures for {period}, computed directly from the project’s day-to-day records.",
  "site.results.people_reached": "People reached: {people} (with {contacts} outreach contacts)",
  "site.results.group_meetings":
    "Attendances at group meetings: {attendances} ({sessions, plural, one {# meeting} other {# meetings}})",
  "site.results.hiv_tests": "Visits to HIV testing (VCT): {visits}",
  "site.results.condoms": "Condoms distributed: {condoms, number}",
  "site.results.trainings":
    "Organised {trainings, plural, one {# training} other {# trainings}} for the project team ({trained, plural, one {# person} other {# people}})",
  "site.results.coaching_each_site":
    "Organised {rounds, plural, one {# round} other {# rounds}} of on-the-job coaching at each of the {sites, number} sites",
  "site.results.coaching":
    "Organised {rounds, plural, one {# round} other {# rounds}} of on-the-job coaching at {sites, plural, one {# site} other {# sites}}",
  "site.results.coaching_total":
    "Organised {rounds, plural, one {# round} other {# rounds}} of on-the-job coaching",
  "site.results.fewer_than": "fewer than {threshold}",
  "site.results.withheld_cell": "<{threshold}",
  "site.results.not_published": "(not published)",
  "site.results.protecting_cell": "×",
  "site.results.no_estimate": "—",
  "site.results.table_caption": "Results by site, {period}",
  "site.results.column.site": "Site",
  "site.results.column.communes": "Communes covered",
  "site.results.column.people_reached": "People reached",
  "site.results.column.estimate": "Estimate",
  "site.results.column.reach": "Reach rate",
  "site.results.total": "Total",
  "site.results.note.total":
    "In the total row, a client reached at more than one site is counted once.",
  "site.results.note.withheld":
    "<{threshold}: figures about clients below {threshold} are not published, to protect their identity; the reach rate then shows only its upper bound.",
  "site.results.note.protecting":
    "×: not published although not small, because with the total it would give away a figure under {threshold}.",
  "site.results.note.no_estimate": "—: no estimate of the target population for this site.",
  "site.results.note.illustrative":
    "* Illustrative figures (demo data): the project’s original report published only the totals; people reached per site and the reach rates are computed from demo records.",

  "site.sponsors.title": "Sponsors and partners",
  "site.sponsors.description": "The organisations that fund our projects and work with us on them.",
  "site.sponsors.sponsors": "Sponsors",
  "site.sponsors.partners": "Partners",
  "site.sponsors.funded": "Projects funded",
  "site.sponsors.none": "No sponsors have been listed yet.",
  "site.sponsors.website": "Website of {name}",

  "site.not_found.title": "Page not found",
  "site.not_found.body":
    "The page you are looking for does not exist or has moved to another address.",
  "site.error.title": "Something went wrong",
  "site.error.body": "Sorry, we could not show this page. Please try again in a few minutes.",
  "site.error.home_link": "Go to the home page",
};

export const siteMessages: MessageSet<keyof typeof vi> = { vi, en };
