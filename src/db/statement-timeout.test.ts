// Each statement runs under the statement timeout of the request or job that sends it, on both
// engines: past it, the statement ends with query_timeout, its transaction is rolled back, what was
// committed stays, and the database goes on serving whoever comes next.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, testDatabaseUrl } from "../test-support/database.js";
import type { Database } from "./connection.js";
import { currentStatementTimeout, withStatementTimeout } from "./statement-timeout.js";

describe("a statement past its limit", () => {
  let database: Database;

  beforeAll(async () => {
    // On disk: PGlite reopens its data directory after the thread running the statement is ended.
    // One connection on PostgreSQL too, so whoever comes next waits as they do on PGlite.
    database = await openTestDatabase({ onDisk: true, connections: 1 });
    await sql`create table kept (n integer)`.execute(database.db);
  });
  afterAll(async () => {
    await database.close();
  });

  it("ends with query_timeout, rolls back its transaction, keeps what was committed, and serves the callers waiting", async () => {
    const { db } = database;
    await sql`insert into kept values (1)`.execute(db);
    const slow = withStatementTimeout(500, () =>
      db.transaction().execute(async (trx) => {
        await sql`insert into kept values (2)`.execute(trx);
        await sql`select pg_sleep(8)`.execute(trx);
      }),
    );
    const waiting = [1, 2, 3].map(() =>
      sql<{ n: number }>`select count(*)::int as n from kept`.execute(db),
    );
    await expect(slow).rejects.toMatchObject({
      code: "query_timeout",
      details: { values: { seconds: 1 } },
    });
    for (const answer of await Promise.all(waiting)) expect(answer.rows).toEqual([{ n: 1 }]);
    const { rows } = await sql<{ n: number }>`select n from kept order by n`.execute(db);
    expect(rows).toEqual([{ n: 1 }]);
    expect(await database.checkHealth(1_500)).toBe("ok");
  });

  it("limits only what runs inside it", async () => {
    const { db } = database;
    expect(currentStatementTimeout()).toBeUndefined();
    await withStatementTimeout(200, async () => {
      expect(currentStatementTimeout()).toBe(200);
      await expect(sql`select pg_sleep(3)`.execute(db)).rejects.toMatchObject({
        code: "query_timeout",
      });
    });
    // The same connection, lent now to code without a limit: the statement runs to its end.
    const { rows } = await sql<{ done: boolean }>`select true as done from pg_sleep(1)`.execute(db);
    expect(rows).toEqual([{ done: true }]);
  });

  it.skipIf(!testDatabaseUrl)(
    "sets PostgreSQL's statement_timeout for the borrower and resets it for the next",
    async () => {
      const { db } = database;
      const show = async () =>
        (await sql<{ statement_timeout: string }>`show statement_timeout`.execute(db)).rows[0]!
          .statement_timeout;
      const before = await show();
      expect(await withStatementTimeout(1_500, show)).toBe("1500ms");
      expect(await withStatementTimeout(30_000, show)).toBe("30s");
      expect(await show()).toBe(before);
      await expect(
        withStatementTimeout(300, () =>
          db.transaction().execute((trx) => sql`select pg_sleep(3)`.execute(trx)),
        ),
      ).rejects.toMatchObject({ code: "query_timeout" });
      expect(await show()).toBe(before);
    },
  );
});

describe.skipIf(testDatabaseUrl)("a database in memory", () => {
  it("cannot be reopened after its thread was ended, and says so", async () => {
    const database = await openTestDatabase();
    try {
      await expect(
        withStatementTimeout(300, () => sql`select pg_sleep(3)`.execute(database.db)),
      ).rejects.toMatchObject({ code: "query_timeout" });
      await expect(sql`select 1`.execute(database.db)).rejects.toMatchObject({
        code: "database_unavailable",
      });
      expect(await database.checkHealth(1_500)).toBe("unavailable");
    } finally {
      await database.close();
    }
  });
});
