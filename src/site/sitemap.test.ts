import { describe, expect, it } from "vitest";
import { renderRobots, renderSitemap } from "./sitemap.js";

describe("renderSitemap", () => {
  it("escapes what XML needs escaped in the public URL", () => {
    const xml = renderSitemap("https://example.org/a&b", [{ kind: "home" }]);
    expect(xml).toContain("<loc>https://example.org/a&amp;b/vi/</loc>");
    expect(xml).not.toContain("a&b");
  });

  it("declares the sitemap and xhtml namespaces", () => {
    const xml = renderSitemap("https://example.org", []);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toContain('xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"');
    expect(xml).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
  });
});

describe("renderRobots", () => {
  it("points crawlers at the sitemap and away from the API", () => {
    expect(renderRobots("https://example.org")).toBe(
      "User-agent: *\nDisallow: /api/\n\nSitemap: https://example.org/sitemap.xml\n",
    );
  });
});
