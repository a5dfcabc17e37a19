// Background jobs for tests: a real pg-boss on the test's own database (PGlite, or PostgreSQL with
// TEST_DATABASE_URL), polling as often as pg-boss allows, without cron schedules; and the app
// queueing into it.
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.js";
import type { Config } from "../config.js";
import type { Database } from "../db/connection.js";
import type { PaypalGateway } from "../donations/paypal.js";
import { type ExportJobOptions, exportJobs } from "../exports/job.js";
import {
  createJobRunner,
  type JobLog,
  type JobRunner,
  type JobRunnerOptions,
} from "../jobs/runner.js";
import { testSecret } from "./app.js";

export const testJobRunnerOptions: JobRunnerOptions = {
  pollingIntervalSeconds: 0.5,
  schedules: false,
  stopTimeoutSeconds: 1,
};

export interface AppWithJobs {
  app: FastifyInstance;
  jobs: JobRunner;
  /** Closes the app, then stops the jobs (the database stays open: the test closes it). */
  close(): Promise<void>;
}

/** The app with the export jobs running; with a `logStream`, app and jobs log into it. */
export async function buildTestAppWithJobs(
  database: Database,
  options: {
    exports?: ExportJobOptions;
    logStream?: { write(line: string): void };
    /** The donations' configuration and PayPal's gateway (the fuzz test gives a local PayPal). */
    donations?: Config["donations"];
    paypal?: PaypalGateway;
  } = {},
): Promise<AppWithJobs> {
  const jobs = createJobRunner(
    database,
    exportJobs(database, { progressIntervalMs: 0, ...options.exports }),
    testJobRunnerOptions,
  );
  const app = await buildApp({
    database,
    config: {
      publicUrl: "http://localhost:3000",
      logLevel: options.logStream ? "info" : "silent",
      ...(options.donations ? { donations: options.donations } : {}),
    },
    secret: testSecret,
    jobs,
    ...(options.paypal ? { paypal: options.paypal } : {}),
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  await jobs.start(app.log);
  return {
    app,
    jobs,
    close: async () => {
      await app.close();
      await jobs.stop();
    },
  };
}

/**
 * Asks `check` again and again until it gives a value: for states a background job reaches on its
 * own time. It returns as soon as the state is there; the timeout only bounds a failure.
 */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A promise the test settles: a renderer waits on it, so the test sees the state in between. */
export function gate(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

export interface LogLine {
  level: "info" | "warn" | "error";
  details: Record<string, unknown>;
  message: string;
}

/** A job log that keeps its lines, for tests of what jobs log. */
export function memoryLog(): { lines: LogLine[]; log: JobLog } {
  const lines: LogLine[] = [];
  const at = (level: LogLine["level"]) => (details: object, message: string) =>
    void lines.push({ level, details: details as Record<string, unknown>, message });
  return { lines, log: { info: at("info"), warn: at("warn"), error: at("error") } };
}
