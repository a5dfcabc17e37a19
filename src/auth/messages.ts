// Messages of accounts and sign-in: the wrong-credentials error and the reasons a request about
// an account was refused (shown after "The parameter “…” is not valid: ").
import type { MessageSet } from "../lib/i18n.js";

const vi = {
  "error.invalid_credentials": "Tên đăng nhập hoặc mật khẩu không đúng.",
  "reason.required": "cần điền mục này",
  "reason.password_too_short": "mật khẩu cần có ít nhất 10 ký tự",
  "reason.password_too_long": "mật khẩu dài tối đa 200 ký tự",
  "reason.password_contains_username": "mật khẩu không được chứa tên đăng nhập",
  "reason.password_too_common":
    "mật khẩu này (hoặc phần chính của nó) nằm trong danh sách mật khẩu hay dùng nhất, thứ kẻ gian thử đầu tiên; hãy chọn mật khẩu khác, ví dụ ghép ba, bốn từ không liên quan đến nhau",
  "reason.password_context_word":
    "mật khẩu dựa vào một từ gắn với bạn hoặc nơi làm việc (tên đăng nhập, tên người, tên tổ chức, dự án, địa bàn, “peerlink”), thứ kẻ gian thử trước tiên; hãy bỏ từ đó hoặc thêm vài từ không liên quan",
  "reason.password_keyboard_pattern":
    "mật khẩu là một dãy phím liền nhau trên bàn phím (như qwerty, asdfgh), rất dễ đoán; hãy dùng vài từ không liên quan đến nhau",
  "reason.password_repeated":
    "mật khẩu lặp lại một ký tự hay một cụm (như aaaa, abcabc), rất dễ đoán; hãy dùng vài từ không liên quan đến nhau",
  "reason.password_sequence":
    "mật khẩu có dãy liên tiếp (như abcd, 1234, 9876), rất dễ đoán; hãy dùng vài từ không liên quan đến nhau",
  "reason.password_dates":
    "mật khẩu dựa vào ngày tháng hoặc năm (như năm sinh), rất dễ đoán; hãy thêm vài từ không liên quan",
  "reason.password_common_words":
    "mật khẩu chỉ gồm tên người hoặc từ thông dụng, kèm vài chữ số hay ký hiệu, rất dễ đoán; hãy ghép thêm vài từ không liên quan",
  "reason.password_too_guessable":
    "mật khẩu này còn dễ đoán; hãy làm nó dài hơn, ví dụ ghép ba, bốn từ không liên quan đến nhau",
  "reason.password_unchanged": "mật khẩu mới phải khác mật khẩu hiện tại",
  "reason.wrong_password": "mật khẩu hiện tại không đúng",
  "reason.username_format":
    "tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu (a–z), chữ số, dấu chấm, gạch ngang hoặc gạch dưới, bắt đầu bằng chữ hoặc số",
  "reason.username_taken": "tên đăng nhập này đã có người dùng",
  "reason.site_not_found": "không có địa bàn nào với mã định danh này",
  "reason.role_needs_site": "vai trò này cần ít nhất một địa bàn",
  "reason.outreach_worker_one_site": "tiếp cận viên làm việc ở đúng một địa bàn",
  "reason.staff_not_found": "không có nhân viên nào với mã định danh này",
  "reason.last_administrator":
    "đây là quản trị viên cuối cùng đang hoạt động; hãy giao quyền quản trị cho người khác trước",
} as const;

const en: Record<keyof typeof vi, string> = {
  "error.invalid_credentials": "The username or password is not correct.",
  "reason.required": "this field is required",
  "reason.password_too_short": "a password needs at least 10 characters",
  "reason.password_too_long": "a password can have at most 200 characters",
  "reason.password_contains_username": "the password must not contain the username",
  "reason.password_too_common":
    "this password (or its main part) is on the list of the most used passwords, which attackers try first; choose another, for example three or four unrelated words together",
  "reason.password_context_word":
    "the password is built on a word about you or your work (the username, a person's name, the organisation's, project's or site's name, “peerlink”), which attackers try first; leave that word out or add a few unrelated words",
  "reason.password_keyboard_pattern":
    "the password is a row of neighbouring keys (like qwerty or asdfgh), which is easy to guess; use a few unrelated words",
  "reason.password_repeated":
    "the password repeats a character or a group (like aaaa or abcabc), which is easy to guess; use a few unrelated words",
  "reason.password_sequence":
    "the password contains a run (like abcd, 1234 or 9876), which is easy to guess; use a few unrelated words",
  "reason.password_dates":
    "the password is built on a date or a year (like a birth year), which is easy to guess; add a few unrelated words",
  "reason.password_common_words":
    "the password is only names or common words with a few digits or symbols, which is easy to guess; add a few unrelated words",
  "reason.password_too_guessable":
    "this password is still easy to guess; make it longer, for example three or four unrelated words together",
  "reason.password_unchanged": "the new password must differ from the current one",
  "reason.wrong_password": "the current password is not correct",
  "reason.username_format":
    "a username has 3–40 characters: lower-case letters a–z, digits, dots, hyphens or underscores, starting with a letter or digit",
  "reason.username_taken": "this username is already taken",
  "reason.site_not_found": "there is no site with this id",
  "reason.role_needs_site": "this role needs at least one site",
  "reason.outreach_worker_one_site": "an outreach worker works at exactly one site",
  "reason.staff_not_found": "there is no staff member with this id",
  "reason.last_administrator":
    "this is the last active administrator; make someone else an administrator first",
};

export const authMessages: MessageSet<keyof typeof vi> = { vi, en };
