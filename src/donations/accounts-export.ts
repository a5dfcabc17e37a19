// The accountant's workbook for a period (XLSX): every ledger entry posted in it (a debit and a
// credit column, as an accountant reads a journal), the gifts received in it with their receipt
// numbers, and each account's balance at the period's end. No donor's name or address: the
// accountant needs the numbers, and a receipt's number leads to the receipt if ever needed.
// Bounded: a period of at most a year and a little, and at most maxRows entries.
// Types only at the top: exceljs (8 MB of heap) is loaded with the first workbook.
import type ExcelJS from "exceljs";
import type { Db } from "../db/connection.js";
import type { DateString } from "../db/schema.js";
import { balancesOn, journalBetween } from "../ledger/service.js";
import { AppError } from "../lib/errors.js";
import { type MessageKey, translator } from "../messages.js";
import { projectRefsById } from "../programmes/service.js";
import { listGiftsReceived } from "./queries.js";

/** The longest period one workbook covers, in days. */
export const maxExportDays = 400;
/** The most ledger entries (and gifts) one workbook holds. */
export const maxExportRows = 100_000;

const vi = translator("vi");
const en = translator("en");
/** A heading in both languages: "Ngày / Date". */
const both = (key: MessageKey) => `${vi.t(key)} / ${en.t(key)}`;

function checkPeriod(from: DateString, to: DateString) {
  if (from > to) {
    throw new AppError("invalid_parameter", { parameter: "from", reason: "period_order" });
  }
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (days > maxExportDays) {
    throw new AppError("invalid_parameter", {
      parameter: "to",
      reason: "export_period_too_long",
      values: { days: maxExportDays },
    });
  }
}

function tooMany(parameter: string): AppError {
  return new AppError("invalid_parameter", {
    parameter,
    reason: "too_many_entries",
    values: { max: maxExportRows },
  });
}

function sheetWith(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: { key: MessageKey; width: number; money?: boolean }[],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: both(column.key),
    width: column.width,
    ...(column.money ? { style: { numFmt: "#,##0" } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

/** The workbook for a period, as the bytes of an XLSX file. */
export async function accountsWorkbook(
  db: Db,
  period: { from: DateString; to: DateString },
  now: Date,
): Promise<Buffer> {
  checkPeriod(period.from, period.to);
  const journal = await journalBetween(db, period.from, period.to, maxExportRows + 1);
  if (journal.length > maxExportRows) throw tooMany("to");
  const gifts = await listGiftsReceived(db, period.from, period.to, maxExportRows + 1);
  if (gifts.length > maxExportRows) throw tooMany("to");
  const balances = await balancesOn(db, period.to);
  const projects = await projectRefsById(
    db,
    gifts.flatMap((g) => (g.project_id ? [g.project_id] : [])),
  );

  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  workbook.created = now;
  workbook.creator = "Peerlink";

  const entries = sheetWith(workbook, vi.t("accounts_export.sheet_journal"), [
    { key: "accounts_export.date", width: 12 },
    { key: "accounts_export.transaction", width: 38 },
    { key: "accounts_export.kind", width: 12 },
    { key: "accounts_export.memo", width: 40 },
    { key: "accounts_export.reverses", width: 38 },
    { key: "accounts_export.account", width: 30 },
    { key: "accounts_export.account_name", width: 36 },
    { key: "accounts_export.debit", width: 16, money: true },
    { key: "accounts_export.credit", width: 16, money: true },
    { key: "accounts_export.currency", width: 8 },
  ]);
  for (const line of journal) {
    entries.addRow([
      line.occurredOn,
      line.transactionId,
      line.kind,
      line.memo,
      line.reverses ?? "",
      line.account,
      line.accountName.vi,
      line.amount > 0 ? line.amount : null,
      line.amount < 0 ? -line.amount : null,
      line.currency,
    ]);
  }

  const giftSheet = sheetWith(workbook, vi.t("accounts_export.sheet_gifts"), [
    { key: "accounts_export.receipt", width: 14 },
    { key: "accounts_export.date", width: 12 },
    { key: "accounts_export.amount", width: 16, money: true },
    { key: "accounts_export.purpose", width: 36 },
    { key: "accounts_export.route", width: 16 },
    { key: "accounts_export.pledge", width: 14 },
    { key: "accounts_export.transaction", width: 38 },
    // A gift in another currency (PayPal): what was given, PayPal's fee, the rate used.
    { key: "accounts_export.original_currency", width: 10 },
    { key: "accounts_export.original_amount", width: 14 },
    { key: "accounts_export.original_fee", width: 14 },
    { key: "accounts_export.vnd_rate", width: 12 },
    { key: "accounts_export.fee", width: 14, money: true },
  ]);
  for (const gift of gifts) {
    const project = gift.project_id ? projects.get(gift.project_id) : undefined;
    giftSheet.addRow([
      `${gift.receipt_number}/${gift.receipt_year}`,
      gift.received_on,
      gift.amount,
      project ? project.name.vi : vi.t("receipt.unrestricted"),
      gift.channel === "bank" ? (gift.method ?? "bank") : gift.channel,
      gift.reference ?? "",
      gift.ledger_transaction_id,
      gift.original_currency,
      gift.original_amount === null ? null : gift.original_amount / 100,
      gift.original_fee === null ? null : gift.original_fee / 100,
      gift.vnd_rate === null ? null : Number(gift.vnd_rate),
      gift.fee,
    ]);
  }

  const balanceSheet = sheetWith(workbook, vi.t("accounts_export.sheet_balances"), [
    { key: "accounts_export.account", width: 30 },
    { key: "accounts_export.account_name", width: 36 },
    { key: "accounts_export.account_kind", width: 10 },
    { key: "accounts_export.balance", width: 18, money: true },
  ]);
  for (const account of balances) {
    balanceSheet.addRow([account.code, account.name.vi, account.kind, account.balance]);
  }
  balanceSheet.addRow([]);
  balanceSheet.addRow([vi.t("accounts_export.balance_note", { date: period.to })]);
  balanceSheet.addRow([en.t("accounts_export.balance_note", { date: period.to })]);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
