// The background jobs of exports: making a file (one job per export, its id the export's id) and,
// nightly, deleting the exports that have expired.
//
// A job may be delivered more than once (a crash, a stop, a delivery that ran out of time): each
// delivery takes the export with a new attempt number and writes only while it is the latest, and
// a done or failed export is never taken again, so an export has at most one file.
import { z } from "zod";
import type { Database, Db } from "../db/connection.js";
import type { JobContext, JobDefinition } from "../jobs/runner.js";
import { jobStatementTimeouts } from "../limits/limits.js";
import { messages } from "../messages.js";
import { createProgressReporter } from "./progress.js";
import {
  abandonExport,
  claimExport,
  deleteExpiredExports,
  failExport,
  requeueExport,
  storeExportFile,
  updateExportProgress,
} from "./queries.js";
import {
  ExportError,
  type ExportFile,
  type ExportParams,
  findExportRenderer,
} from "./renderers.js";

export const EXPORT_QUEUE = "export-file";
export const EXPORT_PURGE_QUEUE = "export-purge";

const ZExportJobDataSchema = z.object({ exportId: z.uuid() });
export type TExportJobData = z.infer<typeof ZExportJobDataSchema>;

export interface ExportJobOptions {
  now?: () => Date;
  /** Least time between two progress writes of one export. */
  progressIntervalMs?: number;
  /** Deliveries after the first (a crash, a stop, an unexpected error). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** How long one delivery may run before the job is handed out again. */
  expireInSeconds?: number;
}

export function exportJobs(database: Database, options: ExportJobOptions = {}): JobDefinition[] {
  const now = options.now ?? (() => new Date());
  return [
    {
      queue: EXPORT_QUEUE,
      retryLimit: options.retryLimit ?? 2,
      retryDelaySeconds: options.retryDelaySeconds ?? 30,
      // A report is minutes of work at most (architecture: no batch job that takes hours).
      expireInSeconds: options.expireInSeconds ?? 15 * 60,
      statementTimeoutMs: jobStatementTimeouts.export,
      handle: (job) => makeExportFile(database.db, job, options),
      onFailure: (job) => abandonExportOf(database.db, job, options),
    },
    {
      queue: EXPORT_PURGE_QUEUE,
      retryLimit: 2,
      retryDelaySeconds: 300,
      expireInSeconds: 5 * 60,
      statementTimeoutMs: jobStatementTimeouts.export,
      cron: "30 2 * * *",
      handle: async (job) => {
        const deleted = await deleteExpiredExports(database.db, now());
        job.log.info({ deleted }, "expired exports deleted");
      },
    },
  ];
}

/** File names as a browser should save them: no directories, no control characters. */
function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).at(-1) ?? "";
  return base
    .replace(/[\p{Cc}"]/gu, "")
    .trim()
    .slice(0, 200);
}

const contentTypePattern = /^[a-z]+\/[a-z0-9.+-]+(; ?charset=[a-z0-9-]+)?$/i;

/** A renderer that returns something unusable has a bug: it fails like one (logged, retried). */
function checkFile(file: ExportFile): ExportFile {
  const fileName = cleanFileName(file.fileName ?? "");
  if (!fileName) throw new Error("the export renderer returned no file name");
  if (!contentTypePattern.test(file.contentType ?? "")) {
    throw new Error(`the export renderer returned a bad content type: ${file.contentType}`);
  }
  if (!(file.body instanceof Uint8Array)) {
    throw new Error("the export renderer returned a body that is not a Buffer");
  }
  return { fileName, contentType: file.contentType, body: file.body };
}

/** One delivery of an export's job: render, keep the file, or record why not. */
export async function makeExportFile(
  db: Db,
  job: Pick<JobContext, "data" | "lastAttempt" | "signal" | "log">,
  options: ExportJobOptions = {},
): Promise<void> {
  const now = options.now ?? (() => new Date());
  const { exportId } = ZExportJobDataSchema.parse(job.data);
  const claimed = await claimExport(db, exportId, now());
  if (!claimed) {
    job.log.info({ export: exportId }, "export already finished or deleted: nothing to do");
    return;
  }
  const attempt = claimed.attempts;
  const context = { export: exportId, kind: claimed.kind, attempt };
  const renderer = findExportRenderer(claimed.kind);
  if (!renderer) {
    await failExport(db, exportId, attempt, { errorCode: "kind_unavailable", finishedAt: now() });
    job.log.warn(context, "export failed: no renderer is registered for its kind");
    return;
  }

  const unknownNotes = new Set<string>();
  const reporter = createProgressReporter(
    (update) => updateExportProgress(db, exportId, attempt, update),
    {
      intervalMs: options.progressIntervalMs ?? 250,
      onError: (error) => job.log.warn({ ...context, err: error }, "export progress not recorded"),
    },
  );
  const progress = (percent: number, note?: string, values?: Record<string, string | number>) => {
    if (note !== undefined && !(note in messages.vi) && !unknownNotes.has(note)) {
      unknownNotes.add(note);
      job.log.warn({ ...context, note }, "export progress note is not a message key: not shown");
    }
    return reporter.report(percent, note, values);
  };

  try {
    const file = checkFile(
      await renderer({
        db,
        exportId,
        project: { id: claimed.project_id, slug: claimed.project_slug },
        params: claimed.params as ExportParams,
        progress,
        signal: job.signal,
      }),
    );
    await reporter.close();
    const stored = await storeExportFile(db, exportId, attempt, { ...file, finishedAt: now() });
    if (stored) {
      job.log.info({ ...context, bytes: file.body.byteLength }, "export done");
    } else {
      job.log.warn(context, "export made, but this delivery is no longer its latest: file dropped");
    }
  } catch (error) {
    await reporter.close();
    if (error instanceof ExportError) {
      await failExport(db, exportId, attempt, { errorCode: error.code, finishedAt: now() });
      job.log.warn({ ...context, code: error.code, detail: error.message }, "export failed");
      return;
    }
    if (job.lastAttempt) {
      const errorCode = job.signal.aborted ? "interrupted" : "failed";
      await failExport(db, exportId, attempt, { errorCode, finishedAt: now() });
    } else {
      await requeueExport(db, exportId, attempt);
    }
    // The job runner logs it (with its stack, in the log only) and pg-boss retries it.
    throw error;
  }
}

/**
 * The export's job failed for good without its handler recording why (the last delivery died with
 * its process, or ran out of time): the export fails as interrupted instead of running forever.
 */
export async function abandonExportOf(
  db: Db,
  job: Pick<JobContext, "data" | "log">,
  options: ExportJobOptions = {},
): Promise<void> {
  const now = options.now ?? (() => new Date());
  const { exportId } = ZExportJobDataSchema.parse(job.data);
  if (await abandonExport(db, exportId, { errorCode: "interrupted", finishedAt: now() })) {
    job.log.warn({ export: exportId }, "export failed: its job was given up (interrupted)");
  }
}
