// /sitemap.xml and /robots.txt: every public page in both languages, each entry naming its
// counterparts (hreflang), with absolute URLs, so search engines find and pair the two versions,
// and dated (<lastmod>) by the last change of what it shows, so they come back when it changes.
//
// The dates come from what is cheap to know: a content item's last save or publish; a list's
// newest item; a project page's publication, its narrative's last change and the day its figures
// last moved (the day after its last ended quarter: src/indicators/release.ts publishes ended
// quarters only); the donate pages take the date of the list of projects, or of their project. A record synced late into an ended quarter changes the figures without moving
// that date: finding it would mean reading every record table, for a date crawlers take as a hint.
//
// Each entry names the images its page shows (Google's image sitemap extension): an item's cover
// and the images in its text, a project's narrative's, the partners' logos on the sponsors page —
// each image's JPEG (at most 1024 wide), at an absolute address, in both languages' entries. The
// sitemap stays within the protocol's bounds — 50,000 addresses, 1,000 images an address — and the
// public answer's 2 MiB (less than the protocol's 50 MiB): entries past them are left out (the
// oldest items, listed last); a sitemap index would be the next step for a site that large.
import type { ContentChangeDates, ContentSitemap } from "../content/published.js";
import { releasePeriods } from "../indicators/release.js";
import { locales } from "../lib/i18n.js";
import { requestClasses } from "../limits/limits.js";
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
  /** The images the page shows: their paths on the site. */
  images?: readonly string[];
}

/**
 * The sitemap's bounds: the protocol's (sitemaps.org: 50,000 addresses; Google's image extension:
 * 1,000 images an address), and in bytes the smaller of the protocol's 50 MiB and the largest
 * answer a public request may have (src/limits/limits.ts: 2 MiB), which a client asking for it
 * uncompressed gets whole.
 */
export const sitemapLimits = {
  urls: 50_000,
  bytes: Math.min(50 * 1024 * 1024, requestClasses.public.maxAnswerBytes),
  imagesPerUrl: 1_000,
};

/** Every entry of the sitemap: the site's pages and the content items', with their images. */
export function sitemapEntries(
  pages: readonly SitemapEntry[],
  content: Pick<ContentSitemap, "pages" | "projectImages" | "sponsorImages">,
): SitemapEntry[] {
  const imagesOf = (page: SitePage): readonly string[] =>
    page.kind === "project"
      ? (content.projectImages.get(page.slug) ?? [])
      : page.kind === "sponsors"
        ? content.sponsorImages
        : [];
  return [
    ...pages.map((entry) => {
      const images = imagesOf(entry.page);
      return images.length > 0 ? { ...entry, images } : entry;
    }),
    ...content.pages.map(({ page, updatedAt, images }) => ({ page, lastmod: updatedAt, images })),
  ];
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
    // Giving: the donate page lists the projects, and each project has its own (src/donations/).
    { page: { kind: "donate" }, lastmod: homeChanged },
    ...projects.map(({ page, lastmod }) => ({
      page: { kind: "donate", project: page.slug } satisfies SitePage,
      lastmod,
    })),
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

/** The namespace of Google's image sitemap extension. */
export const imageNamespace = "http://www.google.com/schemas/sitemap-image/1.1";

export function renderSitemap(
  publicUrl: string,
  pages: readonly SitemapEntry[],
  limits: typeof sitemapLimits = sitemapLimits,
): string {
  const head = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml" xmlns:image="${imageNamespace}">`,
  ];
  const tail = [`</urlset>`, ""];
  let bytes = Buffer.byteLength([...head, ...tail].join("\n")) + 1;
  let urls = 0;
  const entries: string[] = [];
  for (const { page, lastmod, images = [] } of pages) {
    const alternates = alternatesOf(page, publicUrl)
      .map(
        (a) =>
          `\n    <xhtml:link rel="alternate" hreflang="${a.hreflang}" href="${escapeXml(a.href)}"/>`,
      )
      .join("");
    const pictures = [...new Set(images)]
      .slice(0, limits.imagesPerUrl)
      .map(
        (image) =>
          `\n    <image:image>\n      <image:loc>${escapeXml(absoluteUrl(publicUrl, image))}</image:loc>\n    </image:image>`,
      )
      .join("");
    // A page's languages go in together, or not at all (each names the other).
    const both = locales.map(
      (locale) =>
        `  <url>\n    <loc>${escapeXml(absoluteUrl(publicUrl, pagePath(page, locale)))}</loc>${
          lastmod ? `\n    <lastmod>${w3cDatetime(lastmod)}</lastmod>` : ""
        }${alternates}${pictures}\n  </url>`,
    );
    const size = both.reduce((sum, entry) => sum + Buffer.byteLength(entry) + 1, 0);
    if (urls + both.length > limits.urls || bytes + size > limits.bytes) break;
    urls += both.length;
    bytes += size;
    entries.push(...both);
  }
  return [...head, ...entries, ...tail].join("\n");
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
