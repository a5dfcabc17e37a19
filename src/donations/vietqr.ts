// VietQR: the NAPAS EMVCo payload that every Vietnamese banking app scans to fill in a transfer —
// tags 00 (format "01"), 01 ("12": with an amount), 38 (GUID A000000727; 01: the bank's BIN and
// the account number; 02: service QRIBFTTA, a transfer to an account), 53 (currency 704), 54
// (amount), 58 (VN), 62/08 (the transfer's purpose: our reference) and 63, CRC-16/CCITT-FALSE
// over everything before it, "6304" included.

const field = (tag: string, value: string) =>
  `${tag}${String(value.length).padStart(2, "0")}${value}`;

/** CRC-16/CCITT-FALSE: polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR. */
export function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, "utf8")) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit += 1) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, "0");
}

export interface VietQrInput {
  bin: string;
  accountNumber: string;
  amount: number;
  purpose: string;
}

export function vietQrPayload(input: VietQrInput): string {
  const account = field("00", input.bin) + field("01", input.accountNumber);
  const body =
    field("00", "01") +
    field("01", "12") +
    field("38", field("00", "A000000727") + field("01", account) + field("02", "QRIBFTTA")) +
    field("53", "704") +
    field("54", String(input.amount)) +
    field("58", "VN") +
    field("62", field("08", input.purpose)) +
    "6304";
  return body + crc16(body);
}

type QrCode = typeof import("qrcode");
let qrCode: Promise<QrCode> | undefined;

/** The payload as an SVG QR code (medium error correction, a quiet zone of four modules). */
export async function vietQrSvg(payload: string): Promise<string> {
  // The QR library loads with the first transfer shown, not at start (docs/benchmarks.md, "site").
  qrCode ??= import("qrcode");
  const QRCode = await qrCode;
  return QRCode.toString(payload, { type: "svg", errorCorrectionLevel: "M", margin: 4 });
}
