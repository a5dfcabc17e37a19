import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../test-support/database.js";
import { migrate, readMigrations } from "./migrate.js";

describe("migrate", () => {
  const opened = openTestDatabase();
  afterAll(async () => (await opened).close());

  it("records every migration once and is a no-op the second time", async () => {
    const database = await opened;
    const rows = await database.db
      .selectFrom("schema_migrations")
      .select(["version", "name"])
      .execute();
    expect(rows.map((r) => r.version)).toEqual(readMigrations().map((m) => m.version));
    const again = await migrate(database);
    expect(again.applied).toEqual([]);
  });

  it("refuses a migration whose file changed after it was applied", async () => {
    const database = await opened;
    const [first, ...rest] = readMigrations();
    const changed = { ...first!, script: `${first!.script}\n-- edited`, checksum: "different" };
    await expect(migrate(database, [changed, ...rest])).rejects.toThrow(
      /changed after it was applied/,
    );
  });

  it("lets two migrations race without applying anything twice", async () => {
    const database = await opened;
    const reports = await Promise.all([migrate(database), migrate(database)]);
    expect(reports.flatMap((r) => r.applied)).toEqual([]);
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from schema_migrations`.execute(database.db);
    expect(rows[0]!.n).toBe(readMigrations().length);
  });
});
