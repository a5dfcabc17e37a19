import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { indexDocuments } from "../search/service.js";
import { buildTestApp } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";

let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  database = await openTestDatabase();
  await indexDocuments(database.db, [
    {
      kind: "project",
      ref: "p1",
      locale: "vi",
      url: "/vi/du-an/dien-bien",
      title: "Dự án dự phòng HIV tại Điện Biên",
      body: "Nhóm đồng đẳng viên tiếp cận cộng đồng <script>alert(1)</script> ở Điện Biên.",
      publishedAt: new Date("2011-07-01T02:00:00Z"),
      projectSlug: "dien-bien",
    },
    {
      kind: "project",
      ref: "p1",
      locale: "en",
      url: "/en/projects/dien-bien",
      title: "HIV prevention in Điện Biên",
      body: "Peer educators reach the community in Điện Biên.",
      publishedAt: new Date("2011-07-01T02:00:00Z"),
      projectSlug: "dien-bien",
    },
    ...Array.from({ length: 12 }, (_, i) => ({
      kind: "news" as const,
      ref: `n${i}`,
      locale: "vi" as const,
      url: `/vi/tin-tuc/n${i}`,
      title: `Bản tin số ${i}`,
      body: "Tin ngắn.",
      publishedAt: new Date(Date.UTC(2020, 0, 1 + i)),
    })),
  ]);
  app = await buildTestApp(database);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (url: string, language = "vi") =>
  app.inject({ method: "GET", url, headers: { "accept-language": language } });

describe("the search page", () => {
  it("finds Điện Biên from “dien bien” in Vietnamese, marked and escaped, not indexed", async () => {
    const response = await get("/vi/tim-kiem?q=dien+bien");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.headers["cache-control"]).toBe("public, no-cache");
    const html = response.body;
    expect(html).toContain(`<html lang="vi">`);
    expect(html).toContain(`<meta name="robots" content="noindex"/>`);
    expect(html).toContain("<title>Tìm kiếm: dien bien</title>");
    expect(html).toContain("1 kết quả cho “dien bien”");
    expect(html).toContain(`<a href="/vi/du-an/dien-bien">Dự án dự phòng HIV tại Điện Biên</a>`);
    expect(html).toContain("<mark>Điện</mark> <mark>Biên</mark>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert");
    expect(html).toMatch(/Dự án · <time datetime="[^"]+">ngày 1 tháng 7 năm 2011<\/time>/);
    expect(html).toContain(`value="dien bien"`);
    // The language switch keeps the query.
    expect(html).toMatch(/<a class="language-switch" href="\/en\/search\?q=dien\+bien"/);
  });

  it("searches the English documents on the English page", async () => {
    const response = await get("/en/search?q=%C4%90I%E1%BB%86N%20bi", "en");
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain(`<html lang="en">`);
    expect(html).toContain("1 result for “ĐIỆN bi”");
    expect(html).toContain(`<a href="/en/projects/dien-bien">HIV prevention in Điện Biên</a>`);
    expect(html).toMatch(/Project · <time datetime="[^"]+">1 July 2011<\/time>/);
    expect(html).not.toContain("/vi/du-an/dien-bien");
  });

  it("invites a query when there is none, and says so when nothing matches", async () => {
    const empty = await get("/vi/tim-kiem");
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain("Nhập một vài từ để tìm");
    expect(empty.body).not.toContain(`class="search-results"`);
    const none = await get("/en/search?q=methadone", "en");
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain("Nothing was found for “methadone”.");
  });

  it("pages the results with links to the previous and next pages", async () => {
    const first = await get("/vi/tim-kiem?q=ban+tin");
    expect(first.body).toContain("12 kết quả cho “ban tin”");
    expect(first.body.match(/class="search-result"/g)).toHaveLength(10);
    expect(first.body).toContain("Trang 1/2");
    expect(first.body).toContain(`<a href="/vi/tim-kiem?q=ban+tin&amp;page=2" rel="next">`);
    const second = await get("/vi/tim-kiem?q=ban+tin&page=2");
    expect(second.body.match(/class="search-result"/g)).toHaveLength(2);
    expect(second.body).toContain(`<a href="/vi/tim-kiem?q=ban+tin" rel="prev">`);
    expect(second.body).not.toContain(`rel="next"`);
  });

  it("refuses a query past its bounds on the page itself, in the visitor's language", async () => {
    const long = await get(`/vi/tim-kiem?q=${"a".repeat(201)}`);
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain("Chưa tìm được: từ khóa tìm kiếm dài tối đa 200 ký tự.");
    const page = await get("/en/search?q=a&page=500", "en");
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain(
      "The search could not be made: expected a page number from 1 to 100.",
    );
    const words = await get("/en/search?q=a+b+c+d+e+f+g+h+i+j+k", "en");
    expect(words.statusCode).toBe(400);
    expect(words.body).toContain("at most 10 words");
  });

  it("answers hostile queries with a page, never a server error", async () => {
    for (const q of [
      "%26%7C!%3A*()'%22%5C",
      "%3Cscript%3E",
      "%F0%9F%98%80%CC%81",
      "%00",
      "x&q=y",
    ]) {
      const response = await get(`/vi/tim-kiem?q=${q}`);
      expect(response.statusCode, q).toBeLessThan(500);
      expect(response.body, q).toMatch(/<title>[^<]+<\/title>/);
    }
  });

  it("has a labelled search box in every page's header", async () => {
    const html = (await get("/vi/")).body;
    expect(html).toContain(`<search class="site-search" aria-label="Tìm kiếm trên trang">`);
    expect(html).toContain(`action="/vi/tim-kiem"`);
    expect(html).toContain(`<label class="visually-hidden" for="site-search-q">`);
    expect(html).toMatch(/<input id="site-search-q" type="search" name="q"/);
  });
});
