// Messages of the newsletter: the sign-up form, its answers, the preferences and unsubscribe pages,
// and the e-mails (confirmation, an issue's frame), in Vietnamese and English.
import type { MessageSet } from "../lib/i18n.js";

const vi = {
  "newsletter.form.title": "Nhận bản tin",
  "newsletter.form.consent":
    "Chúng tôi sẽ gửi cho bạn những thông tin mới nhất về các dự án và hoạt động của chúng tôi. Bạn có thể hủy đăng ký bất cứ lúc nào bằng liên kết trong mỗi thư.",
  "newsletter.form.address": "Địa chỉ e-mail",
  "newsletter.form.language": "Ngôn ngữ của thư",
  "newsletter.form.topics": "Dự án bạn quan tâm (không bắt buộc; để trống là nhận tất cả)",
  "newsletter.form.honeypot": "Để trống ô này",
  "newsletter.form.submit": "ĐĂNG KÝ",
  "newsletter.language.vi": "Tiếng Việt",
  "newsletter.language.en": "Tiếng Anh",
  "newsletter.page.title": "Bản tin",
  "newsletter.page.description": "Đăng ký nhận bản tin qua e-mail.",
  "newsletter.check.title": "Hãy kiểm tra hộp thư của bạn",
  "newsletter.check.body":
    "Nếu địa chỉ này chưa đăng ký, chúng tôi vừa gửi một thư có liên kết xác nhận. Bạn chỉ nhận bản tin sau khi bấm vào liên kết đó. Liên kết có hiệu lực trong 7 ngày.",
  "newsletter.confirmed.title": "Bạn đã đăng ký nhận bản tin",
  "newsletter.confirmed.body":
    "Cảm ơn bạn. Mỗi bản tin có liên kết để đổi ngôn ngữ, chọn dự án hoặc hủy đăng ký.",
  "newsletter.invalid.title": "Liên kết không còn hiệu lực",
  "newsletter.invalid.body":
    "Liên kết này đã hết hạn hoặc không đúng. Bạn có thể đăng ký lại bằng mẫu ở cuối trang.",
  "newsletter.preferences.title": "Tùy chọn bản tin",
  "newsletter.preferences.save": "Lưu tùy chọn",
  "newsletter.preferences.saved": "Đã lưu tùy chọn của bạn.",
  "newsletter.preferences.leave": "Hủy đăng ký",
  "newsletter.preferences.data": "Dữ liệu của bạn",
  "newsletter.preferences.export": "Tải về dữ liệu chúng tôi lưu về bạn (JSON)",
  "newsletter.preferences.erase": "Xóa toàn bộ dữ liệu của tôi",
  "newsletter.preferences.status_left": "Bạn hiện không nhận bản tin. Lưu tùy chọn để đăng ký lại.",
  "newsletter.unsubscribe.title": "Hủy đăng ký bản tin",
  "newsletter.unsubscribe.ask": "Bấm nút dưới đây để ngừng nhận bản tin.",
  "newsletter.unsubscribe.button": "Hủy đăng ký",
  "newsletter.unsubscribe.done": "Bạn đã hủy đăng ký. Bạn sẽ không nhận thêm bản tin nào.",
  "newsletter.erased.title": "Dữ liệu của bạn đã được xóa",
  "newsletter.erased.body": "Chúng tôi không còn lưu địa chỉ e-mail của bạn.",
  "newsletter.mail.confirm_subject": "Xác nhận đăng ký bản tin của {organisation}",
  "newsletter.mail.confirm_body":
    "Xin chào,\n\nAi đó (có lẽ là bạn) vừa đăng ký nhận bản tin của {organisation} bằng địa chỉ này. Để xác nhận, hãy mở liên kết sau trong 7 ngày:\n\n{link}\n\nNếu không phải bạn, hãy bỏ qua thư này: chúng tôi sẽ không gửi gì thêm.",
  "newsletter.mail.confirm_button": "Xác nhận đăng ký",
  "newsletter.mail.read_more": "Đọc tiếp",
  "newsletter.mail.preferences": "Đổi tùy chọn",
  "newsletter.mail.unsubscribe": "Hủy đăng ký",
  "newsletter.mail.why": "Bạn nhận thư này vì đã đăng ký bản tin của {organisation}.",
  "newsletter.mail.test_prefix": "[Thử] {subject}",
  "reason.email_format": "cần một địa chỉ e-mail, ví dụ ten@example.org",
  "reason.issue_not_draft": "bản tin này đã được gửi; không thể sửa hoặc gửi lại",
  "reason.issue_incomplete":
    "cần tiêu đề và nội dung bằng cả tiếng Việt và tiếng Anh trước khi gửi",
  "reason.not_a_news_post": "không phải một tin đã đăng",
  "reason.cross_site_form": "mẫu này phải được gửi từ chính trang web này",
  "reason.too_many_sign_ups": "địa chỉ hoặc mạng này đã đăng ký nhiều lần trong giờ qua",
  "reason.too_many_test_sends": "bạn đã gửi {limit} thư thử trong giờ qua",
} as const;

const en: Record<keyof typeof vi, string> = {
  "newsletter.form.title": "Get our newsletter",
  "newsletter.form.consent":
    "We will send you the most up-to-date information about our projects and activities. You can unsubscribe at any time with the link in every message.",
  "newsletter.form.address": "E-mail address",
  "newsletter.form.language": "Language of the messages",
  "newsletter.form.topics": "Projects of interest (optional; none means all)",
  "newsletter.form.honeypot": "Leave this field empty",
  "newsletter.form.submit": "SUBSCRIBE",
  "newsletter.language.vi": "Vietnamese",
  "newsletter.language.en": "English",
  "newsletter.page.title": "Newsletter",
  "newsletter.page.description": "Subscribe to our newsletter by e-mail.",
  "newsletter.check.title": "Check your mailbox",
  "newsletter.check.body":
    "If this address was not subscribed yet, we have just sent it a message with a confirmation link. You will receive the newsletter only after you open that link. The link works for 7 days.",
  "newsletter.confirmed.title": "You are subscribed",
  "newsletter.confirmed.body":
    "Thank you. Every issue has links to change its language, choose projects or unsubscribe.",
  "newsletter.invalid.title": "This link no longer works",
  "newsletter.invalid.body":
    "The link has expired or is not right. You can subscribe again with the form at the bottom of the page.",
  "newsletter.preferences.title": "Newsletter preferences",
  "newsletter.preferences.save": "Save preferences",
  "newsletter.preferences.saved": "Your preferences are saved.",
  "newsletter.preferences.leave": "Unsubscribe",
  "newsletter.preferences.data": "Your data",
  "newsletter.preferences.export": "Download the data we keep about you (JSON)",
  "newsletter.preferences.erase": "Erase all my data",
  "newsletter.preferences.status_left":
    "You are not receiving the newsletter now. Save preferences to subscribe again.",
  "newsletter.unsubscribe.title": "Unsubscribe from the newsletter",
  "newsletter.unsubscribe.ask": "Press the button below to stop receiving the newsletter.",
  "newsletter.unsubscribe.button": "Unsubscribe",
  "newsletter.unsubscribe.done": "You are unsubscribed. You will receive no more issues.",
  "newsletter.erased.title": "Your data is erased",
  "newsletter.erased.body": "We no longer keep your e-mail address.",
  "newsletter.mail.confirm_subject": "Confirm your subscription to {organisation}'s newsletter",
  "newsletter.mail.confirm_body":
    "Hello,\n\nSomeone (probably you) has just subscribed this address to {organisation}'s newsletter. To confirm, open this link within 7 days:\n\n{link}\n\nIf it was not you, ignore this message: we will send nothing more.",
  "newsletter.mail.confirm_button": "Confirm the subscription",
  "newsletter.mail.read_more": "Read more",
  "newsletter.mail.preferences": "Change preferences",
  "newsletter.mail.unsubscribe": "Unsubscribe",
  "newsletter.mail.why": "You receive this because you subscribed to {organisation}'s newsletter.",
  "newsletter.mail.test_prefix": "[Test] {subject}",
  "reason.email_format": "expected an e-mail address, for example name@example.org",
  "reason.issue_not_draft": "this issue has been sent; it can be neither changed nor sent again",
  "reason.issue_incomplete":
    "a subject and some content in both Vietnamese and English are needed before sending",
  "reason.not_a_news_post": "is not a published news post",
  "reason.cross_site_form": "this form must be sent from this website itself",
  "reason.too_many_sign_ups":
    "this address or network has signed up several times in the past hour",
  "reason.too_many_test_sends": "you have sent {limit} test messages in the past hour",
};

export const newsletterMessages: MessageSet<keyof typeof vi> = { vi, en };
