// /sitemap.xml and /robots.txt: every public page in both languages, each entry naming its
// counterparts (hreflang), with absolute URLs, so search engines find and pair the two versions,
// and dated (<lastmod>) by the last change of what it shows, so they come back when it changes.
//
// The dates come from what is cheap to know: a content item's last save or publish; a list's
// newest item; a project page's publication, its narrative's last change and the day its figures
// last moved (the day after its last ended quarter: src/indicators/release.ts publishes ended
// quarters only). A record synced late into an ended quarter changes the figures without moving
// that date: finding it would mean reading every record table, for a date crawlers take as a hint.
import type { ContentChangeDates } from "../content/published.js";
import { releasePeriods } from "../indicators/release.js";
import { locales } from "../lib/i18n.js";
import type { HomeView, ProjectSummaryView } from "../programmes/service.js";
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

/** A page of the sitemap and when what it shows last changed (none: nothing to date it by). */
export interface SitemapEntry {
  page: SitePage;
  lastmod: Date | undefined;
}

/** The moment a day (YYYY-MM-DD) begins in Việt Nam, where the programmes' days are counted. */
const startOfVietnamDay = (date: string) => new Date(`${date}T00:00:00+07:00`);

const latest = (dates: readonly (Date | undefined)[]): Date | undefined =>
  dates.reduce<Date | undefined>((a, b) => (b && (!a || b > a) ? b : a), undefined);

/** When a project page last changed: published, its narrative saved, or a quarter's figures out. */
function projectChanged(
  project: ProjectSummaryView,
  narrative: Date | undefined,
  today: string,
): Date | undefined {
  const released = releasePeriods({ starts_on: project.startsOn, ends_on: project.endsOn }, today);
  const figuresOut = released[0] && startOfVietnamDay(released[0].to);
  if (figuresOut) figuresOut.setUTCDate(figuresOut.getUTCDate() + 1);
  return latest([
    project.publishedOn ? startOfVietnamDay(project.publishedOn) : undefined,
    narrative,
    figuresOut,
  ]);
}

/**
 * The pages a visitor can reach, in one language (every one exists in each language), dated; `today`
 * is the date in Việt Nam. A page with nothing to date it by takes the site's latest change.
 */
export function listPublicPages(
  home: HomeView,
  content: ContentChangeDates,
  today: string,
): SitemapEntry[] {
  const projects = home.projects.map((project) => ({
    page: { kind: "project", slug: project.slug } satisfies SitePage,
    lastmod: projectChanged(project, content.narratives.get(project.slug), today),
  }));
  const homeChanged = latest(projects.map((p) => p.lastmod));
  const entries: SitemapEntry[] = [
    { page: homePage, lastmod: homeChanged },
    ...projects,
    { page: sponsorsPage, lastmod: latest([content.byKind.partner, homeChanged]) },
    { page: newsPage, lastmod: content.byKind.news },
    { page: activitiesPage, lastmod: content.byKind.activity },
  ];
  const fallback = latest([...entries.map((e) => e.lastmod), ...Object.values(content.byKind)]);
  return entries.map((entry) => ({ ...entry, lastmod: entry.lastmod ?? fallback }));
}

/** A W3C datetime (the sitemap protocol's), to the second. */
export function w3cDatetime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
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

export function renderSitemap(publicUrl: string, pages: readonly SitemapEntry[]): string {
  const entries = pages.flatMap(({ page, lastmod }) => {
    const alternates = alternatesOf(page, publicUrl)
      .map(
        (a) =>
          `\n    <xhtml:link rel="alternate" hreflang="${a.hreflang}" href="${escapeXml(a.href)}"/>`,
      )
      .join("");
    return locales.map(
      (locale) =>
        `  <url>\n    <loc>${escapeXml(absoluteUrl(publicUrl, pagePath(page, locale)))}</loc>${
          lastmod ? `\n    <lastmod>${w3cDatetime(lastmod)}</lastmod>` : ""
        }${alternates}\n  </url>`,
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
