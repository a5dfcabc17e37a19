// Public pages and the public API are made once per change of what they show, and never served
// older than a committed change: a record synced shows on the project page and in the API at once;
// a browser that has the page gets 304; brotli and gzip are sent to those who accept them.
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import type { Database } from "../db/connection.js";
import { AnswerCache } from "../http/answer-cache.js";
import { todayInVietnam } from "../indicators/release.js";
import { newId } from "../lib/ids.js";
import { closePdfBrowser } from "../pdf/printer.js";
import { loadReferencePlaces } from "../places/service.js";
import { testSecret } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture } from "../test-support/published-project.js";
import { createAccount, type SignedIn, signIn } from "../test-support/sessions.js";

const slug = "thu-nghiem";
const projectPage = `/vi/du-an/${slug}`;
const condomsVi = (n: string) => `<li>Số bao cao su được phát ra: ${n} chiếc</li>`;

let database: Database;
let app: FastifyInstance;
let answers: AnswerCache;
let officer: SignedIn;

beforeAll(async () => {
  database = await openTestDatabase();
  await loadReferencePlaces(database.db);
  await insertProjectFixture(database.db, { slug });
  await database.changes.ready();
  answers = new AnswerCache();
  app = await buildApp({
    database,
    config: { publicUrl: "http://localhost:3000", logLevel: "silent" },
    secret: testSecret,
    answers,
  });
  const account = await createAccount(database.db, { role: "programme_officer" });
  officer = await signIn(app, account.username, account.password);
});

afterAll(async () => {
  await closePdfBrowser();
  await app?.close();
  await database?.close();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: "GET", url, headers });

/** A phone sends one condom distribution, and the server applies it. */
async function pushDistribution(quantity: number, distributedOn: string) {
  const site = await database.db.selectFrom("sites").select("id").executeTakeFirstOrThrow();
  const id = newId();
  const push = await app.inject({
    method: "POST",
    url: "/api/sync/push",
    headers: officer.unsafeHeaders,
    payload: {
      device_id: newId(),
      changes: [
        {
          id,
          type: "commodity_distribution",
          op: "create",
          base_version: null,
          record: { id, site_id: site.id, item: "condom", quantity, distributed_on: distributedOn },
        },
      ],
    },
  });
  expect(push.statusCode).toBe(200);
  expect(push.json().results[0].status).toBe("applied");
}

describe("the public page cache", () => {
  it("makes a page once, then serves it as made, with an ETag, and 304 to a browser that has it", async () => {
    const madeBefore = answers.made;
    const first = await get(projectPage);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain(condomsVi("1.200"));
    const second = await get(projectPage);
    expect(second.body).toBe(first.body);
    expect(answers.made - madeBefore).toBe(1);

    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(first.headers["cache-control"]).toBe("public, no-cache");
    expect(first.headers.vary).toContain("Accept-Encoding");
    const again = await get(projectPage, { "if-none-match": etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    expect(answers.made - madeBefore).toBe(1);
  });

  it("sends brotli or gzip, whichever the browser accepts, of the same page", async () => {
    const plain = await get(projectPage);
    const br = await get(projectPage, { "accept-encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.rawPayload).toString("utf8")).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    const gz = await get(projectPage, { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.rawPayload).toString("utf8")).toBe(plain.body);
    const none = await get(projectPage, { "accept-encoding": "br;q=0, gzip;q=0" });
    expect(none.headers["content-encoding"]).toBeUndefined();
  });

  it("shows a record synced a moment ago at once, on the page and in the API", async () => {
    const api = `/api/projects/${slug}/results`;
    const before = await get(projectPage);
    const apiBefore = (await get(api)).json() as { periods: unknown[] };
    const etag = before.headers.etag as string;
    await pushDistribution(100, "2011-08-15");

    const after = await get(projectPage, { "if-none-match": etag });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain(condomsVi("1.300"));
    expect(after.headers.etag).not.toBe(etag);
    expect(JSON.stringify((await get(api)).json())).not.toBe(JSON.stringify(apiBefore));
  });

  it("keeps the page when a record of today is synced: the public figures publish ended quarters only", async () => {
    const today = todayInVietnam();
    const tomorrow = new Date(`${today}T00:00:00Z`);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    const quarter = (d: string) => Math.floor((Number(d.slice(5, 7)) - 1) / 3);
    // On a quarter's last day every record counts as past (migration 0024): nothing to show then.
    if (quarter(tomorrow.toISOString().slice(0, 10)) !== quarter(today)) return;
    const before = await get(projectPage);
    const etag = before.headers.etag as string;
    const madeBefore = answers.made;
    await pushDistribution(50, today);
    const after = await get(projectPage, { "if-none-match": etag });
    expect(after.statusCode).toBe(304);
    expect(answers.made - madeBefore, "the page was not made again").toBe(0);
  });

  it("shares one making among the requests that arrive while it runs", async () => {
    // A change nobody has seen yet: the next requests all need a new page.
    await database.db
      .updateTable("projects")
      .set({ summary_en: "A summary changed now." })
      .where("slug", "=", slug)
      .execute();
    await database.changes.settle();
    const madeBefore = answers.made;
    const pages = await Promise.all(Array.from({ length: 8 }, () => get(projectPage)));
    for (const page of pages) expect(page.body).toBe(pages[0]!.body);
    expect(answers.made - madeBefore).toBe(1);
  });

  it("opens a project page with its headline figures, a link to all results and the report", async () => {
    const html = (await get(projectPage)).body;
    const top = html.indexOf('class="highlights"');
    expect(top).toBeGreaterThan(-1);
    expect(top).toBeLessThan(html.indexOf('id="results"'));
    expect(top).toBeLessThan(html.indexOf(">Bối cảnh</h2>"));
    const highlights = html.slice(top, html.indexOf("</section>", top));
    expect(highlights).toContain(">Kết quả nổi bật</h2>");
    expect(highlights).toContain('<span class="highlights__value">15</span>');
    expect(highlights).toContain("khách hàng được tiếp cận");
    expect(highlights).toContain('<a href="#results">Xem toàn bộ kết quả</a>');
    expect(highlights).toContain(`href="/vi/du-an/${slug}/bao-cao.pdf"`);
    const en = (await get(`/en/projects/${slug}`)).body;
    expect(en).toContain(`href="/en/projects/${slug}/report.pdf"`);
    expect(en).toContain("Results at a glance");
  });

  it("prints the public report the page links to once, and serves it again as printed", async () => {
    const first = await get(`/vi/du-an/${slug}/bao-cao.pdf`);
    expect(first.statusCode).toBe(200);
    expect(first.headers["content-type"]).toBe("application/pdf");
    expect(first.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const madeBefore = answers.made;
    const again = await get(`/vi/du-an/${slug}/bao-cao.pdf`);
    expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(answers.made).toBe(madeBefore);
    expect((await get("/vi/du-an/khong-co/bao-cao.pdf")).statusCode).toBe(404);
  });

  it("keeps nothing for a page that is not found", async () => {
    const missing = await get("/vi/du-an/khong-co");
    expect(missing.statusCode).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
  });
});
