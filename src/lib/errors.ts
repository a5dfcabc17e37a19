// Errors with stable codes. Services throw AppError(code, details); the HTTP layer maps each code
// to a status once (here) and to a message in the visitor's language (i18n key `error.<code>`).
export const errorStatus = {
  invalid_parameter: 400,
  invalid_body: 400,
  /** The database refused a value as invalid input: a check the schemas missed (logged). */
  invalid_value: 400,
  /** An upload that is not an image we take: its type (sniffed), its pixels, its bytes unreadable. */
  invalid_image: 400,
  /** A body over its route's limit, on routes that say so as a 400 (src/http/body-limit.ts). */
  body_too_large: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  /** A save made from a revision that is no longer the latest: someone saved meanwhile. */
  edit_conflict: 409,
  payload_too_large: 413,
  /** An upload larger than its limit (src/limits/limits.ts), refused before it is read through. */
  file_too_large: 413,
  too_many_attempts: 429,
  /** An action done more often than its rate limit allows (src/lib/rate-limit.ts): a public form,
   * a test send — not a log-in, which has too_many_attempts. */
  too_many_requests: 429,
  database_unavailable: 503,
  /** Too much of one kind of work is waiting already (image uploads): nothing done, try later. */
  busy: 503,
  /** A statement of the request ran past its request class's limit (src/limits/limits.ts). */
  query_timeout: 503,
  /** Something the server needs for this is not installed (Chromium for PDFs). */
  feature_unavailable: 503,
  data_dir_invalid: 500,
  data_dir_in_use: 500,
  /** An answer larger than its request class's bound: the limits on input should have stopped it. */
  answer_too_large: 500,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface ErrorDetails {
  /** The input that was wrong (a query parameter, a field). */
  parameter?: string;
  /** Why, as a key into the messages (`reason.<key>`), so it can be said in either language. */
  reason?: string;
  /** Operator-facing detail (English, never personal data), for logs and the CLI. */
  detail?: string;
  /** Values the message needs, e.g. `{ max: 500 }`. */
  values?: Record<string, string | number>;
  /** The latest revision of a content item (edit_conflict), so the editor can load it. */
  revision?: number;
}

export class AppError extends Error {
  override name = "AppError";

  constructor(
    readonly code: ErrorCode,
    readonly details: ErrorDetails = {},
  ) {
    super(details.detail ?? code);
  }

  get status(): number {
    return errorStatus[this.code];
  }
}
