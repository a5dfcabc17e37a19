// What `peerlink` itself says (src/cli.ts), in Vietnamese and English; the language follows the
// shell's locale (LANG=vi_VN.UTF-8 for Vietnamese). Each command's own words are its feature's.
import type { MessageSet } from "./lib/i18n.js";

const vi = {
  "cli.unknown_command": "không có lệnh “{command}”",
  "cli.demo_reset_confirm":
    "demo reset xoá toàn bộ dữ liệu chương trình trong cơ sở dữ liệu này; hãy chạy lại với --yes nếu chắc chắn",
  "cli.demo_not_empty":
    "cơ sở dữ liệu đã có dữ liệu chương trình; dùng `demo reset --yes` nếu muốn thay bằng dữ liệu mẫu",
  "cli.migrated": "đã áp dụng {migrations}",
  "cli.up_to_date": "cơ sở dữ liệu đã ở phiên bản mới nhất",
  "cli.demo_loaded": "đã nạp dự án mẫu “{project}”: {summary}",
  "cli.demo_reloaded": "đã xoá và nạp lại dự án mẫu “{project}”: {summary}",
  "cli.demo_summary":
    "{clients, number} khách hàng, {contacts, number} lần tiếp cận, {sessions, number} buổi sinh hoạt nhóm ({attendances, number} lượt tham dự), {referrals, number} lần đi xét nghiệm HIV, {condoms, number} bao cao su, {trainings, number} khoá tập huấn, {staff, number} nhân viên",
  "cli.demo_accounts": "tài khoản mẫu (mật khẩu mẫu đã công bố, chỉ để dùng thử Peerlink):",
  "cli.restore_usage": "restore cần đúng một tệp sao lưu: peerlink restore TỆP [--yes]",
} as const;

const en: Record<keyof typeof vi, string> = {
  "cli.unknown_command": "unknown command “{command}”",
  "cli.demo_reset_confirm":
    "demo reset deletes all programme data in this database; run it again with --yes to go ahead",
  "cli.demo_not_empty":
    "the database already holds programme data; use `demo reset --yes` to replace it",
  "cli.migrated": "applied {migrations}",
  "cli.up_to_date": "the database is up to date",
  "cli.demo_loaded": "loaded the demo project “{project}”: {summary}",
  "cli.demo_reloaded": "reset and reloaded the demo project “{project}”: {summary}",
  "cli.demo_summary":
    "{clients, number} clients, {contacts, number} contacts, {sessions, number} group sessions ({attendances, number} attendances), {referrals, number} visits to HIV testing, {condoms, number} condoms, {trainings, number} trainings, {staff, number} staff",
  "cli.demo_accounts": "demo accounts (published demo passwords, for trying Peerlink only):",
  "cli.restore_usage": "restore takes one backup file: peerlink restore FILE [--yes]",
};

export const cliMessages: MessageSet<keyof typeof vi> = { vi, en };
