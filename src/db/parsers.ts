// How both engines turn PostgreSQL's text values into JavaScript: the same types whichever engine
// answers (src/db/connection.ts for PostgreSQL, src/db/pglite-worker.ts for PGlite).

export const OID = { int8: 20, date: 1082 } as const;

/** int8 as a JS number: counts and versions stay far below 2^53; refuse silently wrong values. */
export function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n))
    throw new Error(`int8 value ${value} exceeds the safe integer range`);
  return n;
}

/** Calendar dates stay strings (YYYY-MM-DD): a JS Date would shift them by the time zone. */
export const parseDate = (value: string): string => value;

/** Passed with every PGlite query: a PGlite opened from a dump does not inherit parsers. */
export const pgliteParsers = { [OID.int8]: parseInt8, [OID.date]: parseDate };
