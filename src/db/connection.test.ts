import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../test-support/database.js";
import { readSnapshot } from "./reading.js";

describe("the database interface", () => {
  const opened = openTestDatabase();
  afterAll(async () => (await opened).close());

  it("gives the same JavaScript types on PGlite and on PostgreSQL", async () => {
    const { db } = await opened;
    const { rows } = await sql<{ day: unknown; big: unknown; n: unknown; at: unknown }>`
      select '2011-07-01'::date as day, 9007199254740991::int8 as big, count(*) as n, now() as at
        from (values (1), (2)) as v(x)`.execute(db);
    expect(rows[0]).toEqual({
      day: "2011-07-01",
      big: 9007199254740991,
      n: 2,
      at: expect.any(Date),
    });
  });

  it("refuses an int8 beyond the safe integer range instead of rounding it", async () => {
    const { db } = await opened;
    await expect(sql`select 9007199254740993::int8 as big`.execute(db)).rejects.toThrow(
      /safe integer/,
    );
  });

  it("rolls back a failed transaction as a whole", async () => {
    const { db } = await opened;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto("organisations")
          .values({
            slug: "rollback",
            short_name: "R",
            name_vi: "R",
            name_en: "R",
            kind: "cbo",
            website: null,
          })
          .execute();
        await sql`select 1/0`.execute(trx);
      }),
    ).rejects.toThrow();
    const left = await db
      .selectFrom("organisations")
      .where("slug", "=", "rollback")
      .selectAll()
      .execute();
    expect(left).toEqual([]);
  });

  it("on PGlite, lets a snapshot for a page go before writers that have not waited long", async () => {
    const { db, engine } = await opened;
    if (engine !== "pglite") return; // PostgreSQL has a connection for each
    const order: string[] = [];
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const holding = db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      await gate;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const writer = db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      order.push("writer");
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const reader = readSnapshot(db, async (snapshot) => {
      await sql`select 1`.execute(snapshot);
      order.push("snapshot");
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    open();
    await Promise.all([holding, writer, reader]);
    expect(order).toEqual(["snapshot", "writer"]);
  });
});
