// Writes generated rows fast: a table's rows go as one array per column, and each chunk is one
// `INSERT … SELECT … FROM unnest($1::uuid[], $2::int4[], …)` statement, all chunks of a table in
// one transaction. One statement per 20,000 rows instead of one per row is what makes the embedded
// engine usable for a million rows (it pays per statement, not per row).
import { sql } from "kysely";
import type { Db } from "../../src/db/connection.js";

export interface Column {
  /** The table's column. */
  name: string;
  /** The element type of the parameter array: uuid, int4, float8, text, bool. */
  type: string;
  /** SQL that turns the array's element (`u.<name>`) into the column's value; the element by default. */
  as?: (element: string) => string;
  value: (row: number) => unknown;
}

export interface TableRows {
  table: string;
  count: number;
  columns: Column[];
}

export interface LoadStat {
  table: string;
  rows: number;
  /** Time to draw the rows in memory (filled by the caller) and to insert them. */
  drawMs: number;
  insertMs: number;
}

const CHUNK = 20_000;

/** A timestamp column from epoch milliseconds. */
export const sqlTimestamp = (element: string) => `to_timestamp(${element} / 1000.0)`;

export async function insertRows(db: Db, rows: TableRows): Promise<number> {
  const started = performance.now();
  const names = sql.join(rows.columns.map((c) => sql.ref(c.name)));
  const values = sql.join(
    rows.columns.map((c) => sql.raw(c.as ? c.as(`u.${c.name}`) : `u.${c.name}`)),
  );
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < rows.count; start += CHUNK) {
      const end = Math.min(rows.count, start + CHUNK);
      const arrays = rows.columns.map((c) => {
        const array = new Array(end - start);
        for (let i = start; i < end; i++) array[i - start] = c.value(i);
        return sql`${array}::${sql.raw(c.type)}[]`;
      });
      try {
        await sql`insert into ${sql.table(rows.table)} (${names})
          select ${values} from unnest(${sql.join(arrays)}) as u(${names})`.execute(trx);
      } catch (error) {
        // The error carries every parameter (megabytes of ids): keep only what explains it.
        const { message, detail } = error as { message: string; detail?: string };
        throw new Error(
          `inserting ${rows.table} rows ${start}–${end - 1}: ${message}${detail ? ` (${detail})` : ""}`,
        );
      }
    }
  });
  return performance.now() - started;
}
