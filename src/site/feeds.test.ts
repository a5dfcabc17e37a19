// The news feeds (RSS 2.0 and Atom, per language) and the sitemap's dates, on a real database:
// a feed is well-formed XML with absolute addresses, holds a published post in its language and
// never a draft, shows a publish at once, answers 304 to a reader that has it; every page of the
// sitemap is dated.
import { execFileSync } from "node:child_process";
import { XMLParser } from "fast-xml-parser";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandLineActor } from "../audit/service.js";
import { createItem, type NewItem, publishItem } from "../content/service.js";
import type { Database } from "../db/connection.js";
import { loadReferencePlaces } from "../places/service.js";
import { buildTestApp } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture } from "../test-support/published-project.js";

const publicUrl = "https://peerlink.example.org";
let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  database = await openTestDatabase();
  await loadReferencePlaces(database.db);
  await insertProjectFixture(database.db, { slug: "thu-nghiem" });
  await database.changes.ready();
  app = await buildTestApp(database, publicUrl);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

// Writes here go to the services, not through a request (whose end settles, app.ts): on PostgreSQL
// their notices of change are counted before a page is asked for, as they would be.
const get = async (url: string, headers: Record<string, string> = {}) => {
  await database.changes.settle();
  return app.inject({ method: "GET", url, headers });
};

async function published(input: NewItem) {
  const draft = await createItem(database.db, commandLineActor, input, new Date());
  return publishItem(database.db, commandLineActor, draft.id, draft.revision, new Date());
}

/** Fails with xmllint's own message when the text is not well-formed XML. */
function wellFormed(xml: string): void {
  execFileSync("xmllint", ["--noout", "-"], { input: xml, stdio: ["pipe", "ignore", "pipe"] });
}

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "item" });

/** Every address (href, link, loc …) in a feed or sitemap. */
const addresses = (xml: string) =>
  [...xml.matchAll(/(?:href="|<link>|<loc>|<id>|<guid[^>]*>)([^"<]+)/g)].map((m) => m[1]!);

const feeds = [
  "/vi/tin-tuc/feed.xml",
  "/vi/tin-tuc/atom.xml",
  "/en/news/feed.xml",
  "/en/news/atom.xml",
];

describe("the news feeds", () => {
  it("serve the latest published posts of their language, in RSS and in Atom, with absolute addresses", async () => {
    await published({
      kind: "news",
      fields: {
        title: { vi: "Tin đầu tiên & mới", en: "First news & more" },
        slug: { vi: "tin-dau-tien", en: "first-news" },
        summary: { vi: "Tóm tắt <ngắn>", en: "A short summary" },
        body: { vi: "Nội dung **chính**.", en: "The **main** text." },
      },
    });
    await createItem(
      database.db,
      commandLineActor,
      {
        kind: "news",
        fields: { title: { vi: "Nháp", en: "Draft" }, slug: { vi: "nhap", en: "" } },
      },
      new Date(),
    );

    for (const url of feeds) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      wellFormed(response.body);
      expect(response.headers["cache-control"]).toBe("public, no-cache");
      expect(response.headers.etag).toBeTruthy();
      for (const address of addresses(response.body)) {
        expect(address.startsWith(`${publicUrl}/`) || address.startsWith("http"), address).toBe(
          true,
        );
        if (!address.includes("w3.org") && !address.includes("purl.org")) {
          expect(address.startsWith(publicUrl), address).toBe(true);
        }
      }
      expect(response.body, url).not.toContain("nhap");
    }

    const rssVi = await get("/vi/tin-tuc/feed.xml");
    expect(rssVi.headers["content-type"]).toBe("application/rss+xml; charset=utf-8");
    const channel = parser.parse(rssVi.body).rss.channel;
    expect(channel.language).toBe("vi");
    expect(channel.item).toHaveLength(1);
    const [post] = channel.item;
    expect(post.title).toBe("Tin đầu tiên & mới");
    expect(post.link).toBe(`${publicUrl}/vi/tin-tuc/tin-dau-tien`);
    expect(post["content:encoded"]).toContain("<strong>chính</strong>");
    expect(post.description).toBe("Tóm tắt &lt;ngắn&gt;");
    expect(new Date(post.pubDate).getTime()).not.toBeNaN();

    const atomEn = await get("/en/news/atom.xml");
    expect(atomEn.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
    const feed = parser.parse(atomEn.body).feed;
    expect(feed.entry.title["#text"]).toBe("First news &amp; more");
    expect(feed.entry.link["@_href"]).toBe(`${publicUrl}/en/news/first-news`);
    expect(feed.entry.content["#text"]).toContain("<strong>main</strong>");
    expect(new Date(feed.entry.published).getTime()).not.toBeNaN();
    expect(new Date(feed.entry.updated).getTime()).not.toBeNaN();
  });

  it("shows a post the moment it is published, and answers 304 to a reader that has the feed", async () => {
    const before = await get("/en/news/feed.xml");
    const again = await get("/en/news/feed.xml", {
      "if-none-match": before.headers.etag as string,
    });
    expect(again.statusCode).toBe(304);

    await published({
      kind: "news",
      fields: {
        title: { vi: "Tin thứ hai", en: "Second news" },
        slug: { vi: "tin-thu-hai", en: "" },
      },
    });
    const after = await get("/en/news/feed.xml", {
      "if-none-match": before.headers.etag as string,
    });
    expect(after.statusCode).toBe(200);
    const items = parser.parse(after.body).rss.channel.item;
    // Newest first; no English slug: read at the Vietnamese one.
    expect(items.map((i: { link: string }) => i.link)).toEqual([
      `${publicUrl}/en/news/tin-thu-hai`,
      `${publicUrl}/en/news/first-news`,
    ]);
  });

  it("are named in the head of every page of their language", async () => {
    for (const [url, feed] of [
      ["/vi/", "/vi/tin-tuc/feed.xml"],
      ["/en/projects/thu-nghiem", "/en/news/feed.xml"],
      ["/en/news/first-news", "/en/news/feed.xml"],
      ["/vi/khong-co", "/vi/tin-tuc/feed.xml"],
    ] as const) {
      const body = (await get(url)).body;
      expect(body, url).toMatch(
        new RegExp(
          `<link rel="alternate" type="application/rss\\+xml" title="[^"]+" href="${publicUrl}${feed.replaceAll(".", "\\.")}"/>`,
        ),
      );
    }
  });
});

describe("the sitemap's dates", () => {
  it("dates every address with a W3C datetime", async () => {
    const xml = (await get("/sitemap.xml")).body;
    wellFormed(xml);
    const urls = [...xml.matchAll(/<url>[\s\S]*?<\/url>/g)].map((m) => m[0]);
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) {
      expect(url).toMatch(/<lastmod>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/lastmod>/);
    }
    const post = urls.find((u) => u.includes("/vi/tin-tuc/tin-dau-tien"))!;
    const item = await database.db
      .selectFrom("content_items")
      .select("updated_at")
      .where("slug_vi", "=", "tin-dau-tien")
      .executeTakeFirstOrThrow();
    const updated = new Date(item.updated_at).toISOString().replace(/\.\d{3}Z$/, "Z");
    expect(post).toContain(`<lastmod>${updated}</lastmod>`);
    // The news list carries its newest post's date.
    const list = urls.find((u) => u.includes("<loc>https://peerlink.example.org/en/news</loc>"))!;
    const newest = [...xml.matchAll(/news\/[^<]+<\/loc>\s*<lastmod>([^<]+)/g)].map((m) => m[1]!);
    expect(list).toContain(`<lastmod>${newest.sort().at(-1)}</lastmod>`);
  });
});
