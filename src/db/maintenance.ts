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
    upkeepJob(database, {
      queue: STATISTICS_QUEUE,
      cron: "17 * * * *",
      // A sample of each table: seconds on the largest programme benchmarked (bench/indicators).
      limitMinutes: 5,
      work: refreshStatistics,
      done: "statistics refreshed",
    }),
    upkeepJob(database, {
      queue: VACUUM_QUEUE,
      cron: "47 3 * * *",
      // Reads every table once: it holds the embedded database's one connection meanwhile, so at
      // night, when no one works; stopped (and the database reopened) past the limit, harmlessly.
      limitMinutes: 20,
      work: vacuum,
      done: "tables vacuumed",
    }),
  ];
}

/** One upkeep job: `work` on its schedule, retried once, its time logged when `done`. */
function upkeepJob(
  database: Database,
  job: {
    queue: string;
    cron: string;
    /** How long its statement may run; a delivery expires ten minutes after that. */
    limitMinutes: number;
    work: (db: Db) => Promise<void>;
    done: string;
  },
): JobDefinition {
  return {
    queue: job.queue,
    cron: job.cron,
    retryLimit: 1,
    retryDelaySeconds: 300,
    statementTimeoutMs: job.limitMinutes * 60_000,
    expireInSeconds: (job.limitMinutes + 10) * 60,
    handle: async (delivery) => {
      const started = performance.now();
      await job.work(database.db);
      delivery.log.info({ ms: Math.round(performance.now() - started) }, job.done);
    },
  };
}
