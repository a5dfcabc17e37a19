// Upkeep the embedded database needs and PostgreSQL does by itself. PGlite runs PostgreSQL as a
// single user, with no autovacuum: nothing would ever refresh the planner's statistics, and a
// planner without them joins a few hundred referrals to their clients by reading every client
// once per referral (the public release took twice as long on the demo), and the space of rows
// updated or deleted would never be reused. So the statistics are refreshed after every bulk load
// (the demo, a restore) and every hour, and the tables are vacuumed every night, by background
// jobs. A PostgreSQL server's autovacuum does both, so no job is defined there.
import { sql } from "kysely";
import type { JobDefinition } from "../jobs/runner.js";
import type { Database, Db } from "./connection.js";

/** Refreshes the planner's statistics of every table (ANALYZE: a sample of each, not all rows). */
export async function refreshStatistics(db: Db): Promise<void> {
  await sql`analyze`.execute(db);
}

/** Marks the space of rows updated or deleted for reuse, and refreshes the statistics with it. */
export async function vacuum(db: Db): Promise<void> {
  await sql`vacuum (analyze)`.execute(db);
}

export const STATISTICS_QUEUE = "database-statistics";
export const VACUUM_QUEUE = "database-vacuum";

/** The embedded database's upkeep as background jobs; none on a PostgreSQL server. */
export function maintenanceJobs(database: Database): JobDefinition[] {
  if (database.engine !== "pglite") return [];
  return [
    {
      queue: STATISTICS_QUEUE,
      retryLimit: 1,
      retryDelaySeconds: 300,
      expireInSeconds: 10 * 60,
      // A sample of each table: seconds on the largest programme benchmarked (bench/indicators).
      statementTimeoutMs: 5 * 60_000,
      cron: "17 * * * *",
      handle: async (job) => {
        const started = performance.now();
        await refreshStatistics(database.db);
        job.log.info({ ms: Math.round(performance.now() - started) }, "statistics refreshed");
      },
    },
    {
      queue: VACUUM_QUEUE,
      retryLimit: 1,
      retryDelaySeconds: 600,
      expireInSeconds: 30 * 60,
      // Reads every table once: it holds the embedded database's one connection meanwhile, so at
      // night, when no one works; stopped (and the database reopened) past the limit, harmlessly.
      statementTimeoutMs: 20 * 60_000,
      cron: "47 3 * * *",
      handle: async (job) => {
        const started = performance.now();
        await vacuum(database.db);
        job.log.info({ ms: Math.round(performance.now() - started) }, "tables vacuumed");
      },
    },
  ];
}
