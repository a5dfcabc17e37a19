// The finance API (src/donations/routes.ts, src/donations/receipt-routes.ts, src/ledger/routes.ts;
// `finance.manage`) as the finance screens use it: online only, never through the outbox — a bank
// line or a posting is not field work, and only the server knows which lines and pledges are
// still open and what a fund holds. A statement goes as the file's own bytes (text/csv or the XLSX
// type), as the server takes it. Requests go through the app's requestJson; refusals come as
// ApiError with the server's message in the user's language.
import { useMemo } from "preact/hooks";
import { getMeta } from "../db/meta.js";
import { getLocale, t } from "../i18n/i18n.js";
import {
  ApiError,
  type ApiOptions,
  NetworkError,
  RawBody,
  requestJson,
  ServerError,
} from "../sync/api.js";
import { useServices } from "../ui/context.js";
import type {
  Balances,
  BankLine,
  FundPosting,
  FundPostingKind,
  Gift,
  ImportSummary,
  WaitingPledge,
} from "./types.js";

export type * from "./types.js";

export type Settlement =
  | { decision: "gift"; pledge_reference: string }
  | { decision: "not_donation"; reason: string };

/** The column maps the server knows (`statementFormats` in src/donations/statement.ts). */
export type StatementFormat = "vietcombank";

/** The banks whose statements the server reads (its column maps), by their own names. */
export const statementBanks: readonly { format: StatementFormat; name: string }[] = [
  { format: "vietcombank", name: "Vietcombank" },
];

/** The server's limit (src/donations/statement.ts), checked here too so a large file is not sent. */
export const MAX_STATEMENT_BYTES = 5 * 1024 * 1024;
/** The longest reason the server keeps for "not a donation". */
export const MAX_REASON_LENGTH = 500;

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The type the server reads a statement file by, from its name: CSV or XLSX, else none. */
export function statementType(fileName: string): string | undefined {
  const name = fileName.toLowerCase();
  if (name.endsWith(".csv")) return "text/csv";
  if (name.endsWith(".xlsx")) return xlsxType;
  return undefined;
}

/** Where the server is and how to reach it: the same as the app's api. */
export type FinanceClientOptions = ApiOptions;

/** A period of the lists (calendar dates, both included); the server's defaults when left out. */
export interface Period {
  from?: string;
  to?: string;
  limit?: number;
}

/** What the finance officer types for an allocation or an expense, with the form's request key. */
export interface FundPostingBody {
  key: string;
  project_slug: string;
  amount: number;
  occurred_on: string;
  memo: string;
}

export interface ReversalBody {
  key: string;
  occurred_on: string;
  memo: string;
}

export interface FinanceClient {
  lines(): Promise<BankLine[]>;
  pledges(): Promise<WaitingPledge[]>;
  /** Balances at the end of a date (YYYY-MM-DD). */
  balances(on: string): Promise<Balances>;
  settle(lineId: string, settlement: Settlement): Promise<{ gift_id: string | null }>;
  importStatement(format: StatementFormat, file: Blob, type: string): Promise<ImportSummary>;
  /** Allocations or expenses (and their reversals) of a period, newest first. */
  postings(kind: FundPostingKind, period?: Period): Promise<FundPosting[]>;
  /** Posts one; the same key again answers with what it posted (a retry posts nothing twice). */
  post(kind: FundPostingKind, body: FundPostingBody): Promise<FundPosting>;
  /** Reverses an allocation or an expense; the answer is the reversal. */
  reverse(id: string, body: ReversalBody): Promise<FundPosting>;
  /** Gifts received in a period, oldest first, with their receipts. */
  gifts(period?: Period): Promise<Gift[]>;
}

/** A period as the lists' query string: "?from=…&to=…", or "" for the server's defaults. */
function periodQuery(period: Period = {}): string {
  const query = new URLSearchParams();
  if (period.from) query.set("from", period.from);
  if (period.to) query.set("to", period.to);
  if (period.limit) query.set("limit", String(period.limit));
  const text = query.toString();
  return text ? `?${text}` : "";
}

const postingPaths: Record<FundPostingKind, string> = {
  allocation: "/api/finance/allocations",
  expense: "/api/finance/expenses",
};

/** Where a gift's receipt (PDF) is read with the officer's session. */
export const receiptHref = (giftId: string) =>
  `/api/finance/gifts/${encodeURIComponent(giftId)}/receipt`;

export function createFinanceClient(options: FinanceClientOptions): FinanceClient {
  const call = <T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> =>
    requestJson<T>(options, method, path, body);
  return {
    lines: async () => (await call<{ lines: BankLine[] }>("GET", "/api/finance/lines")).lines,
    pledges: async () =>
      (await call<{ pledges: WaitingPledge[] }>("GET", "/api/finance/pledges")).pledges,
    balances: (on) => call("GET", `/api/finance/balances?on=${encodeURIComponent(on)}`),
    settle: (lineId, settlement) =>
      call("POST", `/api/finance/lines/${encodeURIComponent(lineId)}/settle`, settlement),
    importStatement: async (format, file, type) =>
      (
        await call<{ summary: ImportSummary }>(
          "POST",
          `/api/finance/statements?format=${encodeURIComponent(format)}`,
          new RawBody(type, file),
        )
      ).summary,
    postings: async (kind, period) =>
      (
        await call<{ postings: FundPosting[] }>(
          "GET",
          `${postingPaths[kind]}${periodQuery(period)}`,
        )
      ).postings,
    post: async (kind, body) =>
      (await call<{ posting: FundPosting }>("POST", postingPaths[kind], body)).posting,
    reverse: async (id, body) =>
      (
        await call<{ posting: FundPosting }>(
          "POST",
          `/api/finance/transactions/${encodeURIComponent(id)}/reversal`,
          body,
        )
      ).posting,
    gifts: async (period) =>
      (await call<{ gifts: Gift[] }>("GET", `/api/finance/gifts${periodQuery(period)}`)).gifts,
  };
}

/** The finance API with the session's CSRF token and the app's language. */
export function useFinanceClient(): FinanceClient {
  const { db } = useServices();
  return useMemo(
    () =>
      createFinanceClient({
        baseUrl: "",
        fetch: (input, init) => fetch(input, init),
        csrfToken: async () => (await getMeta(db, "session"))?.csrf_token,
        locale: getLocale,
      }),
    [db],
  );
}

/** Words for a failure: the server's own message, a fault of the server, or no network. */
export function financeFailure(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof ServerError) return t("finance.server_error", { status: error.status });
  if (error instanceof NetworkError) return t("finance.no_network");
  return String(error);
}
