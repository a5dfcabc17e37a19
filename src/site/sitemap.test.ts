import { describe, expect, it } from "vitest";
import type { HomeView, ProjectSummaryView } from "../programmes/service.js";
import { listPublicPages, renderRobots, renderSitemap, w3cDatetime } from "./sitemap.js";

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

  it("declares the sitemap and xhtml namespaces", () => {
    const xml = renderSitemap("https://example.org", []);
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
