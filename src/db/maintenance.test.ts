// The embedded database has no autovacuum: its statistics are refreshed after a bulk load and by
// an hourly job, so the planner knows how many rows each table holds.
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../test-support/database.js";
import type { Db } from "./connection.js";
import {
  maintenanceJobs,
  refreshStatistics,
  STATISTICS_QUEUE,
  VACUUM_QUEUE,
} from "./maintenance.js";

/** The planner's count of a table's rows: -1 until statistics are first gathered. */
async function plannedRows(db: Db, table: string): Promise<number> {
  const { rows } = await sql<{ reltuples: number }>`
    select reltuples::float8 as reltuples from pg_class where relname = ${table}`.execute(db);
  return Number(rows[0]!.reltuples);
}

describe("the embedded database's upkeep", () => {
  const opened = openTestDatabase();
  afterAll(async () => (await opened).close());

  it("refreshes the planner's statistics hourly and vacuums nightly, by jobs on PGlite only", async () => {
    const database = await opened;
    const { db } = database;
    await sql`create table upkeep_probe (n int)`.execute(db);
    await sql`insert into upkeep_probe select generate_series(1, 500)`.execute(db);
    expect(await plannedRows(db, "upkeep_probe")).toBe(-1);

    const jobs = maintenanceJobs(database);
    if (database.engine === "postgres") {
      // A server's autovacuum keeps them.
      expect(jobs).toEqual([]);
      await refreshStatistics(db);
    } else {
      expect(jobs.map((j) => [j.queue, j.cron])).toEqual([
        [STATISTICS_QUEUE, "17 * * * *"],
        [VACUUM_QUEUE, "47 3 * * *"],
      ]);
      const logged: string[] = [];
      const run = (job: (typeof jobs)[number]) =>
        job.handle({
          id: "1",
          data: {},
          retryCount: 0,
          lastAttempt: false,
          signal: new AbortController().signal,
          log: {
            info: (_: object, message: string) => logged.push(message),
            warn: () => {},
            error: () => {},
          },
        });
      await run(jobs[0]!);
      expect(await plannedRows(db, "upkeep_probe")).toBe(500);
      // Half the rows deleted: the nightly vacuum (with ANALYZE) counts again.
      await sql`delete from upkeep_probe where n > 250`.execute(db);
      await run(jobs[1]!);
      expect(await plannedRows(db, "upkeep_probe")).toBe(250);
      expect(logged).toEqual(["statistics refreshed", "tables vacuumed"]);
    }
    expect(await plannedRows(db, "upkeep_probe")).toBeGreaterThan(0);
  });
});
