// What `peerlink backup` and `peerlink restore` say (src/backup/cli.ts), in Vietnamese and English.
// The refusals themselves (BackupError, errors.ts) are still written in English only.
import type { MessageSet } from "../lib/i18n.js";

const vi = {
  "cli.backup.describe":
    "{tables, number} bảng, {rows, number} dòng ({clients, number} khách hàng), migration {migration}, {engine}, tạo lúc {made} bởi Peerlink {peerlink}",
  "cli.backup.written": "đã ghi bản sao lưu vào {file} ({size}) và đọc lại thấy nguyên vẹn:",
  "cli.backup.written_by_server":
    "máy chủ đang chạy đã ghi bản sao lưu vào {file} ({size}) và đọc lại thấy nguyên vẹn:",
  "cli.backup.keep_safe":
    "Bản sao lưu chứa hồ sơ khách hàng ở dạng đọc được (trừ tên và số điện thoại đã mã hoá): hãy cất nó ở nơi chỉ những người vận hành Peerlink đọc được.",
  "cli.backup.no_details":
    "Không khách hàng nào có thông tin mã hoá: bản này khôi phục được với bất kỳ khoá bí mật nào. Khoá bí mật ({source}) không có trong bản sao lưu; dù vậy vẫn hãy cất một bản riêng.",
  "cli.backup.secret_reads": "khoá bí mật hiện có ({source}) đọc được chúng",
  "cli.backup.secret_missing": "không có khoá bí mật nào để thử đọc chúng",
  "cli.backup.secret_wrong":
    "CẢNH BÁO: khoá bí mật hiện có ({source}) KHÔNG đọc được chúng — hãy tìm khoá bí mật mà máy chủ của hệ thống này dùng",
  "cli.backup.details":
    "{count, number} khách hàng có thông tin mã hoá, chỉ khoá bí mật của hệ thống này đọc được; {state}. Bản sao lưu không chứa khoá bí mật: hãy cất một bản của {source} riêng khỏi các bản sao lưu (không để cạnh chúng), nếu không các thông tin ấy mất theo khoá.",
  "cli.backup.restoring": "đang khôi phục {file}: {backup}",
  "cli.backup.restored":
    "đã khôi phục {rows, number} dòng; đã kiểm tra số dòng của mọi bảng và mã kiểm tra của tệp",
  "cli.backup.migrated_after": "rồi áp dụng các migration mới hơn bản sao lưu: {migrations}",
  "cli.backup.restored_secret_reads":
    "Khoá bí mật hiện có ({source}) đọc được thông tin mã hoá của khách hàng.",
  "cli.backup.restored_secret_skipped":
    "Chưa kiểm tra khoá bí mật (--skip-secret-check): có thể không đọc được thông tin mã hoá của khách hàng.",
  "cli.backup.restored_no_details":
    "Bản sao lưu không có thông tin mã hoá nào: khoá bí mật nào cũng được.",
  "cli.backup.after_restore":
    "Những gì ghi sau {made} không có trong cơ sở dữ liệu vừa khôi phục; docs/operations.md nói cần làm gì sau khi khôi phục.",
} as const;

const en: Record<keyof typeof vi, string> = {
  "cli.backup.describe":
    "{tables, number} tables, {rows, number} rows ({clients, number} clients), migration {migration}, {engine}, made {made} by Peerlink {peerlink}",
  "cli.backup.written": "backup written to {file} ({size}) and read back intact:",
  "cli.backup.written_by_server":
    "backup written by the running server to {file} ({size}) and read back intact:",
  "cli.backup.keep_safe":
    "It holds clients’ records in clear (their encrypted name and phone aside): keep it where only the people who run Peerlink can read it.",
  "cli.backup.no_details":
    "No client has encrypted details: it restores with any secret. The secret ({source}) is not in it; keep a copy apart from the backups all the same.",
  "cli.backup.secret_reads": "the secret at hand ({source}) reads them",
  "cli.backup.secret_missing": "no secret is at hand to check them against",
  "cli.backup.secret_wrong":
    "WARNING: the secret at hand ({source}) does NOT read them — find the secret this installation’s server uses",
  "cli.backup.details":
    "{count, number} clients have encrypted details, which only this installation’s secret reads; {state}. The backup does not contain the secret: keep a copy of {source} apart from the backups (not beside them), or their details are lost with it.",
  "cli.backup.restoring": "restoring {file}: {backup}",
  "cli.backup.restored":
    "restored {rows, number} rows; every table’s count and the file’s checksum verified",
  "cli.backup.migrated_after": "then applied the migrations newer than the backup: {migrations}",
  "cli.backup.restored_secret_reads":
    "The secret at hand ({source}) reads the clients’ encrypted details.",
  "cli.backup.restored_secret_skipped":
    "The secret was not checked (--skip-secret-check): clients’ encrypted details may be unreadable.",
  "cli.backup.restored_no_details": "The backup holds no encrypted details: any secret will do.",
  "cli.backup.after_restore":
    "Anything recorded after {made} is not in the restored database; docs/operations.md says what to do after a restore.",
};

export const backupMessages: MessageSet<keyof typeof vi> = { vi, en };
