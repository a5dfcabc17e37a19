// Why a change was refused, in the user's language; and what is wrong with a field.
import type { MessageSet } from "../lib/i18n.js";

const vi = {
  "sync.reason.invalid_field": "Trường “{field}” không hợp lệ: {problem}",
  "sync.reason.invalid_change": "Thay đổi không đúng định dạng (trường “{field}”).",
  "sync.reason.unknown_type": "Loại bản ghi này không được hỗ trợ.",
  "sync.reason.change_reused":
    "Mã thay đổi này đã được dùng cho một nội dung khác. Hãy lưu lại để tạo thay đổi mới.",
  "sync.reason.outside_scope":
    "Bạn không có quyền ghi bản ghi này (ngoài địa bàn hoặc không phải bản ghi của bạn).",
  "sync.reason.missing_reference":
    "Bản ghi liên quan ở trường “{field}” không tồn tại, đã bị hủy, hoặc bạn không được xem.",
  "sync.reason.uic_taken":
    "Mã UIC này đã có một khách hàng khác ở địa bàn này. Hãy tìm khách hàng đó thay vì đăng ký mới, hoặc kiểm tra lại mã.",
  "sync.reason.already_attending": "Khách hàng này đã được điểm danh trong buổi sinh hoạt nhóm.",
  "sync.reason.not_found":
    "Không tìm thấy bản ghi cần sửa trên máy chủ, hoặc bạn không còn được xem bản ghi này.",
  "sync.reason.id_taken":
    "Mã của bản ghi này đã được dùng trên máy chủ cho một bản ghi khác. Hãy nhập lại thành một bản ghi mới.",
  "sync.reason.record_voided":
    "Bản ghi này đã bị hủy trên máy chủ nên không thể sửa hay hủy lại. Nếu vẫn cần, hãy tạo một bản ghi mới.",
  "sync.reason.base_version_required": "Thiếu phiên bản gốc của bản ghi; hãy đồng bộ rồi sửa lại.",
  "sync.reason.immutable_field":
    "Không thể đổi trường “{field}” sau khi đã tạo bản ghi; hãy hủy bản ghi và tạo bản ghi mới.",
  "sync.reason.future_date":
    "Ngày ở trường “{field}” nằm trong tương lai. Hãy kiểm tra lại ngày (và đồng hồ của điện thoại).",
  "sync.reason.arrived_before_referred": "Ngày đến dịch vụ không thể trước ngày chuyển gửi.",
  "sync.reason.result_without_arrival":
    "Chỉ ghi kết quả khi khách hàng đã đến dịch vụ (cần ngày đến).",
  "sync.reason.ends_before_starts": "Ngày kết thúc không thể trước ngày bắt đầu.",
  "sync.reason.coaching_needs_site": "Đợt đào tạo cầm tay chỉ việc phải gắn với một địa bàn.",
  "sync.reason.database_refused":
    "Máy chủ không lưu được thay đổi này vì dữ liệu không nhất quán. Hãy kiểm tra lại bản ghi.",
  "sync.field.id": "cần một mã định danh hợp lệ",
  "sync.field.date": "cần một ngày có thật theo dạng NNNN-TT-NN",
  "sync.field.text": "cần một đoạn chữ",
  "sync.field.too_long": "quá dài",
  "sync.field.control_character": "có ký tự điều khiển ẩn (ví dụ NUL); hãy xóa rồi gõ lại",
  "sync.field.invalid_unicode": "có ký tự bị hỏng (mã Unicode không hợp lệ); hãy gõ lại",
  "sync.field.required": "không được để trống",
  "sync.field.uic": "mã UIC chỉ gồm 4–20 chữ cái không dấu và chữ số",
  "sync.field.sex": "giới tính không hợp lệ",
  "sync.field.birth_year": "năm sinh không hợp lệ",
  "sync.field.population_group": "nhóm đối tượng không hợp lệ",
  "sync.field.phone": "số điện thoại chỉ gồm chữ số và các dấu + ( ) -",
  "sync.field.topic": "chủ đề không hợp lệ",
  "sync.field.service": "dịch vụ không hợp lệ",
  "sync.field.result": "kết quả không hợp lệ",
  "sync.field.item": "loại vật phẩm không hợp lệ",
  "sync.field.quantity": "số lượng phải là số nguyên từ 1 đến 100.000",
  "sync.field.kind": "loại tập huấn không hợp lệ",
  "sync.field.op": "thao tác phải là create, update hoặc void",
  "sync.field.void_reason": "cần ghi lý do hủy (3–200 ký tự)",
} as const;

const en: Record<keyof typeof vi, string> = {
  "sync.reason.invalid_field": "The field “{field}” is not valid: {problem}",
  "sync.reason.invalid_change": "The change is not in the expected form (field “{field}”).",
  "sync.reason.unknown_type": "This kind of record is not supported.",
  "sync.reason.change_reused":
    "This change id was already used for different content. Save again to make a new change.",
  "sync.reason.outside_scope":
    "You may not write this record (outside your sites, or not your record).",
  "sync.reason.missing_reference":
    "The record in “{field}” does not exist, was voided, or is not visible to you.",
  "sync.reason.uic_taken":
    "Another client at this site already has this UIC. Look that client up instead of registering again, or check the code.",
  "sync.reason.already_attending": "This client is already ticked as attending the group meeting.",
  "sync.reason.not_found":
    "The record to change was not found on the server, or you may no longer see it.",
  "sync.reason.id_taken":
    "This record's id is already used on the server by another record. Enter it again as a new record.",
  "sync.reason.record_voided":
    "This record was voided on the server, so it cannot be changed or voided again. If it is still needed, make a new record.",
  "sync.reason.base_version_required":
    "The record's original version is missing; sync, then edit again.",
  "sync.reason.immutable_field":
    "The field “{field}” cannot change after the record was made; void it and make a new one.",
  "sync.reason.future_date":
    "The date in “{field}” is in the future. Check the date (and the phone's clock).",
  "sync.reason.arrived_before_referred":
    "The client cannot arrive at the service before being referred.",
  "sync.reason.result_without_arrival":
    "Record a result only once the client arrived at the service (an arrival date is needed).",
  "sync.reason.ends_before_starts": "The end date cannot be before the start date.",
  "sync.reason.coaching_needs_site": "An on-the-job coaching round must belong to a site.",
  "sync.reason.database_refused":
    "The server could not store this change because the data is inconsistent. Check the record.",
  "sync.field.id": "a valid id is needed",
  "sync.field.date": "a real date written YYYY-MM-DD is needed",
  "sync.field.text": "text is needed",
  "sync.field.too_long": "too long",
  "sync.field.control_character":
    "it holds a hidden control character (such as NUL); delete it and type it again",
  "sync.field.invalid_unicode": "it holds a broken character (invalid Unicode); type it again",
  "sync.field.required": "must not be empty",
  "sync.field.uic": "a UIC is 4–20 plain letters and digits",
  "sync.field.sex": "the sex is not valid",
  "sync.field.birth_year": "the birth year is not valid",
  "sync.field.population_group": "the population group is not valid",
  "sync.field.phone": "a phone number has only digits and + ( ) -",
  "sync.field.topic": "a topic is not valid",
  "sync.field.service": "the service is not valid",
  "sync.field.result": "the result is not valid",
  "sync.field.item": "the item is not valid",
  "sync.field.quantity": "the quantity must be a whole number from 1 to 100,000",
  "sync.field.kind": "the kind of training is not valid",
  "sync.field.op": "the operation must be create, update or void",
  "sync.field.void_reason": "a reason for voiding is needed (3–200 characters)",
};

export const syncMessages: MessageSet<keyof typeof vi> = { vi, en };
