// The job runner on our own database, PGlite or PostgreSQL: pg-boss installs itself in its own
// schema, jobs queued in a transaction exist only if it commits, a failing job is retried with its
// error kept in the log, and stopping hands a running job back to the queue.
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { currentStatementTimeout } from "../db/statement-timeout.js";
import { newId } from "../lib/ids.js";
import { openTestDatabase } from "../test-support/database.js";
import { gate, memoryLog, testJobRunnerOptions, waitFor } from "../test-support/jobs.js";
import { bossDb } from "./boss-db.js";
import { createJobRunner, type JobContext, type JobDefinition, type JobRunner } from "./runner.js";

let database: Database;
let runner: JobRunner | undefined;

beforeEach(async () => {
  database = await openTestDatabase();
});
afterEach(async () => {
  await runner?.stop();
  runner = undefined;
  await database.close();
});

async function startRunner(definitions: JobDefinition[], log = memoryLog().log) {
  runner = createJobRunner(database, definitions, testJobRunnerOptions);
  await runner.start(log);
  return runner;
}

function echoQueue(seen: JobContext[], handle?: (job: JobContext) => Promise<void>): JobDefinition {
  return {
    queue: "test-echo",
    retryLimit: 1,
    retryDelaySeconds: 0,
    expireInSeconds: 60,
    handle: async (job) => {
      seen.push(job);
      await handle?.(job);
    },
  };
}

async function jobState(id: string): Promise<string | undefined> {
  const { rows } = await sql<{ state: string }>`
    select state::text as state from pgboss.job where id = ${id}`.execute(database.db);
  return rows[0]?.state;
}

describe("the job runner", () => {
  it("installs pg-boss in its own schema and runs a job queued in a committed transaction, under its statement timeout", async () => {
    const seen: JobContext[] = [];
    const limits: (number | undefined)[] = [];
    const jobs = await startRunner([
      {
        ...echoQueue(seen, async () => {
          limits.push(currentStatementTimeout());
        }),
        statementTimeoutMs: 45_000,
      },
    ]);
    const id = newId();
    await database.db.transaction().execute(async (trx) => {
      await jobs.send(trx, "test-echo", { hello: "world" }, { id });
    });
    jobs.wake("test-echo");
    await waitFor(async () => ((await jobState(id)) === "completed" ? true : undefined), "the job");
    expect(seen.map((job) => [job.id, job.data, job.retryCount, job.lastAttempt])).toEqual([
      [id, { hello: "world" }, 0, false],
    ]);
    expect(limits).toEqual([45_000]);
    const { rows } = await sql<{ schema: string }>`
      select distinct table_schema as schema from information_schema.tables
      where table_name in ('job', 'queue', 'version')`.execute(database.db);
    expect(rows.map((r) => r.schema)).toEqual(["pgboss"]);
  });

  it("queues nothing when the transaction rolls back, and one job for an id sent twice", async () => {
    const jobs = await startRunner([echoQueue([])]);
    const rolledBack = newId();
    await expect(
      database.db.transaction().execute(async (trx) => {
        await jobs.send(trx, "test-echo", {}, { id: rolledBack });
        throw new Error("the request failed after queueing");
      }),
    ).rejects.toThrow("the request failed");
    expect(await jobState(rolledBack)).toBeUndefined();

    const twice = newId();
    await jobs.send(database.db, "test-echo", { n: 1 }, { id: twice });
    await jobs.send(database.db, "test-echo", { n: 2 }, { id: twice });
    const { rows } = await sql<{ data: unknown }>`
      select data from pgboss.job where id = ${twice}`.execute(database.db);
    expect(rows).toEqual([{ data: { n: 1 } }]);
  });

  it("retries a job whose handler throws, keeping the error in the log and out of pg-boss's row", async () => {
    const seen: JobContext[] = [];
    const { lines, log } = memoryLog();
    const jobs = await startRunner(
      [
        echoQueue(seen, async (job) => {
          if (job.retryCount === 0) throw new Error("the renderer tripped on row 12");
        }),
      ],
      log,
    );
    const id = newId();
    await jobs.send(database.db, "test-echo", {}, { id });
    jobs.wake("test-echo");
    await waitFor(async () => ((await jobState(id)) === "completed" ? true : undefined), "a retry");
    expect(seen.map((job) => [job.retryCount, job.lastAttempt])).toEqual([
      [0, false],
      [1, true],
    ]);
    const failure = lines.find((line) => line.level === "error")!;
    expect(failure.message).toBe("background job failed");
    expect(String((failure.details.err as Error).stack)).toContain("row 12");
    const { rows } = await sql<{ everything: string }>`
      select j::text as everything from pgboss.job j where id = ${id}`.execute(database.db);
    expect(rows[0]!.everything).not.toContain("row 12");
  });

  /**
   * Starts a job whose handler runs until its signal aborts it, then stops the runner while it
   * runs: the job's id, and the reason the handler was given.
   */
  async function stopWhileRunning(): Promise<{ id: string; interrupted: unknown }> {
    const started = gate();
    let interrupted: unknown;
    const jobs = await startRunner([
      echoQueue([], async (job) => {
        started.open();
        await new Promise<void>((_, reject) => {
          job.signal.addEventListener("abort", () => {
            interrupted = job.signal.reason;
            reject(job.signal.reason);
          });
        });
      }),
    ]);
    const id = newId();
    await jobs.send(database.db, "test-echo", {}, { id });
    jobs.wake("test-echo");
    await started.opened;
    await jobs.stop();
    runner = undefined;
    return { id, interrupted };
  }

  it("on stop, interrupts a job still running and hands it back to the queue", async () => {
    const { id, interrupted } = await stopWhileRunning();
    expect(String(interrupted)).toContain("stopping");
    expect(await jobState(id)).toBe("retry");
  });

  it("on stop, waits for pg-boss to record the interrupted delivery: nothing runs on a closed database", async () => {
    const late: unknown[] = [];
    const keep = (reason: unknown) => late.push(reason);
    process.on("unhandledRejection", keep);
    try {
      await stopWhileRunning();
      // As a server does on SIGTERM: the database closes the moment the jobs have stopped.
      await database.close();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(late).toEqual([]);
    } finally {
      process.off("unhandledRejection", keep);
      database = await openTestDatabase();
    }
  });
});

describe("pg-boss's database adapter", () => {
  it("runs scripts and parameterised statements, and recovers from a failed script", async () => {
    const boss = bossDb(database.db);
    await boss.executeSql("create temp table t (n int); insert into t values (1), (2);", []);
    expect((await boss.executeSql("select count(*) as n from t", [])).rows).toEqual([{ n: 2 }]);
    const { rows } = await boss.executeSql("select $1::int + 1 as n", [41]);
    expect(rows).toEqual([{ n: 42 }]);
    // pg-boss wraps its schema changes in BEGIN … COMMIT: a failure inside must not leave the
    // connection in an aborted transaction (PGlite has only one).
    await expect(boss.executeSql("begin; select 1/0; commit;", [])).rejects.toThrow(/division/);
    for (let i = 0; i < 5; i += 1) {
      expect((await boss.executeSql("select 1 as ok", [])).rows).toEqual([{ ok: 1 }]);
    }
  });
});
