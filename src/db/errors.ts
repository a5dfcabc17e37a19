// What a database error says about its cause, the same for PGlite and a PostgreSQL server (both
// report PostgreSQL's SQLSTATE code and severity).

/**
 * The SQLSTATE of a "data exception" (class 22: text with a NUL, a date out of range, a number too
 * large for its column), or undefined for any other error: the database refused a value it was
 * given, which a request's checks should have refused first.
 */
export function dataExceptionCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, severity } = error as { code?: unknown; severity?: unknown };
  if (typeof code !== "string" || typeof severity !== "string") return undefined;
  return code.startsWith("22") ? code : undefined;
}

/**
 * The name of the unique index or constraint a write broke (SQLSTATE 23505), or undefined for any
 * other error: two requests raced for the same value, and the one that lost must be told so.
 */
export function uniqueViolation(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  if (code !== "23505") return undefined;
  return typeof constraint === "string" ? constraint : "";
}
