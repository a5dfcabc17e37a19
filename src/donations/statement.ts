// Bank statement import: a CSV or XLSX statement read through a column map per bank (kept here as
// configuration: which header names the date, the credit amount, the text and the bank's
// reference), each credit line recorded and matched as a webhook's would be — so a transfer a
// webhook already brought is not counted again.
import { createHash } from "node:crypto";
import type { Db } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { type IncomingLine, recordBankLine } from "./bank-lines.js";

export interface ColumnMap {
  date: string;
  /** DD/MM/YYYY (Vietnamese banks) or YYYY-MM-DD. */
  dateFormat: "dmy" | "ymd";
  credit: string;
  content: string;
  reference: string | null;
}

/** Column maps by bank, matched on the header row's names (case and spaces ignored). */
export const statementFormats = {
  vietcombank: {
    date: "Ngày giao dịch",
    dateFormat: "dmy",
    credit: "Số tiền ghi có",
    content: "Mô tả",
    reference: "Số tham chiếu",
  },
} as const satisfies Record<string, ColumnMap>;
export type StatementFormat = keyof typeof statementFormats;

/** Largest statement file taken (a year of a busy account is well under it). */
export const maxStatementBytes = 5 * 1024 * 1024;
const maxStatementLines = 20_000;

/** A CSV's rows: fields separated by commas or semicolons, quotes doubled inside quoted fields. */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, "");
  const separator =
    (body.split("\n", 1)[0]!.match(/;/g)?.length ?? 0) >
    (body.split("\n", 1)[0]!.match(/,/g)?.length ?? 0)
      ? ";"
      : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && body[i + 1] === "\n") i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows.filter((r) => r.some((f) => f.trim() !== ""));
}

export async function readXlsx(bytes: Buffer): Promise<string[][]> {
  // Loaded with the first spreadsheet, not at the server's start (test/lazy-libraries.test.ts).
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError("invalid_body", { reason: "statement_unreadable" });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError("invalid_body", { reason: "statement_unreadable" });
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(
      values.map((v) =>
        v instanceof Date
          ? v.toISOString().slice(0, 10)
          : v === null || v === undefined
            ? ""
            : String(v),
      ),
    );
  });
  return rows;
}

const key = (name: string) => name.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();

function dateOf(value: string, format: "dmy" | "ymd"): string | null {
  const v = value.trim();
  const ymd = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (ymd) return `${ymd[1]}-${ymd[2]}-${ymd[3]}`;
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(v);
  if (dmy && format === "dmy")
    return `${dmy[3]}-${dmy[2]!.padStart(2, "0")}-${dmy[1]!.padStart(2, "0")}`;
  return null;
}

/** Amounts as banks write them: "1.000.000", "1,000,000", "1000000.00". */
function amountOf(value: string): number | null {
  const v = value.trim().replace(/\s|VND|đ/gi, "");
  if (v === "" || v === "0") return null;
  const whole = v.replace(/[.,]00$/, "").replace(/[.,]/g, "");
  const n = Number(whole);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** The statement's credit lines, by its bank's column map. */
export function statementLines(rows: string[][], format: StatementFormat): IncomingLine[] {
  const map: ColumnMap = statementFormats[format];
  const headerIndex = rows.findIndex((r) => r.some((f) => key(f) === key(map.date)));
  if (headerIndex < 0) throw new AppError("invalid_body", { reason: "statement_columns" });
  const header = rows[headerIndex]!.map(key);
  const column = (name: string | null) => (name === null ? -1 : header.indexOf(key(name)));
  const [date, credit, content, reference] = [
    column(map.date),
    column(map.credit),
    column(map.content),
    column(map.reference),
  ];
  if (date < 0 || credit < 0 || content < 0)
    throw new AppError("invalid_body", { reason: "statement_columns" });
  const lines: IncomingLine[] = [];
  for (const row of rows.slice(headerIndex + 1)) {
    const bookedOn = dateOf(row[date] ?? "", map.dateFormat);
    const amount = amountOf(row[credit] ?? "");
    if (!bookedOn || !amount) continue;
    const text = (row[content] ?? "").trim().slice(0, 1000);
    const bankReference =
      reference >= 0 && row[reference]?.trim() ? row[reference]!.trim().slice(0, 120) : null;
    const providerId =
      bankReference ??
      createHash("sha256")
        .update(`${bookedOn}|${amount}|${text}|${lines.length}`)
        .digest("hex")
        .slice(0, 40);
    lines.push({ source: "statement", providerId, bankReference, bookedOn, amount, content: text });
    if (lines.length > maxStatementLines)
      throw new AppError("invalid_body", { reason: "statement_too_long" });
  }
  return lines;
}

export interface ImportSummary {
  lines: number;
  matched: number;
  unmatched: number;
  duplicate: number;
}

export async function importStatement(
  db: Db,
  lines: readonly IncomingLine[],
  now: Date,
): Promise<ImportSummary> {
  const summary: ImportSummary = { lines: lines.length, matched: 0, unmatched: 0, duplicate: 0 };
  for (const line of lines) summary[(await recordBankLine(db, line, now)).outcome] += 1;
  return summary;
}
