// The demo project's page shows the seed report's published results, computed from its records;
// its news and activities carry drawn covers, said to be illustrations in both languages; and
// every page of the demo site has one h1 and an outline that skips no level.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { DEMO_PROJECT_SLUG, loadDemo } from "../demo/service.js";
import { buildTestApp } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";

let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  database = await openTestDatabase();
  await loadDemo(database.db);
  app = await buildTestApp(database, "http://localhost:3000");
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("the demo project's page", () => {
  it("shows the seed's results in Vietnamese, with per-site figures marked as demo data", async () => {
    const response = await app.inject({ method: "GET", url: `/vi/du-an/${DEMO_PROJECT_SLUG}` });
    expect(response.statusCode).toBe(200);
    for (const line of [
      "<li>Số khách hàng được tiếp cận: 462 người (với 477 lượt tiếp cận)</li>",
      "<li>Số lượt khách hàng đến sinh hoạt nhóm: 241 lượt (với 11 buổi)</li>",
      "<li>Số lượt khách hàng đi xét nghiệm HIV (VCT): 254 lượt</li>",
      "<li>Số bao cao su được phát ra: 500 chiếc</li>",
      "<li>Tổ chức 2 khóa tập huấn cho đội ngũ thực hiện can thiệp (19 người)</li>",
      "<li>Tổ chức 2 đợt đào tạo cầm tay chỉ việc tại mỗi địa bàn (cả 3 địa bàn)</li>",
    ]) {
      expect(response.body).toContain(line);
    }
    // Communes covered per site, as the seed's Difficulties section reports them.
    for (const communes of ["<td>9/9</td>", "<td>9/19</td>", "<td>7/14</td>"])
      expect(response.body).toContain(communes);
    expect(response.body).toContain("* Số liệu minh họa (dữ liệu mẫu)");
  });

  it("shows the same results in English", async () => {
    const response = await app.inject({ method: "GET", url: `/en/projects/${DEMO_PROJECT_SLUG}` });
    expect(response.statusCode).toBe(200);
    for (const line of [
      "<li>People reached: 462 (with 477 outreach contacts)</li>",
      "<li>Attendances at group meetings: 241 (11 meetings)</li>",
      "<li>Visits to HIV testing (VCT): 254</li>",
      "<li>Condoms distributed: 500</li>",
      "<li>Organised 2 trainings for the project team (19 people)</li>",
      "<li>Organised 2 rounds of on-the-job coaching at each of the 3 sites</li>",
    ]) {
      expect(response.body).toContain(line);
    }
    expect(response.body).toContain("* Illustrative figures (demo data)");
  });

  it("draws its posts' covers as illustrations, said so in both languages", async () => {
    const vi = await app.inject({ method: "GET", url: "/vi/tin-tuc/khoi-dong-du-an-dien-bien" });
    expect(vi.statusCode).toBe(200);
    expect(vi.body).toMatch(
      /<img src="\/media\/[0-9a-f-]{36}\/1024\.[0-9a-f]{16}\.jpg" alt="Ảnh minh hoạ của dữ liệu mẫu: /,
    );
    const en = await app.inject({ method: "GET", url: "/en/news/project-starts-in-dien-bien" });
    expect(en.body).toContain('alt="Demo illustration: the hills of Dien Bien');
    const list = await app.inject({ method: "GET", url: "/en/activities" });
    expect(list.body).toContain('<div class="card__thumb">');
    expect(list.body).toContain('alt="Demo illustration: a group of people');
  });
});

describe("the demo site's headings", () => {
  /** The levels of a page's headings, in order (h1 … h6, and their text for the message). */
  const outline = (html: string) =>
    [...html.matchAll(/<h([1-6])\b[^>]*>(.*?)<\/h\1>/gs)].map((m) => ({
      level: Number(m[1]),
      text: m[2]!.replace(/<[^>]+>/g, "").trim(),
    }));

  it("gives every page in the sitemap, and search and the missing page, one h1 and no skipped level", async () => {
    const sitemap = (await app.inject({ method: "GET", url: "/sitemap.xml" })).body;
    const pages = [...sitemap.matchAll(/<loc>http:\/\/localhost:3000([^<]+)<\/loc>/g)].map((m) =>
      m[1]!.replaceAll("&amp;", "&"),
    );
    // Items of every kind are there: posts, activities, a page of content.
    expect(pages).toEqual(
      expect.arrayContaining(["/vi/tin-tuc/khoi-dong-du-an-dien-bien", "/en/pages/about"]),
    );
    const faults: string[] = [];
    for (const url of [
      ...pages,
      "/vi/tim-kiem?q=dien+bien",
      "/en/search?q=dien+bien",
      "/en/no-such-page",
    ]) {
      const response = await app.inject({ method: "GET", url });
      expect([200, 404], url).toContain(response.statusCode);
      const headings = outline(response.body);
      const ones = headings.filter((h) => h.level === 1).length;
      if (ones !== 1) faults.push(`${url}: ${ones} h1`);
      if (headings[0]?.level !== 1) faults.push(`${url}: starts at h${headings[0]?.level}`);
      headings.forEach((heading, i) => {
        const before = headings[i - 1];
        if (before && heading.level > before.level + 1) {
          faults.push(
            `${url}: h${heading.level} "${heading.text}" after h${before.level} "${before.text}"`,
          );
        }
      });
    }
    expect(faults).toEqual([]);
  });
});
