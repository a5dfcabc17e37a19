// Messages of exports: where an export stands, why it failed, what was wrong with a request.
// Renderers add their own failure messages (`exports.error.<code>`) and notes in their feature's
// messages.
import type { MessageSet } from "../lib/i18n.js";

const vi = {
  "exports.status.queued": "Đang chờ đến lượt tạo tệp.",
  "exports.status.running": "Đang tạo tệp ({progress}%).",
  "exports.status.done": "Tệp đã sẵn sàng để tải về.",
  "exports.status.failed": "Không tạo được tệp.",
  "exports.note.preparing": "Đang chuẩn bị",
  "exports.note.computing": "Đang tính các chỉ số",
  "exports.note.writing": "Đang ghi tệp",
  "exports.error.failed":
    "Đã xảy ra lỗi khi tạo tệp. Lỗi đã được ghi lại; hãy yêu cầu lại, và báo cho quản trị viên nếu lỗi lặp lại.",
  "exports.error.interrupted":
    "Việc tạo tệp bị gián đoạn nhiều lần (máy chủ khởi động lại hoặc chạy quá lâu). Hãy yêu cầu lại sau ít phút.",
  "exports.error.kind_unavailable":
    "Máy chủ hiện không tạo được loại tệp này. Hãy chọn loại tệp khác hoặc báo cho quản trị viên.",
  "reason.unknown_export_kind": "không có loại tệp xuất này",
  "reason.unknown_project": "không có dự án nào với mã này",
} as const;

const en: Record<keyof typeof vi, string> = {
  "exports.status.queued": "Waiting for its turn.",
  "exports.status.running": "Making the file ({progress}%).",
  "exports.status.done": "The file is ready to download.",
  "exports.status.failed": "The file could not be made.",
  "exports.note.preparing": "Preparing",
  "exports.note.computing": "Computing the indicators",
  "exports.note.writing": "Writing the file",
  "exports.error.failed":
    "Something went wrong while making the file. It has been logged; ask for it again, and tell an administrator if it happens again.",
  "exports.error.interrupted":
    "Making the file was interrupted several times (the server restarted or it took too long). Ask for it again in a few minutes.",
  "exports.error.kind_unavailable":
    "The server cannot make this kind of file at the moment. Choose another kind or tell an administrator.",
  "reason.unknown_export_kind": "there is no export of this kind",
  "reason.unknown_project": "there is no project with this identifier",
};

export const exportMessages: MessageSet<keyof typeof vi> = { vi, en };
