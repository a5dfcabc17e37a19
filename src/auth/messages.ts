// Messages of accounts and sign-in: the wrong-credentials error and the reasons a request about
// an account was refused (shown after "The parameter “…” is not valid: ").
import type { MessageSet } from "../lib/i18n.js";

const vi = {
  "cli.user.role_required": "cần --role (một trong: {roles})",
  "cli.user.unknown_role": "không có vai trò “{role}”; hãy chọn một trong: {roles}",
  "cli.user.unknown_site": "không có địa bàn mã “{code}”",
  "cli.user.site_ambiguous": "mã địa bàn “{code}” được nhiều dự án dùng",
  "cli.user.created": "đã tạo {username} ({what})",
  "cli.user.password": "mật khẩu: {password}",
  "cli.user.password_once":
    "mật khẩu chỉ hiện một lần này: hãy trao tận tay một cách an toàn; có thể đổi sau khi đăng nhập",
  "cli.user.none":
    "chưa có tài khoản nào: hãy tạo bằng `peerlink user add TÊN --role administrator`",
  "cli.user.disabled": "đã khoá",
  "cli.user.waiting": "đăng nhập từ máy mới phải chờ đến {until}",
  "cli.user.active": "đang dùng",
  "cli.user.column_username": "tên",
  "cli.user.column_role": "vai trò",
  "cli.user.column_sites": "địa bàn",
  "cli.user.column_state": "trạng thái",
  "cli.user.new_password": "mật khẩu mới của {username}: {password}",
  "cli.user.new_password_done":
    "các phiên đăng nhập của tài khoản đã kết thúc và thời gian chờ đã được bỏ; mật khẩu chỉ hiện một lần",
  "cli.user.unknown_command": "không có lệnh “{command}”",
  "cli.user.no_such_user": "không có tài khoản nào tên {username}",
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
  "cli.user.role_required": "--role is required (one of {roles})",
  "cli.user.unknown_role": "unknown role “{role}”; expected one of {roles}",
  "cli.user.unknown_site": "unknown site “{code}”",
  "cli.user.site_ambiguous": "site code “{code}” is used by several projects",
  "cli.user.created": "created {username} ({what})",
  "cli.user.password": "password: {password}",
  "cli.user.password_once":
    "it is shown only this once: hand it over safely; it can be changed after signing in",
  "cli.user.none":
    "no accounts yet: create one with `peerlink user add USERNAME --role administrator`",
  "cli.user.disabled": "disabled",
  "cli.user.waiting": "sign-ins from new devices wait until {until}",
  "cli.user.active": "active",
  "cli.user.column_username": "username",
  "cli.user.column_role": "role",
  "cli.user.column_sites": "sites",
  "cli.user.column_state": "state",
  "cli.user.new_password": "new password for {username}: {password}",
  "cli.user.new_password_done":
    "its sessions have ended and its sign-in delays are lifted; the password is shown only once",
  "cli.user.unknown_command": "unknown command “{command}”",
  "cli.user.no_such_user": "no user named {username}",
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
