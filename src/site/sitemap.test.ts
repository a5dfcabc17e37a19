import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import type { HomeView, ProjectSummaryView } from "../programmes/service.js";
import { alternatesOf } from "./paths.js";
import {
  imageNamespace,
  listPublicPages,
  renderRobots,
  renderSitemap,
  sitemapEntries,
  sitemapLimits,
  w3cDatetime,
} from "./sitemap.js";

const project: ProjectSummaryView = {
  slug: "du-an-a",
  name: { vi: "Dự án A", en: "Project A" },
  summary: { vi: "", en: "" },
  startsOn: "2024-01-01",
  endsOn: "2025-12-31",
  publishedOn: "2024-02-10",
  sponsors: [],
};
const home: HomeView = { organisation: undefined, projects: [project], sponsors: [], partners: [] };

describe("renderSitemap", () => {
  it("escapes what XML needs escaped in the public URL", () => {
    const xml = renderSitemap("https://example.org/a&b", [
      { page: { kind: "home" }, lastmod: undefined },
    ]);
    expect(xml).toContain("<loc>https://example.org/a&amp;b/vi/</loc>");
    expect(xml).not.toContain("a&b");
  });

  it("declares the sitemap, xhtml and image namespaces", () => {
    const xml = renderSitemap("https://example.org", []);
    expect(xml).toContain('xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toContain('xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"');
    expect(xml).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
  });

  it("dates each entry in both languages with a W3C datetime, after its address", () => {
    const xml = renderSitemap("https://example.org", [
      { page: { kind: "news" }, lastmod: new Date("2025-03-04T05:06:07.890Z") },
    ]);
    expect(xml).toContain(
      "<loc>https://example.org/vi/tin-tuc</loc>\n    <lastmod>2025-03-04T05:06:07Z</lastmod>",
    );
    expect(xml).toContain(
      "<loc>https://example.org/en/news</loc>\n    <lastmod>2025-03-04T05:06:07Z</lastmod>",
    );
  });
});

describe("the sitemap's images", () => {
  const post = { kind: "news_post", slug: { vi: "tin-a", en: "post-a" } } as const;
  const images = ["/media/a/1024.abc.jpg", "/media/b.jpg?x=1&y=2"];
  const parse = (xml: string) =>
    new XMLParser({
      ignoreAttributes: false,
      isArray: (name) => ["url", "image:image", "xhtml:link"].includes(name),
    }).parse(xml) as {
      urlset: {
        "@_xmlns:image": string;
        url: { loc: string; "image:image"?: { "image:loc": string }[]; "xhtml:link": unknown[] }[];
      };
    };

  it("names a page's images in each language's entry, absolute and escaped, in Google's image namespace", () => {
    const xml = renderSitemap("https://example.org", [{ page: post, lastmod: undefined, images }]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const { urlset } = parse(xml);
    expect(imageNamespace).toBe("http://www.google.com/schemas/sitemap-image/1.1");
    expect(urlset["@_xmlns:image"]).toBe(imageNamespace);
    expect(urlset.url.map((u) => u.loc)).toEqual([
      "https://example.org/vi/tin-tuc/tin-a",
      "https://example.org/en/news/post-a",
    ]);
    for (const url of urlset.url) {
      // The alternates are kept beside the images.
      expect(url["xhtml:link"]).toHaveLength(alternatesOf(post, "https://example.org").length);
      expect(url["image:image"]?.map((i) => i["image:loc"])).toEqual([
        "https://example.org/media/a/1024.abc.jpg",
        "https://example.org/media/b.jpg?x=1&y=2",
      ]);
    }
    expect(xml).toContain("b.jpg?x=1&amp;y=2");
    // A page with no image has no image element.
    const none = renderSitemap("https://example.org", [{ page: post, lastmod: undefined }]);
    expect(none).not.toContain("<image:image>");
  });

  it("stays within the protocol's bounds: addresses, bytes and images an address", () => {
    const many = Array.from({ length: 30 }, (_, i) => `/media/x/${i}.jpg`);
    const pages = Array.from({ length: 10 }, (_, i) => ({
      page: { kind: "news_post", slug: { vi: `tin-${i}`, en: `post-${i}` } } as const,
      lastmod: undefined,
      images: many,
    }));
    const count = (xml: string, tag: string) => xml.split(`<${tag}>`).length - 1;
    const limited = renderSitemap("https://example.org", pages, {
      urls: 7,
      bytes: sitemapLimits.bytes,
      imagesPerUrl: 5,
    });
    expect(XMLValidator.validate(limited)).toBe(true);
    // Both languages of a page or neither: 3 pages, 6 addresses.
    expect(count(limited, "url")).toBe(6);
    expect(count(limited, "image:image")).toBe(6 * 5);
    const small = renderSitemap("https://example.org", pages, {
      urls: 1000,
      bytes: 10_000,
      imagesPerUrl: 1000,
    });
    expect(XMLValidator.validate(small)).toBe(true);
    expect(Buffer.byteLength(small)).toBeLessThanOrEqual(10_000);
    expect(count(small, "url")).toBeGreaterThan(0);
    expect(count(small, "url")).toBeLessThan(20);
    // The public answer's bound (2 MiB) is under the protocol's 50 MiB: a sitemap is never refused.
    expect(sitemapLimits).toEqual({ urls: 50_000, bytes: 2 * 1024 * 1024, imagesPerUrl: 1_000 });
  });

  it("gives a project's page its narrative's images and the sponsors page the partners' logos", () => {
    const entries = sitemapEntries(
      listPublicPages(home, { byKind: {}, narratives: new Map() }, "2024-03-01"),
      {
        pages: [
          { page: post, updatedAt: new Date("2025-01-01T00:00:00Z"), images: ["/media/p.jpg"] },
        ],
        projectImages: new Map([[project.slug, ["/media/n.jpg"]]]),
        sponsorImages: ["/media/logo.jpg"],
      },
    );
    const of = (kind: string) => entries.find((e) => e.page.kind === kind);
    expect(of("project")?.images).toEqual(["/media/n.jpg"]);
    expect(of("sponsors")?.images).toEqual(["/media/logo.jpg"]);
    expect(of("news_post")).toMatchObject({
      images: ["/media/p.jpg"],
      lastmod: new Date("2025-01-01T00:00:00Z"),
    });
    expect(of("home")?.images).toBeUndefined();
    // The donate page of the project shows no narrative.
    expect(
      entries.find((e) => e.page.kind === "donate" && "project" in e.page)?.images,
    ).toBeUndefined();
  });
});

describe("listPublicPages", () => {
  const news = new Date("2025-05-01T10:00:00Z");
  const partner = new Date("2023-01-01T00:00:00Z");

  it("dates a project by its publication, its narrative or its last figures, whichever is latest", () => {
    const dated = (narrative: Date | undefined, today: string) =>
      listPublicPages(
        home,
        { byKind: {}, narratives: new Map(narrative ? [[project.slug, narrative]] : []) },
        today,
      ).find((e) => e.page.kind === "project")?.lastmod;
    // No quarter ended yet: its publication, the day it began in Việt Nam.
    expect(dated(undefined, "2024-03-01")?.toISOString()).toBe("2024-02-09T17:00:00.000Z");
    // The first quarter's figures came out the day after it ended.
    expect(dated(undefined, "2024-05-01")?.toISOString()).toBe("2024-03-31T17:00:00.000Z");
    expect(dated(news, "2024-05-01")).toEqual(news);
  });

  it("dates the lists by their newest item, and gives every page a date", () => {
    const entries = listPublicPages(
      home,
      { byKind: { news, partner }, narratives: new Map() },
      "2024-03-01",
    );
    const of = (kind: string) => entries.find((e) => e.page.kind === kind)?.lastmod;
    expect(of("news")).toEqual(news);
    expect(of("home")?.toISOString()).toBe("2024-02-09T17:00:00.000Z");
    expect(of("sponsors")).toEqual(of("home"));
    // No activity yet: the site's latest change.
    expect(of("activities")).toEqual(news);
    expect(entries.every((e) => e.lastmod instanceof Date)).toBe(true);
  });

  it("writes a datetime to the second", () => {
    expect(w3cDatetime(new Date("2025-01-02T03:04:05.678Z"))).toBe("2025-01-02T03:04:05Z");
  });
});

describe("renderRobots", () => {
  it("points crawlers at the sitemap and away from the API", () => {
    expect(renderRobots("https://example.org")).toBe(
      "User-agent: *\nDisallow: /api/\n\nSitemap: https://example.org/sitemap.xml\n",
    );
  });
});
