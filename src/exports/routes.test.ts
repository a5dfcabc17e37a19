// Exports as a user meets them over HTTP: ask for a file, watch it wait, run and finish, download
// it; see a failure explained in their language; never export a site they may not read, nor see
// someone else's export.
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { newId } from "../lib/ids.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture, type ProjectFixture } from "../test-support/fixtures.js";
import { type AppWithJobs, buildTestAppWithJobs, gate, waitFor } from "../test-support/jobs.js";
import { createAccount, type SignedIn, signIn } from "../test-support/sessions.js";
import type { TExport } from "./present.js";
import { type ExportParams, registerExportRenderer } from "./renderers.js";
import { contentDisposition } from "./routes.js";

let database: Database;
let withJobs: AppWithJobs;
let app: FastifyInstance;
let f: ProjectFixture;
const logs: string[] = [];
const as: Record<string, SignedIn> = {};
const unregister: (() => void)[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  f = await insertProjectFixture(database.db);
  withJobs = await buildTestAppWithJobs(database, {
    exports: { retryLimit: 0 },
    logStream: { write: (line) => void logs.push(line) },
  });
  app = withJobs.app;
  const accounts = {
    admin: { role: "administrator" as const },
    officer: { role: "programme_officer" as const },
    coordinatorA: { role: "site_coordinator" as const, siteIds: [f.siteA.id] },
    otherCoordinatorA: { role: "site_coordinator" as const, siteIds: [f.siteA.id] },
    supervisorB: { role: "supervisor" as const, siteIds: [f.siteB.id] },
    workerA: { role: "outreach_worker" as const, siteIds: [f.siteA.id] },
  };
  for (const [name, account] of Object.entries(accounts)) {
    const created = await createAccount(database.db, account);
    as[name] = await signIn(app, created.username, created.password);
  }
});
afterAll(async () => {
  await withJobs.close();
  await database.close();
});
afterEach(() => {
  for (const remove of unregister.splice(0)) remove();
});

function post(who: string, payload: Record<string, unknown>, language = "en") {
  return app.inject({
    method: "POST",
    url: "/api/exports",
    headers: { ...as[who]!.unsafeHeaders, "accept-language": language },
    payload,
  });
}

function get(who: string, url: string, language = "en") {
  return app.inject({
    method: "GET",
    url,
    headers: { ...as[who]!.headers, "accept-language": language },
  });
}

async function status(who: string, id: string, language = "en"): Promise<TExport> {
  return (await get(who, `/api/exports/${id}`, language)).json();
}

/** Polls the export until `ready` says so. */
function until(who: string, id: string, ready: (e: TExport) => boolean, what: string) {
  return waitFor(async () => {
    const current = await status(who, id);
    return ready(current) ? current : undefined;
  }, what);
}

/** Writes a small text file of what it was asked, reporting progress on the way. */
function registerText(kind: string, options: { hold?: Promise<void> } = {}) {
  const asked: ExportParams[] = [];
  unregister.push(
    registerExportRenderer(kind, async ({ params, progress }) => {
      asked.push(params);
      await progress(50, "exports.note.computing");
      await options.hold;
      await progress(100);
      return {
        fileName: "Báo cáo quý 3 (Điện Biên).txt",
        contentType: "text/plain; charset=utf-8",
        body: Buffer.from(`${params.period} ${params.sites?.map((s) => s.code).join(",") ?? "*"}`),
      };
    }),
  );
  return asked;
}

describe("an export, from request to download", () => {
  it("waits its turn, shows its progress, and is downloaded with its name", async () => {
    const release = gate();
    registerText("test_text", { hold: release.opened });
    const first = await post("coordinatorA", {
      project: f.slug,
      kind: "test_text",
      period: "2011Q3",
    });
    expect(first.statusCode).toBe(202);
    const asked: TExport = first.json();
    expect(first.headers.location).toBe(`/api/exports/${asked.id}`);
    expect(asked).toMatchObject({
      project: f.slug,
      kind: "test_text",
      period: "2011Q3",
      from: "2011-07-01",
      to: "2011-09-30",
      sites: ["A"],
      locale: "en",
      file: null,
      error: null,
      links: { self: `/api/exports/${asked.id}` },
    });

    const running = await until(
      "coordinatorA",
      asked.id,
      (e) => e.status === "running" && e.progress === 50,
      "progress 50",
    );
    expect(running).toMatchObject({
      message: "Making the file (50%).",
      note: "Computing the indicators",
    });
    expect((await status("coordinatorA", asked.id, "vi")).note).toBe("Đang tính các chỉ số");
    expect((await get("coordinatorA", `/api/exports/${asked.id}/file`)).statusCode).toBe(404);

    // One export at a time: the second waits while the first is held.
    const second = (
      await post("coordinatorA", { project: f.slug, kind: "test_text", period: "2011-08" }, "vi")
    ).json() as TExport;
    const waiting = await status("coordinatorA", second.id, "vi");
    expect(waiting).toMatchObject({ status: "queued", progress: 0, locale: "vi" });
    expect(waiting.message).toBe("Đang chờ đến lượt tạo tệp.");

    release.open();
    const done = await until("coordinatorA", asked.id, (e) => e.status === "done", "done");
    expect(done).toMatchObject({
      progress: 100,
      note: null,
      message: "The file is ready to download.",
      file: {
        name: "Báo cáo quý 3 (Điện Biên).txt",
        content_type: "text/plain; charset=utf-8",
        size_bytes: 8,
      },
      links: { self: `/api/exports/${asked.id}`, file: `/api/exports/${asked.id}/file` },
    });
    expect(done.finished_at).not.toBeNull();

    const file = await get("coordinatorA", done.links.file!);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(file.headers["content-disposition"]).toBe(
      contentDisposition("Báo cáo quý 3 (Điện Biên).txt"),
    );
    expect(file.headers["content-disposition"]).toBe(
      `attachment; filename="Bao cao quy 3 (Dien Bien).txt"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20qu%C3%BD%203%20%28%C4%90i%E1%BB%87n%20Bi%C3%AAn%29.txt`,
    );
    expect(file.headers["cache-control"]).toBe("no-store");
    expect(file.body).toBe("2011Q3 A");

    await until("coordinatorA", second.id, (e) => e.status === "done", "the second export");
  });

  it("explains a failure in the reader's language, logging the error but keeping it out of the answer", async () => {
    unregister.push(
      registerExportRenderer("test_failing", async () => {
        throw new Error("syntax error at or near 0912345678");
      }),
    );
    const { id } = (
      await post("officer", { project: f.slug, kind: "test_failing", period: "2011" })
    ).json() as TExport;
    const failed = await until("officer", id, (e) => e.status === "failed", "the failure");
    expect(failed.error).toEqual({
      code: "failed",
      message:
        "Something went wrong while making the file. It has been logged; ask for it again, and tell an administrator if it happens again.",
    });
    expect(failed.message).toBe("The file could not be made.");
    expect((await status("officer", id, "vi")).error!.message).toMatch(
      /^Đã xảy ra lỗi khi tạo tệp/,
    );
    expect(JSON.stringify(failed)).not.toContain("0912345678");
    expect(logs.join("\n")).toContain("syntax error at or near 0912345678");
    expect((await get("officer", `/api/exports/${id}/file`)).statusCode).toBe(404);
  });
});

describe("who may export what", () => {
  it("limits a whole-project export to the sites the requester may read", async () => {
    const asked = registerText("test_scope");
    const supervisor = (
      await post("supervisorB", { project: f.slug, kind: "test_scope", period: "2011-07" })
    ).json() as TExport;
    expect(supervisor.sites).toEqual(["B"]);
    const officer = (
      await post("officer", { project: f.slug, kind: "test_scope", period: "2011-07" })
    ).json() as TExport;
    expect(officer.sites).toBeNull();
    const officerSite = (
      await post("officer", { project: f.slug, kind: "test_scope", period: "2011-07", site: "B" })
    ).json() as TExport;
    expect(officerSite.sites).toEqual(["B"]);
    await until("officer", officerSite.id, (e) => e.status === "done", "the exports");
    expect(asked.map((p) => p.sites)).toEqual([
      [{ id: f.siteB.id, code: "B" }],
      null,
      [{ id: f.siteB.id, code: "B" }],
    ]);
  });

  it("refuses a site outside the requester's, and outreach workers altogether", async () => {
    registerText("test_refused");
    const otherSite = await post("coordinatorA", {
      project: f.slug,
      kind: "test_refused",
      period: "2011Q3",
      site: "B",
    });
    expect(otherSite.statusCode).toBe(403);
    expect(otherSite.json().error.code).toBe("forbidden");
    const worker = await post("workerA", { project: f.slug, kind: "test_refused", period: "2011" });
    expect(worker.statusCode).toBe(403);
    expect((await get("workerA", "/api/exports")).statusCode).toBe(403);
  });

  it("shows an export to its requester and administrators only", async () => {
    registerText("test_own");
    const { id } = (
      await post("coordinatorA", { project: f.slug, kind: "test_own", period: "2011Q3" })
    ).json() as TExport;
    await until("coordinatorA", id, (e) => e.status === "done", "done");
    for (const other of ["otherCoordinatorA", "officer"]) {
      expect((await get(other, `/api/exports/${id}`)).statusCode, other).toBe(404);
      expect((await get(other, `/api/exports/${id}/file`)).statusCode, other).toBe(404);
      const listed = (await get(other, `/api/exports?project=${f.slug}`)).json();
      expect(
        listed.exports.map((e: TExport) => e.id),
        other,
      ).not.toContain(id);
    }
    expect((await get("admin", `/api/exports/${id}`)).statusCode).toBe(200);
    expect((await get("admin", `/api/exports/${id}/file`)).statusCode).toBe(200);
    const mine = (await get("coordinatorA", `/api/exports?project=${f.slug}`)).json();
    expect(mine.exports[0].id).toBe(id);
    const everyone = (await get("admin", "/api/exports?limit=100")).json();
    expect(everyone.exports.map((e: TExport) => e.id)).toContain(id);
    expect((await get("coordinatorA", `/api/exports/${newId()}`)).statusCode).toBe(404);
  });
});

describe("a request that is not valid", () => {
  it("names the parameter that is wrong, in the reader's language", async () => {
    registerText("test_valid");
    const cases: [Record<string, unknown>, string][] = [
      [{ project: f.slug, kind: "nope", period: "2011Q3" }, "kind"],
      [{ project: f.slug, kind: "Not A Kind", period: "2011Q3" }, "kind"],
      [{ project: f.slug, kind: "test_valid", period: "last month" }, "period"],
      [{ project: f.slug, kind: "test_valid", period: "2011-10-31..2011-07-01" }, "period"],
      [{ project: f.slug, kind: "test_valid", period: "2006-07-01..2011-10-31" }, "period"],
      [{ project: f.slug, kind: "test_valid", period: "0000-01-01..2011-10-31" }, "period"],
      [{ project: "no-such-project", kind: "test_valid", period: "2011" }, "project"],
      [{ project: f.slug, kind: "test_valid", period: "2011", site: "ZZ" }, "site"],
      [{ project: f.slug, kind: "test_valid" }, "period"],
      [{ project: f.slug, kind: "test_valid", period: "2011", format: "xlsx" }, "format"],
    ];
    for (const [payload, parameter] of cases) {
      const response = await post("officer", payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.parameter, JSON.stringify(payload)).toBe(parameter);
    }
    const english = (
      await post("officer", { project: f.slug, kind: "nope", period: "2011" })
    ).json();
    expect(english.error.message).toBe(
      "The parameter “kind” is not valid: there is no export of this kind",
    );
    const vietnamese = (
      await post("officer", { project: f.slug, kind: "nope", period: "2011" }, "vi")
    ).json();
    expect(vietnamese.error.message).toBe(
      "Tham số “kind” không hợp lệ: không có loại tệp xuất này",
    );
    const tooLong = (
      await post("officer", {
        project: f.slug,
        kind: "test_valid",
        period: "2006-07-01..2011-10-31",
      })
    ).json();
    expect(tooLong.error.message).toBe(
      "The parameter “period” is not valid: a period may be at most 60 months (5 years) long; choose a shorter one",
    );
    const list = await get("officer", "/api/exports?project=no-such-project");
    expect(list.statusCode).toBe(400);
    expect(list.json().error.parameter).toBe("project");
  });
});
