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
