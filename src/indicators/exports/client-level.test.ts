// Supervisors see aggregate figures only (docs/security.md, "Who sees what"): no kind of export a
// supervisor may ask for — every kind the server registers at start — hands them a client-level
// row. Each file is made through the real queue for the demo's supervisor and read back as text;
// none holds a client's UIC or the id of any client-level record.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/connection.js";
import { loadDemo } from "../../demo/service.js";
import { exportKinds } from "../../exports/renderers.js";
import { chromiumPath } from "../../pdf/printer.js";
import { openTestDatabase } from "../../test-support/database.js";
import { type AppWithJobs, buildTestAppWithJobs, waitFor } from "../../test-support/jobs.js";
import { signIn } from "../../test-support/sessions.js";
import { registerReportExports } from "./index.js";

const pdftotext = "/usr/bin/pdftotext";
const canPrint = existsSync(chromiumPath()) && existsSync(pdftotext);
if (!canPrint && process.env.CI !== "true")
  console.warn("client-level exports: PDF kinds skipped — no Chromium or pdftotext");

let database: Database;
let withJobs: AppWithJobs;
let unregister: () => Promise<void>;
/** Every UIC, and every id of a client-level record, in the demo. */
let secrets: string[];

beforeAll(async () => {
  database = await openTestDatabase();
  await loadDemo(database.db);
  unregister = registerReportExports();
  withJobs = await buildTestAppWithJobs(database, { exports: { retryLimit: 0 } });
  const { rows } = await sql<{ value: string }>`
    select uic as value from clients
    union all select id::text from clients
    union all select id::text from contacts
    union all select id::text from referrals
    union all select id::text from group_attendances
    union all select id::text from commodity_distributions
     where client_id is not null or contact_id is not null`.execute(database.db);
  secrets = rows.map((r) => r.value);
});
afterAll(async () => {
  await withJobs?.close();
  await unregister?.();
  await database?.close();
});

async function textOf(contentType: string, body: Buffer): Promise<string> {
  if (contentType.startsWith("application/pdf"))
    return new Promise((resolve, reject) => {
      const child = execFile(pdftotext, ["-enc", "UTF-8", "-", "-"], (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      );
      child.stdin?.end(body);
    });
  if (contentType.includes("spreadsheetml")) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => {
      cells.push(sheet.name);
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          cells.push(String(cell.text));
        });
      });
    });
    return cells.join("\n");
  }
  return body.toString("utf8");
}

describe("exports for a supervisor", () => {
  it("hold no client-level row, whatever the kind", { timeout: 600_000 }, async () => {
    const kinds = exportKinds();
    expect(kinds).toEqual(["adx", "csv", "dhis2_json", "pdf", "pdf_public", "xlsx"]);
    expect(secrets.length).toBeGreaterThan(1000);
    const as = await signIn(withJobs.app, "supervisor.db", "giam-sat-2011-demo");
    // A public report is refused before it is queued unless it is one the project publishes.
    for (const [period, parameter] of [
      ["2011Q3", "site"],
      ["2011-08", "period"],
    ] as const) {
      const refused = await withJobs.app.inject({
        method: "POST",
        url: "/api/exports",
        headers: as.unsafeHeaders,
        payload: { project: "dien-bien", kind: "pdf_public", period, locale: "en" },
      });
      expect(refused.statusCode, period).toBe(400);
      expect(refused.json().error.parameter, period).toBe(parameter);
    }
    for (const kind of kinds) {
      if (kind.startsWith("pdf") && !canPrint) continue;
      const asked = await withJobs.app.inject({
        method: "POST",
        url: "/api/exports",
        headers: as.unsafeHeaders,
        // A public report of a quarter is for all sites, not a supervisor's: the whole project.
        payload: {
          project: "dien-bien",
          kind,
          period: kind === "pdf_public" ? "2011-07-01..2011-10-31" : "2011Q3",
          locale: "vi",
        },
      });
      expect(asked.statusCode, kind).toBe(202);
      const { id } = asked.json() as { id: string };
      const done = await waitFor(
        async () => {
          const answer = await withJobs.app.inject({
            method: "GET",
            url: `/api/exports/${id}`,
            headers: as.headers,
          });
          const current = answer.json() as { status: string; links: { file?: string } };
          if (current.status === "failed") throw new Error(answer.body);
          return current.status === "done" ? current : undefined;
        },
        kind,
        120_000,
      );
      const file = await withJobs.app.inject({
        method: "GET",
        url: done.links.file!,
        headers: as.headers,
      });
      expect(file.statusCode, kind).toBe(200);
      const text = await textOf(String(file.headers["content-type"]), file.rawPayload);
      // The file was read (it names the supervisor's site), and holds nothing of a client.
      expect(text.length, kind).toBeGreaterThan(100);
      const found = secrets.filter((secret) => text.includes(secret));
      expect(found, kind).toEqual([]);
    }
  });
});
