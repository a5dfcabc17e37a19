// Background jobs in the web server's own process, on pg-boss 10: queues and jobs are rows in
// PostgreSQL (schema `pgboss`, created and migrated by pg-boss at start), so a job survives a
// restart, several app processes share one queue, and it works the same on PGlite and on a server.
// A feature describes its jobs as JobDefinitions; main.ts starts the runner after migrations and
// stops it before the database closes.
import PgBoss from "pg-boss";
import type { Database, Db } from "../db/connection.js";
import { withStatementTimeout } from "../db/statement-timeout.js";
import { timeZone } from "../lib/i18n.js";
import { jobStatementTimeouts } from "../limits/limits.js";
import { bossDb } from "./boss-db.js";

export const BOSS_SCHEMA = "pgboss";

/** The logger jobs write to (Fastify's logger fits). */
export interface JobLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** One delivery of a job to its handler. */
export interface JobContext {
  id: string;
  /** The job's data as sent: the handler checks its shape (it may come from an older version). */
  data: unknown;
  /** Earlier deliveries of this job: 0 on the first. */
  retryCount: number;
  /** A failure now is final: pg-boss will not deliver the job again. */
  lastAttempt: boolean;
  /** Aborted when the delivery runs out of time or the runner stops. */
  signal: AbortSignal;
  log: JobLog;
}

export interface JobDefinition {
  queue: string;
  /**
   * Deliveries after the first when the handler throws, runs out of time, or its process stops
   * (a crash included: the job expires and is handed out again).
   */
  retryLimit: number;
  retryDelaySeconds: number;
  /** How long one delivery may run before pg-boss hands the job out again. */
  expireInSeconds: number;
  /** The limit of each statement of a delivery (src/limits/limits.ts); none when left out. */
  statementTimeoutMs?: number;
  /** A cron line, in Vietnam's time: pg-boss sends the job itself on it. */
  cron?: string;
  /** Resolves when the job is done; throws to have pg-boss retry it (or fail it on the last try). */
  handle(job: JobContext): Promise<void>;
  /**
   * Called (with the job's data) once the job has failed for good: its last delivery threw, ran
   * out of time, or died with its process. Runs from pg-boss's dead-letter queue `<queue>-failed`,
   * so it happens even when no handler was left to notice.
   */
  onFailure?(job: JobContext): Promise<void>;
}

/** What a service needs to queue work. */
export interface JobQueue {
  /**
   * Adds a job through `db`: given a transaction, the job exists exactly when it commits. With an
   * `id` already used, nothing is added (a retried request queues one job, not two).
   */
  send(db: Db, queue: string, data: object, options?: { id?: string }): Promise<void>;
  /** Lets this process's worker fetch at once instead of at its next poll (call after commit). */
  wake(queue: string): void;
}

export interface JobRunner extends JobQueue {
  start(log: JobLog): Promise<void>;
  /** Stops fetching, lets running jobs finish for a while, then hands the rest back to the queue. */
  stop(): Promise<void>;
}

export interface JobRunnerOptions {
  /** Seconds between a worker's polls when nothing wakes it (pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
  /** Whether cron schedules run (pg-boss's timekeeper); tests leave them off. */
  schedules?: boolean;
  /** Seconds `stop` waits for running jobs before interrupting them. */
  stopTimeoutSeconds?: number;
}

interface Delivery {
  id: string;
  data: unknown;
  retryCount: number;
  retryLimit: number;
  expireInSeconds: number | string;
}

export function createJobRunner(
  database: Database,
  definitions: readonly JobDefinition[],
  options: JobRunnerOptions = {},
): JobRunner {
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  const schedules = options.schedules ?? true;
  const stopTimeoutSeconds = options.stopTimeoutSeconds ?? 10;
  let boss: PgBoss | undefined;
  let log: JobLog | undefined;
  const workers = new Map<string, string>();
  const running = new Map<Promise<void>, AbortController>();
  // pg-boss records a delivery's end (complete, fail) without awaiting it: its statements still on
  // their way are waited for on stop, and any pg-boss sends after that is not run — the database
  // may be closed by then; the job stays active and is handed out again at expiry, as after a crash.
  const statements = new Set<Promise<unknown>>();
  let stopped = false;
  const adapter = bossDb(database.db, jobStatementTimeouts.queue);
  const trackedDb: PgBoss.Db = {
    executeSql(text, values) {
      if (stopped) return Promise.resolve({ rows: [] });
      const statement = adapter.executeSql(text, values);
      statements.add(statement);
      const forget = () => statements.delete(statement);
      statement.then(forget, forget);
      return statement;
    },
  };

  async function deliver(
    queue: string,
    handle: (job: JobContext) => Promise<void>,
    job: Delivery,
    statementTimeoutMs: number | undefined,
  ): Promise<void> {
    const controller = new AbortController();
    // pg-boss stops waiting for the handler at expiry and hands the job out again: tell the
    // handler too, so it stops writing.
    const timer = setTimeout(
      () => controller.abort(new Error("the job ran out of time")),
      Number(job.expireInSeconds) * 1000,
    );
    const jobLog = log!;
    const context = {
      id: job.id,
      data: job.data,
      retryCount: job.retryCount,
      lastAttempt: job.retryCount >= job.retryLimit,
      signal: controller.signal,
      log: jobLog,
    };
    const run = Promise.resolve().then(() =>
      statementTimeoutMs === undefined
        ? handle(context)
        : withStatementTimeout(statementTimeoutMs, () => handle(context)),
    );
    running.set(run, controller);
    try {
      await run;
    } catch (error) {
      jobLog.error(
        { err: error, queue, job: job.id, retryCount: job.retryCount },
        "background job failed",
      );
      // pg-boss keeps what a handler throws in its job row: a plain message, not our stack.
      throw new Error("the job failed; the server log has the details");
    } finally {
      clearTimeout(timer);
      running.delete(run);
    }
  }

  return {
    async start(logger) {
      log = logger;
      stopped = false;
      const started = new PgBoss({
        db: trackedDb,
        schema: BOSS_SCHEMA,
        schedule: schedules,
        supervise: true,
        pollingIntervalSeconds,
      });
      // pg-boss reports errors of its own loops as events; an unheard `error` event would crash.
      started.on("error", (error) =>
        logger.error({ err: error }, "background jobs: pg-boss error"),
      );
      await started.start();
      boss = started;
      const serve = async (
        queue: PgBoss.Queue & { name: string },
        handle: (job: JobContext) => Promise<void>,
        statementTimeoutMs?: number,
      ) => {
        // createQueue keeps an existing queue as it was; updateQueue applies today's settings.
        await started.createQueue(queue.name, queue);
        await started.updateQueue(queue.name, queue);
        const workerId = await started.work<unknown>(
          queue.name,
          { includeMetadata: true, batchSize: 1, pollingIntervalSeconds },
          async (jobs) => {
            for (const job of jobs) await deliver(queue.name, handle, job, statementTimeoutMs);
          },
        );
        workers.set(queue.name, workerId);
      };
      for (const definition of definitions) {
        const deadLetter = definition.onFailure ? `${definition.queue}-failed` : undefined;
        if (definition.onFailure && deadLetter) {
          await serve(
            { name: deadLetter, retryLimit: 5, retryDelay: 60, expireInSeconds: 60 },
            definition.onFailure,
            definition.statementTimeoutMs,
          );
        }
        await serve(
          {
            name: definition.queue,
            retryLimit: definition.retryLimit,
            retryDelay: definition.retryDelaySeconds,
            expireInSeconds: definition.expireInSeconds,
            ...(deadLetter ? { deadLetter } : {}),
          },
          definition.handle,
          definition.statementTimeoutMs,
        );
        if (schedules && definition.cron) {
          await started.schedule(definition.queue, definition.cron, {}, { tz: timeZone });
        }
      }
    },

    async stop() {
      if (!boss) return;
      const stopping = boss;
      boss = undefined;
      await stopping.stop({ graceful: true, wait: true, timeout: stopTimeoutSeconds * 1000 });
      // What still runs was handed back to the queue by pg-boss: interrupt it, and give it a moment
      // to record that before the database closes (a handler deaf to its signal is not waited for).
      for (const controller of running.values()) {
        controller.abort(new Error("the server is stopping"));
      }
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled(running.keys()),
        new Promise((resolve) => {
          timer = setTimeout(resolve, stopTimeoutSeconds * 1000);
        }),
      ]);
      clearTimeout(timer);
      // pg-boss's record of how each interrupted delivery ended: sent in the turns after its
      // handler settled, then waited for within the same bound.
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.race([
        Promise.allSettled(statements),
        new Promise((resolve) => {
          timer = setTimeout(resolve, stopTimeoutSeconds * 1000);
        }),
      ]);
      clearTimeout(timer);
      stopped = true;
      workers.clear();
    },

    async send(db, queue, data, sendOptions = {}) {
      if (!boss) throw new Error(`cannot queue a "${queue}" job: the job runner is not started`);
      await boss.send(queue, data, { ...sendOptions, db: bossDb(db) });
    },

    wake(queue) {
      const workerId = workers.get(queue);
      if (boss && workerId) boss.notifyWorker(workerId);
    },
  };
}
