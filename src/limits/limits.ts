// Every limit a request or a background job meets, in one place: how long each statement may run
// (by request class), how large an answer may be, and how much a request may ask for — period
// spans, breakdown sizes. docs/architecture.md says how each is enforced, docs/api.md what a
// client sees when it meets one.
import type { Action } from "../auth/policy.js";

const MiB = 1024 * 1024;

export interface RequestLimits {
  /** Longest a statement of the request may run; past it the request fails with query_timeout. */
  statementTimeoutMs: number;
  /** Largest answer the request may send (a bug guard: the limits on input keep answers smaller). */
  maxAnswerBytes: number;
}

/**
 * Requests by class. Times are for the large programme of bench/indicators on the slower engine,
 * PGlite, with room to spare: its slowest statement of a three-year dashboard takes 5 s, a year's
 * export about 20 s in all.
 */
export const requestClasses = {
  /**
   * Public pages, the public API, signing in, /healthz: anyone may send them, so what they ask is
   * fixed or small, and a statement that still runs long is cut short.
   */
  public: { statementTimeoutMs: 5_000, maxAnswerBytes: 2 * MiB },
  /**
   * Signed-in staff: dashboards, indicators, records, targets, accounts, the audit log, asking for
   * and downloading exports (a stored file of a few megabytes).
   */
  staff: { statementTimeoutMs: 30_000, maxAnswerBytes: 32 * MiB },
  /** The staff app's sync: a push of up to 500 changes in one transaction, a page of a pull. */
  sync: { statementTimeoutMs: 30_000, maxAnswerBytes: 16 * MiB },
} as const satisfies Record<string, RequestLimits>;

export type RequestClass = keyof typeof requestClasses;

/** A route's class, from the action it declares (src/auth/policy.ts). */
export function requestClassOf(action: Action | undefined): RequestClass {
  if (action === undefined || action === "public") return "public";
  if (action === "sync.push" || action === "sync.pull") return "sync";
  return "staff";
}

/** Background work, which no request waits for. */
export const jobStatementTimeouts = {
  /** One export's statements (a report over the longest period allowed, every breakdown). */
  export: 120_000,
  /** The job queue's own statements (pg-boss fetching, completing and tidying jobs). */
  queue: 60_000,
} as const;

/** GET /healthz answers within this, whatever the database is doing. */
export const healthCheckMs = 1_500;

/**
 * The longest period, in calendar months touched, of the staff indicators API, the dashboards and
 * exports: five years, a donor's usual programme cycle (the large programme of bench/indicators is
 * three). A period is what drives the work: every month is a column of the trends and exports.
 */
export const maxPeriodMonths = 60;

/** Dates anywhere in a period or a date parameter: outside these years they are typing mistakes. */
export const minYear = 1900;
export const maxYear = 2100;

/**
 * The staff indicators API's breakdowns: at most this many in one request, and at most this many
 * cells in the answer, counted before anything is computed (a cell is about 100 bytes of JSON,
 * so 50,000 cells are about 5 MB). A three-year dashboard of the large programme has about 5,000.
 */
export const maxDisaggregations = 12;
export const maxCells = 50_000;

/**
 * An image upload (POST /api/media, src/media/): the file's size, refused from the request's
 * Content-Length before any of it is read, and again while reading one sent without it; and its
 * pixels, read from the file's header before anything is decoded (a small file can decode to
 * gigabytes). 10 MB holds a phone's photo; 40 megapixels a good camera's.
 */
export const maxImageBytes = 10 * MiB;
export const maxImagePixels = 40_000_000;
/**
 * Uploads waiting for the one being processed (one at a time per process: src/media/process.ts).
 * Each holds its file in memory while it waits; beyond these, an upload is refused at once (503,
 * "busy": nothing kept, safe to retry) rather than held for minutes with its 10 MB.
 */
export const maxImagesWaiting = 4;
