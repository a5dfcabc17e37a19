// /sitemap.xml and /robots.txt: every public page in both languages, each entry naming its
// counterparts (hreflang), with absolute URLs, so search engines find and pair the two versions.
import { locales } from "../lib/i18n.js";
import type { HomeView } from "../programmes/service.js";
import {
  absoluteUrl,
  activitiesPage,
  alternatesOf,
  homePage,
  newsPage,
  pagePath,
  type SitePage,
  sponsorsPage,
} from "./paths.js";

/** The pages a visitor can reach, in one language; every one exists in each language. */
export function listPublicPages(home: HomeView): SitePage[] {
  return [
    homePage,
    ...home.projects.map((project): SitePage => ({ kind: "project", slug: project.slug })),
    sponsorsPage,
    newsPage,
    activitiesPage,
  ];
}

const xmlEntities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => xmlEntities[c]!);
}

export function renderSitemap(publicUrl: string, pages: SitePage[]): string {
  const entries = pages.flatMap((page) => {
    const alternates = alternatesOf(page, publicUrl)
      .map(
        (a) =>
          `\n    <xhtml:link rel="alternate" hreflang="${a.hreflang}" href="${escapeXml(a.href)}"/>`,
      )
      .join("");
    return locales.map(
      (locale) =>
        `  <url>\n    <loc>${escapeXml(absoluteUrl(publicUrl, pagePath(page, locale)))}</loc>${alternates}\n  </url>`,
    );
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`,
    ...entries,
    `</urlset>`,
    "",
  ].join("\n");
}

export function renderRobots(publicUrl: string): string {
  return [
    "User-agent: *",
    "Disallow: /api/",
    "",
    `Sitemap: ${absoluteUrl(publicUrl, "/sitemap.xml")}`,
    "",
  ].join("\n");
}
