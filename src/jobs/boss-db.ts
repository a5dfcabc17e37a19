// pg-boss's database adapter (its `db` option: `executeSql(text, values)`), over our own Kysely
// handle instead of a pool of pg-boss's own. Going through Kysely matters on PGlite: its single
// connection is lent to one caller at a time (src/db/connection.ts), so a pg-boss query never lands
// inside an application transaction, and both engines share one code path.
import { CompiledQuery } from "kysely";
import type PgBoss from "pg-boss";
import type { Db } from "../db/connection.js";
import { currentStatementTimeout, withStatementTimeout } from "../db/statement-timeout.js";

/**
 * Without parameters the text may be a script of several statements (pg-boss's schema creation,
 * migrations and maintenance): both engines run it with the simple protocol. pg-boss reads rows
 * only from single statements, which both engines return; of a script, PGlite gives the last
 * statement's rows and pg none, and pg-boss reads neither. With parameters it is one statement.
 *
 * On a transaction handle (`trx`), pg-boss writes inside that transaction: a job sent with it exists
 * exactly when the transaction commits.
 *
 * pg-boss's own loops (fetching, completing, maintenance) run outside any request or job: their
 * statements get `statementTimeoutMs`, when given; inside a request they keep the request's limit.
 */
export function bossDb(db: Db, statementTimeoutMs?: number): PgBoss.Db {
  if (db.isTransaction) {
    return {
      executeSql: (text, values) => db.executeQuery(CompiledQuery.raw(text, values ?? [])),
    };
  }
  const limited = <T>(run: () => Promise<T>): Promise<T> =>
    statementTimeoutMs === undefined || currentStatementTimeout() !== undefined
      ? run()
      : withStatementTimeout(statementTimeoutMs, run);
  return {
    executeSql: (text, values) =>
      limited(() =>
        db.connection().execute(async (connection) => {
          try {
            return await connection.executeQuery(CompiledQuery.raw(text, values ?? []));
          } catch (error) {
            // A failed script that opened a transaction (pg-boss's `BEGIN; …; COMMIT;`) leaves the
            // connection in an aborted transaction; give it back clean, or on PGlite every later
            // query would fail. Outside a transaction ROLLBACK only warns.
            await connection.executeQuery(CompiledQuery.raw("rollback")).catch(() => {});
            throw error;
          }
        }),
      ),
  };
}
