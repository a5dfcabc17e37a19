// Reading raw SQL results in tests: columns are numbers unless the caller says otherwise.
import type { RawBuilder } from "kysely";
import type { Db } from "../db/connection.js";

type Row = Record<string, number>;

/** The first row of a query. */
export async function one<T = Row>(db: Db, query: RawBuilder<unknown>): Promise<T> {
  const { rows } = await query.execute(db);
  return rows[0] as T;
}

export async function all<T = Row>(db: Db, query: RawBuilder<unknown>): Promise<T[]> {
  return (await query.execute(db)).rows as T[];
}
