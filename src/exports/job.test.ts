// The export job, delivery by delivery: whatever pg-boss delivers again (after a finish, a crash,
// an expiry), an export ends with at most one file, and a failure leaves a code, never a stack.
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/policy.js";
import type { Database } from "../db/connection.js";
import { createJobRunner } from "../jobs/runner.js";
import { newId } from "../lib/ids.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture, type ProjectFixture } from "../test-support/fixtures.js";
import { gate, memoryLog, testJobRunnerOptions, waitFor } from "../test-support/jobs.js";
import { insertUser } from "../test-support/users.js";
import { EXPORT_PURGE_QUEUE, EXPORT_QUEUE, exportJobs, makeExportFile } from "./job.js";
import { insertExport } from "./queries.js";
import {
  ExportError,
  type ExportParams,
  type ExportRenderer,
  registerExportRenderer,
} from "./renderers.js";

let database: Database;
let fixture: ProjectFixture;
let user: SessionUser;
const unregister: (() => void)[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  fixture = await insertProjectFixture(database.db);
  user = await insertUser(database.db, "programme_officer");
});
afterAll(async () => {
  await database.close();
});
afterEach(() => {
  for (const remove of unregister.splice(0)) remove();
});

let kinds = 0;
/** A renderer under a kind of its own, removed after the test. */
function register(renderer: ExportRenderer): string {
  kinds += 1;
  const kind = `test_job_${kinds}`;
  unregister.push(registerExportRenderer(kind, renderer));
  return kind;
}

const params: ExportParams = {
  period: "2011Q3",
  periodKind: "quarter",
  from: "2011-07-01",
  to: "2011-09-30",
  sites: null,
  locale: "vi",
};

async function queueExport(kind: string, expiresAt = new Date(Date.now() + 86_400_000)) {
  const id = newId();
  await insertExport(database.db, {
    id,
    projectId: fixture.projectId,
    kind,
    params,
    requestedBy: user.id,
    createdAt: new Date(),
    expiresAt,
  });
  return id;
}

async function exportRow(id: string) {
  return database.db.selectFrom("exports").selectAll().where("id", "=", id).executeTakeFirst();
}

const text = (body: string) => ({
  fileName: "bao-cao.txt",
  contentType: "text/plain; charset=utf-8",
  body: Buffer.from(body),
});

/** One delivery, as the job runner would make it. */
function deliver(id: string, options: { lastAttempt?: boolean; signal?: AbortSignal } = {}) {
  const { lines, log } = memoryLog();
  const run = makeExportFile(database.db, {
    data: { exportId: id },
    lastAttempt: options.lastAttempt ?? false,
    signal: options.signal ?? new AbortController().signal,
    log,
  });
  return { run, lines };
}

describe("the export job", () => {
  it("renders once: a job delivered again after it finished changes nothing", async () => {
    let calls = 0;
    const kind = register(async (context) => {
      calls += 1;
      expect(context.params).toEqual(params);
      expect(context.project).toEqual({ id: fixture.projectId, slug: fixture.slug });
      return text("Tổng số người được tiếp cận: 462");
    });
    const id = await queueExport(kind);
    await deliver(id).run;
    const done = await exportRow(id);
    await deliver(id).run;
    expect(calls).toBe(1);
    expect(await exportRow(id)).toEqual(done);
    const body = "Tổng số người được tiếp cận: 462";
    expect(done).toMatchObject({ status: "done", progress: 100, attempts: 1 });
    expect(done!.size_bytes).toBe(Buffer.byteLength(body));
    expect(Buffer.from(done!.content!).toString()).toBe(body);
  });

  it("renders again when the delivery before died mid-way, keeping one file", async () => {
    const kind = register(async () => text("again"));
    const id = await queueExport(kind);
    // What a process killed while rendering leaves behind.
    await database.db
      .updateTable("exports")
      .set({ status: "running", attempts: 1, progress: 40 })
      .where("id", "=", id)
      .execute();
    await deliver(id).run;
    expect(await exportRow(id)).toMatchObject({ status: "done", attempts: 2, progress: 100 });
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from exports where id = ${id}`.execute(database.db);
    expect(rows[0]!.n).toBe(1);
  });

  it("lets a stale delivery write neither progress nor file over the newer one's", async () => {
    const stale = gate();
    const rendering = gate();
    let calls = 0;
    const kind = register(async (context) => {
      calls += 1;
      if (calls === 1) {
        rendering.open();
        await stale.opened;
        await context.progress(99, "exports.note.writing");
        return text("stale");
      }
      return text("fresh");
    });
    const id = await queueExport(kind);
    const first = deliver(id);
    await rendering.opened;
    await deliver(id).run;
    stale.open();
    await first.run;
    const row = await exportRow(id);
    expect(row).toMatchObject({ status: "done", attempts: 2, progress: 100, progress_note: null });
    expect(Buffer.from(row!.content!).toString()).toBe("fresh");
    expect(first.lines.map((line) => line.message)).toContain(
      "export made, but this delivery is no longer its latest: file dropped",
    );
  });

  it("fails at once, with the renderer's code, when the renderer refuses the export", async () => {
    const kind = register(async () => {
      throw new ExportError("custom_period_not_in_dhis2", "DHIS2 has no custom periods");
    });
    const id = await queueExport(kind);
    const { run, lines } = deliver(id);
    await run;
    expect(await exportRow(id)).toMatchObject({
      status: "failed",
      error_code: "custom_period_not_in_dhis2",
      content: null,
    });
    expect(lines).toContainEqual(
      expect.objectContaining({ level: "warn", message: "export failed" }),
    );
  });

  it("puts the export back in the queue after an unexpected error, and fails it on the last try", async () => {
    const kind = register(async (context) => {
      await context.progress(30, "exports.note.computing");
      throw new Error("relation does not exist: client 0912345678");
    });
    const id = await queueExport(kind);
    await expect(deliver(id).run).rejects.toThrow("relation does not exist");
    expect(await exportRow(id)).toMatchObject({ status: "queued", progress: 0, error_code: null });
    await expect(deliver(id, { lastAttempt: true }).run).rejects.toThrow();
    expect(await exportRow(id)).toMatchObject({ status: "failed", error_code: "failed" });
    const { rows } = await sql<{ everything: string }>`
      select e::text as everything from exports e where id = ${id}`.execute(database.db);
    expect(rows[0]!.everything).not.toContain("0912345678");
    expect(rows[0]!.everything).not.toContain("relation");
  });

  it("says an export was interrupted when its last try was stopped", async () => {
    const kind = register(async (context) => {
      context.signal.throwIfAborted();
      return text("never");
    });
    const id = await queueExport(kind);
    const controller = new AbortController();
    controller.abort(new Error("the server is stopping"));
    await expect(deliver(id, { lastAttempt: true, signal: controller.signal }).run).rejects.toThrow(
      "stopping",
    );
    expect(await exportRow(id)).toMatchObject({ status: "failed", error_code: "interrupted" });
  });

  it("fails an export whose kind no renderer makes any more", async () => {
    const id = await queueExport("test_job_nobody");
    await deliver(id).run;
    expect(await exportRow(id)).toMatchObject({ status: "failed", error_code: "kind_unavailable" });
  });

  it("deletes expired exports, files and all, and keeps the others", async () => {
    const kind = register(async () => text("old"));
    const expired = await queueExport(kind, new Date(Date.now() - 1000));
    const kept = await queueExport(kind);
    const purge = exportJobs(database).find((job) => job.queue === EXPORT_PURGE_QUEUE)!;
    expect(purge.cron).toBeDefined();
    await purge.handle({
      id: newId(),
      data: {},
      retryCount: 0,
      lastAttempt: false,
      signal: new AbortController().signal,
      log: memoryLog().log,
    });
    expect(await exportRow(expired)).toBeUndefined();
    expect(await exportRow(kept)).toBeDefined();
  });
});

describe("the export job on pg-boss", () => {
  it("hands out again a delivery that ran out of time, and the export still gets one file", async () => {
    let calls = 0;
    const kind = register(async (context) => {
      calls += 1;
      if (calls === 1) {
        await new Promise((_, reject) => {
          context.signal.addEventListener("abort", () => reject(context.signal.reason));
        });
      }
      return text(`delivery ${calls}`);
    });
    const jobs = createJobRunner(
      database,
      exportJobs(database, { expireInSeconds: 1, retryDelaySeconds: 0 }),
      testJobRunnerOptions,
    );
    await jobs.start(memoryLog().log);
    try {
      const id = await queueExport(kind);
      await jobs.send(database.db, EXPORT_QUEUE, { exportId: id }, { id });
      jobs.wake(EXPORT_QUEUE);
      const row = await waitFor(async () => {
        const current = await exportRow(id);
        return current?.status === "done" ? current : undefined;
      }, "the second delivery");
      expect(calls).toBe(2);
      expect(row.attempts).toBe(2);
      expect(Buffer.from(row.content!).toString()).toBe("delivery 2");
    } finally {
      await jobs.stop();
    }
  });

  it("fails as interrupted an export whose last delivery never came back", async () => {
    const hung = gate();
    // Deaf to its signal: nothing of the job is left to record the failure.
    const kind = register(async () => {
      await hung.opened;
      return text("too late");
    });
    const jobs = createJobRunner(
      database,
      exportJobs(database, { expireInSeconds: 1, retryLimit: 0 }),
      testJobRunnerOptions,
    );
    await jobs.start(memoryLog().log);
    try {
      const id = await queueExport(kind);
      await jobs.send(database.db, EXPORT_QUEUE, { exportId: id }, { id });
      jobs.wake(EXPORT_QUEUE);
      const row = await waitFor(async () => {
        const current = await exportRow(id);
        return current?.status === "failed" ? current : undefined;
      }, "the dead letter");
      expect(row).toMatchObject({ error_code: "interrupted", content: null });
      // The renderer comes back after all (stop waits for it): too late to keep its file.
      hung.open();
      await jobs.stop();
      expect(await exportRow(id)).toMatchObject({ status: "failed", content: null });
    } finally {
      hung.open();
      await jobs.stop();
    }
  });
});
