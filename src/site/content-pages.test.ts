// The NGO's own content on the public website: news, activities, pages, partners and a project's
// narrative, in both languages; what is not public (drafts, archived, scheduled for later) stays
// out; an old slug answers with a 301; a missing translation shows the other language with a note.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandLineActor } from "../audit/service.js";
import { findPublicItem } from "../content/published.js";
import {
  archiveItem,
  createItem,
  type NewItem,
  nextScheduledChange,
  publishItem,
  saveItem,
  scheduleItem,
  searchDocumentsOf,
} from "../content/service.js";
import type { Database } from "../db/connection.js";
import { loadReferencePlaces } from "../places/service.js";
import { buildTestApp } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture } from "../test-support/published-project.js";

const project = "thu-nghiem";
let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  database = await openTestDatabase();
  await loadReferencePlaces(database.db);
  await insertProjectFixture(database.db, { slug: project });
  app = await buildTestApp(database);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

// Writes here go to the services, not through a request (whose end settles, app.ts): on PostgreSQL
// their notices of change are counted before a page is asked for, as they would be.
const get = async (url: string) => {
  await database.changes.settle();
  return app.inject({ method: "GET", url });
};
const now = () => new Date();

async function published(input: NewItem) {
  const draft = await createItem(database.db, commandLineActor, input, now());
  return publishItem(database.db, commandLineActor, draft.id, draft.revision, now());
}

describe("content on the public website", () => {
  it("lists news and shows a post in both languages, with a note where a text is not translated", async () => {
    await published({
      kind: "news",
      project_slug: project,
      fields: {
        title: { vi: "Tin về buổi sinh hoạt nhóm", en: "" },
        slug: { vi: "tin-sinh-hoat-nhom", en: "" },
        summary: { vi: "Tóm tắt bằng tiếng Việt", en: "A summary in English" },
        body: { vi: "Nội dung **chính**.", en: "" },
      },
    });
    const listVi = await get("/vi/tin-tuc");
    expect(listVi.statusCode).toBe(200);
    expect(listVi.body).toContain('href="/vi/tin-tuc/tin-sinh-hoat-nhom"');
    const listEn = await get("/en/news");
    expect(listEn.body).toContain('href="/en/news/tin-sinh-hoat-nhom"');
    expect(listEn.body).toContain('<span lang="vi">Tin về buổi sinh hoạt nhóm</span>');

    const vi = await get("/vi/tin-tuc/tin-sinh-hoat-nhom");
    expect(vi.statusCode).toBe(200);
    expect(vi.body).toContain("<strong>chính</strong>");
    expect(vi.body).not.toContain("chưa có bản");
    const en = await get("/en/news/tin-sinh-hoat-nhom");
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain("has not been translated into English yet");
    expect(en.body).toContain('<div class="prose" lang="vi"><p>Nội dung <strong>chính</strong>.');
    expect(en.body).toContain("A summary in English");
    // The language switch and hreflang pair the two versions.
    expect(en.body).toContain(
      'hreflang="vi" href="http://localhost:3000/vi/tin-tuc/tin-sinh-hoat-nhom"',
    );
  });

  it("filters news by project, and refuses an unknown project or page", async () => {
    expect((await get(`/vi/tin-tuc?du-an=${project}`)).body).toContain("tin-sinh-hoat-nhom");
    expect((await get(`/en/news?project=${project}`)).statusCode).toBe(200);
    expect((await get("/vi/tin-tuc?du-an=khong-co")).statusCode).toBe(404);
    expect((await get("/vi/tin-tuc?page=99")).statusCode).toBe(404);
  });

  it("never shows a draft, an archived item or one scheduled for later", async () => {
    await createItem(
      database.db,
      commandLineActor,
      { kind: "news", fields: { title: { vi: "Nháp", en: "" }, slug: { vi: "ban-nhap", en: "" } } },
      now(),
    );
    expect((await get("/vi/tin-tuc/ban-nhap")).statusCode).toBe(404);
    expect((await get("/vi/tin-tuc")).body).not.toContain("ban-nhap");

    const gone = await published({
      kind: "page",
      fields: { title: { vi: "Cũ", en: "Old" }, slug: { vi: "trang-cu", en: "old-page" } },
    });
    expect((await get("/en/pages/old-page")).statusCode).toBe(200);
    await archiveItem(database.db, commandLineActor, gone.id, now());
    expect((await get("/en/pages/old-page")).statusCode).toBe(404);
    expect((await get("/vi/trang/khong-co-trang-nay")).statusCode).toBe(404);
  });

  it("publishes a scheduled item when its moment comes, decided when read", async () => {
    const at = new Date(Date.now() + 60 * 60 * 1000);
    const draft = await createItem(
      database.db,
      commandLineActor,
      {
        kind: "news",
        fields: { title: { vi: "Hẹn giờ", en: "" }, slug: { vi: "hen-gio", en: "" } },
      },
      now(),
    );
    const scheduled = await scheduleItem(
      database.db,
      commandLineActor,
      draft.id,
      { revision: draft.revision, publishAt: at },
      now(),
    );
    expect(scheduled.state).toBe("scheduled");
    expect((await get("/vi/tin-tuc/hen-gio")).statusCode).toBe(404);
    expect(await findPublicItem(database.db, "news", "vi", "hen-gio", now())).toBeUndefined();
    const later = new Date(at.getTime() + 1000);
    expect(await findPublicItem(database.db, "news", "vi", "hen-gio", later)).toHaveProperty(
      "item",
    );
    expect(await nextScheduledChange(database.db, now())).toEqual(at);
    expect(await nextScheduledChange(database.db, later)).toBeNull();
  });

  it("answers an old slug of a published item with a 301 to its new one", async () => {
    const item = await published({
      kind: "activity",
      fields: {
        title: { vi: "Tập huấn", en: "Training" },
        slug: { vi: "tap-huan", en: "training" },
        starts_at: "2011-07-12T01:00:00.000Z",
        place: { vi: "Điện Biên Phủ", en: "Dien Bien Phu" },
      },
    });
    await saveItem(
      database.db,
      commandLineActor,
      item.id,
      {
        revision: item.revision,
        fields: { slug: { vi: "tap-huan-thang-7", en: "july-training" } },
      },
      now(),
    );
    const moved = await get("/vi/hoat-dong/tap-huan");
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe("/vi/hoat-dong/tap-huan-thang-7");
    expect((await get("/en/activities/training")).headers.location).toBe(
      "/en/activities/july-training",
    );
    const page = await get("/vi/hoat-dong/tap-huan-thang-7");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Điện Biên Phủ");
    expect(page.body).toContain("08:00, ngày 12 tháng 7 năm 2011");
    expect((await get("/en/activities/july-training")).body).toContain("12 July 2011, 08:00");
  });

  it("lists upcoming activities first, soonest first, then past ones", async () => {
    const soon = new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString();
    const later = new Date(Date.now() + 9 * 24 * 3600 * 1000).toISOString();
    for (const [slug, startsAt] of [
      ["sau-nua", later],
      ["sap-toi", soon],
    ] as const) {
      await published({
        kind: "activity",
        fields: {
          title: { vi: slug, en: slug },
          slug: { vi: slug, en: "" },
          starts_at: startsAt,
          place: { vi: "", en: "Muong Cha" },
        },
      });
    }
    const html = (await get("/vi/hoat-dong")).body;
    const order = ["sap-toi", "sau-nua", "tap-huan-thang-7"].map((s) =>
      html.indexOf(`/vi/hoat-dong/${s}"`),
    );
    expect(order.every((p) => p > -1)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html.indexOf("Sắp diễn ra")).toBeLessThan(html.indexOf("Đã diễn ra"));
  });

  it("shows a project's narrative from content, falling back to the programme's texts before", async () => {
    const before = (await get(`/vi/du-an/${project}`)).body;
    expect(before).toContain("Bối cảnh");
    await published({
      kind: "project",
      project_slug: project,
      fields: {
        title: { vi: "Dự án thử nghiệm", en: "" },
        sections: {
          background: { vi: "Bối cảnh **mới** của dự án.", en: "" },
          lessons: { vi: "- Bài học một\n- Bài học hai", en: "- Lesson one\n- Lesson two" },
        },
      },
    });
    const vi = (await get(`/vi/du-an/${project}`)).body;
    expect(vi).toContain("Bối cảnh <strong>mới</strong> của dự án.");
    expect(vi).toContain("<li>Bài học một</li>");
    const en = (await get(`/en/projects/${project}`)).body;
    expect(en).toContain("<li>Lesson one</li>");
    expect(en).toContain('lang="vi"><p>Bối cảnh <strong>mới</strong>');
    expect(en).toContain("has not been translated into English yet");
  });

  it("lists sponsors and partners written as content, with their websites", async () => {
    await published({
      kind: "partner",
      project_slug: project,
      fields: {
        title: { vi: "Quỹ Hỗ trợ", en: "Support Fund" },
        partner_role: "sponsor",
        website: "https://example.org",
      },
    });
    const html = (await get("/en/sponsors")).body;
    expect(html).toContain("Support Fund");
    expect(html).toContain('href="https://example.org" rel="noopener external"');
  });

  it("puts published items in the sitemap, and gives search one document per language", async () => {
    const sitemap = (await get("/sitemap.xml")).body;
    expect(sitemap).toContain("/vi/tin-tuc/tin-sinh-hoat-nhom");
    expect(sitemap).toContain("/en/activities/july-training");
    expect(sitemap).not.toContain("ban-nhap");

    const item = await published({
      kind: "news",
      fields: {
        title: { vi: "Tìm kiếm", en: "Search" },
        slug: { vi: "tim-kiem", en: "search" },
        body: { vi: "Một **đoạn** văn.", en: "A paragraph." },
      },
    });
    expect(searchDocumentsOf(item)).toEqual([
      expect.objectContaining({ locale: "vi", url: "/vi/tin-tuc/tim-kiem", body: "Một đoạn văn." }),
      expect.objectContaining({ locale: "en", url: "/en/news/search", body: "A paragraph." }),
    ]);
  });

  it("has links to news and activities in the navigation", async () => {
    const html = (await get("/en/")).body;
    expect(html).toContain('href="/en/news"');
    expect(html).toContain('href="/en/activities"');
  });
});
