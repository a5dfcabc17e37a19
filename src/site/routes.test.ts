import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import type { Database } from "../db/connection.js";
import { loadReferencePlaces } from "../places/service.js";
import { buildTestApp, testSecret } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { fixtureFigures, insertProjectFixture } from "../test-support/published-project.js";
import { stylesheet } from "./stylesheet.js";

const publicUrl = "http://localhost:3000";
const slug = "thu-nghiem";

let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  database = await openTestDatabase();
  await loadReferencePlaces(database.db);
  await insertProjectFixture(database.db, { slug });
  await insertProjectFixture(database.db, { slug: "ban-nhap", status: "draft" });
  app = await buildTestApp(database, publicUrl);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (url: string) => app.inject({ method: "GET", url });

/** The opening tag of the language switch, whatever the order of its attributes. */
function languageSwitch(html: string): string {
  const tag = /<a class="language-switch"[^>]*>/.exec(html)?.[0];
  expect(tag).toBeDefined();
  return tag!;
}

/** The text of the table row whose header cell is `name`, cell by cell. */
function tableRow(html: string, name: string): string[] {
  const row = new RegExp(`<tr><th scope="row">${name}</th>(.*?)</tr>`).exec(html)?.[1];
  expect(row, name).toBeDefined();
  return [...row!.matchAll(/<td>(.*?)<\/td>/g)].map((m) => m[1]!);
}

function expectInOrder(html: string, parts: string[]) {
  const positions = parts.map((part) => html.indexOf(part));
  for (const [i, part] of parts.entries()) expect(positions[i], part).toBeGreaterThan(-1);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
}

function expectHead(html: string, locale: "vi" | "en", paths: { vi: string; en: string }) {
  expect(html.startsWith("<!doctype html>")).toBe(true);
  expect(html).toContain(`<html lang="${locale}">`);
  expect(html).toContain(`<meta name="viewport" content="width=device-width, initial-scale=1"/>`);
  expect(html).toMatch(/<meta name="description" content="[^"]+"\/>/);
  expect(html).toContain(`<link rel="canonical" href="${publicUrl}${paths[locale]}"/>`);
  expect(html).toContain(`<link rel="alternate" hreflang="vi" href="${publicUrl}${paths.vi}"/>`);
  expect(html).toContain(`<link rel="alternate" hreflang="en" href="${publicUrl}${paths.en}"/>`);
  expect(html).toContain(
    `<link rel="alternate" hreflang="x-default" href="${publicUrl}${paths.vi}"/>`,
  );
  const other = locale === "vi" ? "en" : "vi";
  const switchTag = languageSwitch(html);
  expect(switchTag).toContain(`href="${paths[other]}"`);
  expect(switchTag).toContain(`hreflang="${other}"`);
  expect(switchTag).toContain(`lang="${other}"`);
  for (const landmark of ["<header", "<nav", "<main", "<footer"]) expect(html).toContain(landmark);
  expect(html).toMatch(/<nav class="site-nav" aria-label="[^"]+">/);
  expect(html).toContain(`<a class="skip-link" href="#main">`);
  expect(html.match(/<h1[ >]/g)).toHaveLength(1);
}

/** Heading levels never skip one going down (h2 → h4). */
function expectHeadingOutline(html: string) {
  const levels = [...html.matchAll(/<h([1-6])[ >]/g)].map((m) => Number(m[1]));
  expect(levels[0]).toBe(1);
  for (const [i, level] of levels.entries()) {
    if (i > 0) expect(level, `heading ${i}`).toBeLessThanOrEqual(levels[i - 1]! + 1);
  }
}

describe("public website", () => {
  it("sends / to the Vietnamese home page", async () => {
    const response = await get("/");
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe("/vi/");
    for (const locale of ["vi", "en"]) {
      const bare = await get(`/${locale}`);
      expect(bare.statusCode).toBe(301);
      expect(bare.headers.location).toBe(`/${locale}/`);
    }
  });

  it("shows the home page in each language, with the organisation and its published projects", async () => {
    const vi = await get("/vi/");
    expect(vi.statusCode).toBe(200);
    expect(vi.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(vi.headers["cache-control"]).toBe("public, no-cache");
    expectHead(vi.body, "vi", { vi: "/vi/", en: "/en/" });
    expectHeadingOutline(vi.body);
    expect(vi.body).toContain(
      "<title>Trung tâm Hỗ trợ Sáng kiến Phát triển Cộng đồng — SCDI</title>",
    );
    expect(vi.body).toContain(`href="/vi/du-an/${slug}"`);
    expect(vi.body).toContain("Tháng 7 – tháng 10/2011");
    expect(vi.body).toContain("Tổ chức Sức khỏe Gia đình Quốc tế (FHI)");
    expect(vi.body).not.toContain("ban-nhap");

    const en = await get("/en/");
    expect(en.statusCode).toBe(200);
    expectHead(en.body, "en", { vi: "/vi/", en: "/en/" });
    expect(en.body).toContain(
      "<title>Center for Supporting Community Development Initiatives — SCDI</title>",
    );
    expect(en.body).toContain(`href="/en/projects/${slug}"`);
    expect(en.body).toContain("July – October 2011");
    expect(en.body).toContain("Family Health International (FHI)");
  });

  it("shows the Vietnamese project page with every section in the report's order and the computed figures", async () => {
    const response = await get(`/vi/du-an/${slug}`);
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expectHead(html, "vi", { vi: `/vi/du-an/${slug}`, en: `/en/projects/${slug}` });
    expectHeadingOutline(html);
    expect(html).toContain(
      "<title>Dự phòng HIV cho bạn tình chính của người sử dụng ma túy thực hiện ở Điện Biên — SCDI</title>",
    );
    expectInOrder(html, [
      "<h1>Dự phòng HIV cho bạn tình chính",
      "<dt>Đơn vị tài trợ</dt><dd>Tổ chức Sức khỏe Gia đình Quốc tế (FHI)</dd>",
      "<dt>Thời gian</dt><dd>Tháng 7 – tháng 10/2011</dd>",
      "<dt>Ngày đăng</dt><dd>Ngày 18 tháng 9 năm 2018</dd>",
      ">Bối cảnh</h2>",
      "Kể từ năm 1998",
      ">Mục tiêu</h2>",
      ">Đối tượng đích</h2>",
      ">Địa bàn thực hiện</h2>",
      ">Kết quả đạt được</h2>",
      "Số liệu của giai đoạn tháng 7 – tháng 10/2011, được tính trực tiếp từ dữ liệu ghi nhận",
      "<li>Số khách hàng được tiếp cận: 15 người (với 18 lượt tiếp cận)</li>",
      "<li>Số lượt khách hàng đến sinh hoạt nhóm: 7 lượt (với 2 buổi)</li>",
      "<li>Số lượt khách hàng đi xét nghiệm HIV (VCT): 6 lượt</li>",
      "<li>Số bao cao su được phát ra: 1.200 chiếc</li>",
      "<li>Tổ chức 1 khóa tập huấn cho đội ngũ thực hiện can thiệp (3 người)</li>",
      "<li>Tổ chức 3 đợt đào tạo cầm tay chỉ việc tại 2 địa bàn</li>",
      '<caption id="results-caption">Kết quả theo địa bàn, tháng 7 – tháng 10/2011</caption>',
      ">Thuận lợi</h2>",
      ">Khó khăn</h2>",
      ">Bài học kinh nghiệm</h2>",
      "<li>Giám sát ở tất cả các cấp</li>",
      ">Kiến nghị</h2>",
    ]);
    expect(html).toContain('<th scope="col">Địa bàn</th>');
    expect(tableRow(html, "Thành phố Điện Biên Phủ")).toEqual([
      fixtureFigures.city.communes,
      String(fixtureFigures.city.people),
      "180",
      fixtureFigures.city.reach,
    ]);
    expect(tableRow(html, "Tổng cộng")).toEqual(["5/23", "15", "450", "3%"]);
    // A real programme's figures are real: no demo-data footnote.
    expect(html).not.toContain("Số liệu minh họa");
  });

  it("shows the English project page with the same sections and figures", async () => {
    const response = await get(`/en/projects/${slug}`);
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expectHead(html, "en", { vi: `/vi/du-an/${slug}`, en: `/en/projects/${slug}` });
    expectHeadingOutline(html);
    expectInOrder(html, [
      "<h1>HIV prevention for Primary Sexual Partners",
      "<dt>Funded by</dt><dd>Family Health International (FHI)</dd>",
      "<dt>Period</dt><dd>July – October 2011</dd>",
      "<dt>Published</dt><dd>18 September 2018</dd>",
      ">Background</h2>",
      ">Objectives</h2>",
      ">Target populations</h2>",
      ">Locations</h2>",
      ">Results</h2>",
      "<li>People reached: 15 (with 18 outreach contacts)</li>",
      "<li>Attendances at group meetings: 7 (2 meetings)</li>",
      "<li>Visits to HIV testing (VCT): 6</li>",
      "<li>Condoms distributed: 1,200</li>",
      "<li>Organised 1 training for the project team (3 people)</li>",
      "<li>Organised 3 rounds of on-the-job coaching at 2 sites</li>",
      ">Enablers</h2>",
      ">Difficulties</h2>",
      ">Lessons learnt</h2>",
      ">Recommendations</h2>",
    ]);
    expect(tableRow(html, "Dien Bien Phu city")).toEqual(["3/9", "12", "180", "7%"]);
  });

  it("withholds a site's small count of people: the table shows <5, never the number", async () => {
    for (const [url, name] of [
      [`/vi/du-an/${slug}`, "Huyện Tuần Giáo"],
      [`/en/projects/${slug}`, "Tuan Giao district"],
    ] as const) {
      const html = (await get(url)).body;
      const [communes, people, estimate, reach] = tableRow(html, name);
      expect(communes).toBe(fixtureFigures.tuanGiao.communes);
      expect(people).toBe("&lt;5");
      expect(estimate).toBe(fixtureFigures.tuanGiao.estimate);
      expect(reach).toBe("&lt;2%");
      expect(tableRow(html, name).join(" ")).not.toContain(String(fixtureFigures.tuanGiao.people));
    }
  });

  it("shows the sponsors page in each language, with the projects each sponsor funds", async () => {
    const vi = await get("/vi/nha-tai-tro");
    expect(vi.statusCode).toBe(200);
    expectHead(vi.body, "vi", { vi: "/vi/nha-tai-tro", en: "/en/sponsors" });
    expectHeadingOutline(vi.body);
    expectInOrder(vi.body, [
      "<h1>Nhà tài trợ và đối tác</h1>",
      "<h3>Tổ chức Sức khỏe Gia đình Quốc tế (FHI)</h3>",
      `<a href="/vi/du-an/${slug}">Dự phòng HIV cho bạn tình chính`,
      "<h3>Trung tâm Phòng chống HIV/AIDS tỉnh Điện Biên (PAC)</h3>",
    ]);

    const en = await get("/en/sponsors");
    expect(en.statusCode).toBe(200);
    expectHead(en.body, "en", { vi: "/vi/nha-tai-tro", en: "/en/sponsors" });
    expect(en.body).toContain("<h3>Family Health International (FHI)</h3>");
    expect(en.body).toContain(
      `<a href="/en/projects/${slug}">HIV prevention for Primary Sexual Partners`,
    );
  });

  it("lists every public page in both languages in the sitemap, each with its alternates", async () => {
    const response = await get("/sitemap.xml");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/xml; charset=utf-8");
    const xml = response.body;
    const pages = [
      { vi: "/vi/", en: "/en/" },
      { vi: `/vi/du-an/${slug}`, en: `/en/projects/${slug}` },
      { vi: "/vi/nha-tai-tro", en: "/en/sponsors" },
      { vi: "/vi/tin-tuc", en: "/en/news" },
      { vi: "/vi/hoat-dong", en: "/en/activities" },
      // Giving, in general and to the project.
      { vi: "/vi/ung-ho", en: "/en/donate" },
      { vi: `/vi/ung-ho?du-an=${slug}`, en: `/en/donate?project=${slug}` },
    ];
    const entries = [...xml.matchAll(/<url>([\s\S]*?)<\/url>/g)].map((m) => m[1]!);
    expect(entries).toHaveLength(pages.length * 2);
    for (const page of pages) {
      for (const locale of ["vi", "en"] as const) {
        const entry = entries.find((e) => e.includes(`<loc>${publicUrl}${page[locale]}</loc>`));
        expect(entry, page[locale]).toBeDefined();
        expect(entry).toContain(
          `<xhtml:link rel="alternate" hreflang="vi" href="${publicUrl}${page.vi}"/>`,
        );
        expect(entry).toContain(
          `<xhtml:link rel="alternate" hreflang="en" href="${publicUrl}${page.en}"/>`,
        );
        expect(entry).toContain(
          `<xhtml:link rel="alternate" hreflang="x-default" href="${publicUrl}${page.vi}"/>`,
        );
      }
    }
    expect(xml).not.toContain("ban-nhap");

    const robots = await get("/robots.txt");
    expect(robots.statusCode).toBe(200);
    expect(robots.body).toContain(`Sitemap: ${publicUrl}/sitemap.xml`);
  });

  it("answers 404 with a page in the visitor's language for anything that does not exist", async () => {
    const cases = [
      { url: "/fr/", text: "Không tìm thấy trang", lang: "vi" },
      { url: "/vi/du-an/khong-co", text: "Không tìm thấy trang", lang: "vi" },
      { url: "/vi/khong-co-trang", text: "Không tìm thấy trang", lang: "vi" },
      { url: "/en/projects/nope", text: "Page not found", lang: "en" },
      { url: "/en/no-such-page", text: "Page not found", lang: "en" },
      // A draft is not public.
      { url: "/vi/du-an/ban-nhap", text: "Không tìm thấy trang", lang: "vi" },
      { url: "/en/projects/ban-nhap", text: "Page not found", lang: "en" },
    ];
    for (const { url, text, lang } of cases) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers["content-type"], url).toBe("text/html; charset=utf-8");
      expect(response.body, url).toContain(`<html lang="${lang}">`);
      expect(response.body, url).toContain(`<h1>${text}</h1>`);
      expect(response.body, url).toContain(`href="/${lang}/"`);
      expect(languageSwitch(response.body), url).toContain(
        `href="/${lang === "vi" ? "en" : "vi"}/"`,
      );
      expect(response.body, url).toContain('<meta name="robots" content="noindex"/>');
    }
  });

  it("writes the stylesheet into the page, allowed by its hash alone; the hashed file stays served", async () => {
    const page = await get("/vi/");
    const inline = /<style>([\s\S]*?)<\/style>/.exec(page.body)?.[1];
    expect(inline).toBe(stylesheet.css);
    const digest = createHash("sha256").update(inline!).digest("base64");
    const styleSrc = /style-src ([^;]*)/.exec(String(page.headers["content-security-policy"]))?.[1];
    expect(styleSrc).toBe(`'self' 'sha256-${digest}'`);
    expect(page.body).not.toContain('rel="stylesheet"');
    const css = await get(stylesheet.path);
    expect(css.statusCode).toBe(200);
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(css.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect((await get("/assets/site.000000000000.css")).statusCode).toBe(404);
  });

  it("keeps each project page, its stylesheet inside, under 50 KB", async () => {
    for (const url of [`/vi/du-an/${slug}`, `/en/projects/${slug}`]) {
      const htmlBytes = Buffer.byteLength((await get(url)).body);
      expect(htmlBytes, url).toBeLessThan(50 * 1024);
    }
  });
});

describe("public website with PUBLIC_MIN_COUNT=10", () => {
  let strict: FastifyInstance;

  beforeAll(async () => {
    strict = await buildApp({
      database,
      config: { publicUrl, logLevel: "silent", publicMinCount: 10 },
      secret: testSecret,
    });
  });
  afterAll(async () => {
    await strict?.close();
  });

  it("withholds figures under 10 that the default threshold shows, and says '<10' in Vietnamese", async () => {
    const html = (await strict.inject({ method: "GET", url: `/vi/du-an/${slug}` })).body;
    // 7 attendances and 6 visits to testing are published under the default threshold of 5.
    expect(html).toContain(
      "<li>Số lượt khách hàng đến sinh hoạt nhóm: dưới 10 lượt (với 2 buổi)</li>",
    );
    expect(html).toContain("<li>Số lượt khách hàng đi xét nghiệm HIV (VCT): dưới 10 lượt</li>");
    expect(html).not.toContain(`${fixtureFigures.attendances} lượt`);
    expect(html).not.toContain(`${fixtureFigures.hivTestVisits} lượt`);
    expect(html).toContain("<li>Số khách hàng được tiếp cận: 15 người (với 18 lượt tiếp cận)</li>");
    // Fewer than 10 of 270 people is under 4 %.
    expect(tableRow(html, "Huyện Tuần Giáo")).toEqual(["2/14", "&lt;10", "270", "&lt;4%"]);
    expect(html).toContain("&lt;10: số liệu về khách hàng dưới 10 người không được công bố");
    expect(html).not.toContain("&lt;5");
  });

  it("says 'fewer than 10' and '<10' in English", async () => {
    const html = (await strict.inject({ method: "GET", url: `/en/projects/${slug}` })).body;
    expect(html).toContain("<li>Attendances at group meetings: fewer than 10 (2 meetings)</li>");
    expect(html).toContain("<li>Visits to HIV testing (VCT): fewer than 10</li>");
    expect(tableRow(html, "Tuan Giao district")[1]).toBe("&lt;10");
    expect(html).toContain("&lt;10: figures about clients below 10 are not published");
    expect(html).not.toContain("&lt;5");
  });
});
