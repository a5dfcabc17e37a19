// Messages of accounts and sign-in: the wrong-credentials error and the reasons a request about
// an account was refused (shown after "The parameter “…” is not valid: ").
import type { MessageSet } from "../lib/i18n.js";

const vi = {
  "error.invalid_credentials": "Tên đăng nhập hoặc mật khẩu không đúng.",
  "reason.required": "cần điền mục này",
  "reason.password_too_short": "mật khẩu cần có ít nhất 10 ký tự",
  "reason.password_too_long": "mật khẩu dài tối đa 200 ký tự",
  "reason.password_contains_username": "mật khẩu không được chứa tên đăng nhập",
  "reason.password_too_common": "mật khẩu này quá phổ biến, dễ bị đoán; hãy chọn mật khẩu khác",
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
  "reason.password_too_common": "this password is too common and easy to guess; choose another",
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
