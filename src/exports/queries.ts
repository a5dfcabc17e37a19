// SQL of exports: the requests, their progress, and the kept files.
import type { Db } from "../db/connection.js";
import type { ExportStatus } from "../db/schema.js";

export async function findProjectBySlug(db: Db, slug: string) {
  return db
    .selectFrom("projects")
    .select(["id", "slug"])
    .where("slug", "=", slug)
    .executeTakeFirst();
}

export interface NewExportRow {
  id: string;
  projectId: string;
  kind: string;
  params: unknown;
  requestedBy: string;
  createdAt: Date;
  expiresAt: Date;
}

export async function insertExport(db: Db, row: NewExportRow): Promise<void> {
  await db
    .insertInto("exports")
    .values({
      id: row.id,
      project_id: row.projectId,
      kind: row.kind,
      params: JSON.stringify(row.params),
      requested_by: row.requestedBy,
      created_at: row.createdAt,
      expires_at: row.expiresAt,
    })
    .execute();
}

/** Every column but the file itself. */
const summaryColumns = [
  "e.id",
  "e.project_id",
  "p.slug as project_slug",
  "e.kind",
  "e.params",
  "e.requested_by",
  "e.status",
  "e.progress",
  "e.progress_note",
  "e.progress_values",
  "e.error_code",
  "e.file_name",
  "e.content_type",
  "e.size_bytes",
  "e.created_at",
  "e.started_at",
  "e.finished_at",
  "e.expires_at",
] as const;

/** An export that has not expired, without its file. */
export async function findExport(db: Db, id: string, now: Date) {
  return db
    .selectFrom("exports as e")
    .innerJoin("projects as p", "p.id", "e.project_id")
    .select(summaryColumns)
    .where("e.id", "=", id)
    .where("e.expires_at", ">", now)
    .executeTakeFirst();
}

export type ExportSummaryRow = NonNullable<Awaited<ReturnType<typeof findExport>>>;

/** Recent exports that have not expired, newest first: one requester's, or everyone's. */
export async function listExports(
  db: Db,
  filter: { requestedBy: string | null; projectId: string | null; now: Date; limit: number },
) {
  let query = db
    .selectFrom("exports as e")
    .innerJoin("projects as p", "p.id", "e.project_id")
    .select(summaryColumns)
    .where("e.expires_at", ">", filter.now);
  if (filter.requestedBy) query = query.where("e.requested_by", "=", filter.requestedBy);
  if (filter.projectId) query = query.where("e.project_id", "=", filter.projectId);
  return query
    .orderBy("e.created_at", "desc")
    .orderBy("e.id", "desc")
    .limit(filter.limit)
    .execute();
}

export async function findExportFile(db: Db, id: string, now: Date) {
  return db
    .selectFrom("exports")
    .select(["id", "requested_by", "kind", "params", "file_name", "content_type", "content"])
    .where("id", "=", id)
    .where("status", "=", "done")
    .where("expires_at", ">", now)
    .executeTakeFirst();
}

/**
 * Takes an export for one delivery of its job: `running`, with a new attempt number. Only a
 * queued or running export (one whose last delivery died) is taken; a done or failed one is not,
 * so a job delivered again never makes a second file.
 */
export async function claimExport(db: Db, id: string, now: Date) {
  return db
    .updateTable("exports as e")
    .from("projects as p")
    .set((eb) => ({
      status: "running",
      attempts: eb("e.attempts", "+", 1),
      progress: 0,
      progress_note: null,
      progress_values: null,
      started_at: now,
    }))
    .whereRef("p.id", "=", "e.project_id")
    .where("e.id", "=", id)
    .where("e.status", "in", ["queued", "running"])
    .returning([
      "e.id",
      "e.kind",
      "e.params",
      "e.attempts",
      "e.project_id",
      "p.slug as project_slug",
    ])
    .executeTakeFirst();
}

/** Writes of one delivery: they change the export only while that delivery is its latest. */
function ofAttempt(db: Db, id: string, attempt: number, status: ExportStatus = "running") {
  return db
    .updateTable("exports")
    .where("id", "=", id)
    .where("attempts", "=", attempt)
    .where("status", "=", status);
}

export async function updateExportProgress(
  db: Db,
  id: string,
  attempt: number,
  progress: {
    percent: number;
    note: string | null;
    values: Record<string, string | number> | null;
  },
): Promise<void> {
  await ofAttempt(db, id, attempt)
    .set({
      progress: progress.percent,
      progress_note: progress.note,
      progress_values: progress.values ? JSON.stringify(progress.values) : null,
    })
    .execute();
}

/** Keeps the file; false when a later delivery has taken the export meanwhile. */
export async function storeExportFile(
  db: Db,
  id: string,
  attempt: number,
  file: { fileName: string; contentType: string; body: Uint8Array; finishedAt: Date },
): Promise<boolean> {
  const result = await ofAttempt(db, id, attempt)
    .set({
      status: "done",
      progress: 100,
      progress_note: null,
      progress_values: null,
      file_name: file.fileName,
      content_type: file.contentType,
      size_bytes: file.body.byteLength,
      content: file.body,
      finished_at: file.finishedAt,
    })
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function failExport(
  db: Db,
  id: string,
  attempt: number,
  failure: { errorCode: string; finishedAt: Date },
): Promise<void> {
  await ofAttempt(db, id, attempt)
    .set({
      status: "failed",
      error_code: failure.errorCode,
      progress_note: null,
      progress_values: null,
      finished_at: failure.finishedAt,
    })
    .execute();
}

/** Back in the queue, waiting for the job's next delivery. */
export async function requeueExport(db: Db, id: string, attempt: number): Promise<void> {
  await ofAttempt(db, id, attempt)
    .set({ status: "queued", progress: 0, progress_note: null, progress_values: null })
    .execute();
}

/**
 * Fails an export its job gave up on without saying so (its last delivery died or ran out of
 * time); false when the export had already finished one way or the other.
 */
export async function abandonExport(
  db: Db,
  id: string,
  failure: { errorCode: string; finishedAt: Date },
): Promise<boolean> {
  const result = await db
    .updateTable("exports")
    .set({
      status: "failed",
      error_code: failure.errorCode,
      progress_note: null,
      progress_values: null,
      finished_at: failure.finishedAt,
    })
    .where("id", "=", id)
    .where("status", "in", ["queued", "running"])
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Deletes expired exports and their files; returns how many. */
export async function deleteExpiredExports(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom("exports").where("expires_at", "<=", now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
