// The embedded database in its own thread: a statement runs there, not on the server's event loop,
// and what it answers — rows, errors with PostgreSQL's fields — crosses back unchanged.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, testDatabaseUrl } from "../test-support/database.js";
import type { Database } from "./connection.js";

describe.skipIf(testDatabaseUrl)("PGlite in its own thread", () => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it("leaves the event loop free while a statement runs", async () => {
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
    }, 20);
    try {
      await sql`select pg_sleep(2)`.execute(database.db);
    } finally {
      clearInterval(timer);
    }
    // Two seconds of 20 ms ticks: on the event loop's own thread the statement would allow none.
    expect(ticks).toBeGreaterThan(20);
  });

  it("gives a failed statement's PostgreSQL fields back to the caller", async () => {
    await sql`create table uniq (n integer constraint uniq_n unique)`.execute(database.db);
    await sql`insert into uniq values (1)`.execute(database.db);
    await expect(sql`insert into uniq values (1)`.execute(database.db)).rejects.toMatchObject({
      message: expect.stringMatching(/duplicate key value violates unique constraint "uniq_n"/),
      code: "23505",
      constraint: "uniq_n",
    });
    // The connection is usable again after the error.
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from uniq`.execute(
      database.db,
    );
    expect(rows).toEqual([{ n: 1 }]);
  });
});
