// The public website's addresses: every page exists once per language, under /vi/… and /en/…, with
// its path words in that language. Routes, links, the language switch and the sitemap all build
// paths here, so a page and its counterpart in the other language can never drift apart.
import { defaultLocale, type Locale, locales } from "../lib/i18n.js";

/** An item's slug in each language (content items: src/content/). */
export interface Slugs {
  vi: string;
  en: string;
}

export type SitePage =
  | { kind: "home" }
  | { kind: "sponsors" }
  | { kind: "project"; slug: string }
  | { kind: "news"; page?: number; project?: string }
  | { kind: "news_post"; slug: Slugs }
  | { kind: "activities"; page?: number }
  | { kind: "activity"; slug: Slugs }
  | { kind: "content_page"; slug: Slugs }
  /** Search results: the query goes with the page, so the language switch keeps it. */
  | { kind: "search"; q?: string; page?: number }
  /** Giving: to a project's fund, or unrestricted (src/donations/). */
  | { kind: "donate"; project?: string }
  /** A pledge's status: its QR code and account details until the gift arrives, then a thank-you. */
  | { kind: "donation"; id: string }
  /** The form where a donor asks for their yearly statement by e-mail (src/donations/). */
  | { kind: "donor_statement" }
  /** The newsletter's sign-up page (src/newsletter/); its other pages answer a link of a message. */
  | { kind: "newsletter" };

type Segment =
  | "project"
  | "sponsors"
  | "news"
  | "activities"
  | "pages"
  | "search"
  | "donate"
  | "newsletter";

const segments: Record<Locale, Record<Segment, string>> = {
  vi: {
    project: "du-an",
    sponsors: "nha-tai-tro",
    news: "tin-tuc",
    activities: "hoat-dong",
    pages: "trang",
    search: "tim-kiem",
    donate: "ung-ho",
    newsletter: "ban-tin",
  },
  en: {
    project: "projects",
    sponsors: "sponsors",
    news: "news",
    activities: "activities",
    pages: "pages",
    search: "search",
    donate: "donate",
    newsletter: "newsletter",
  },
};

/** The news list's project filter, named in each language (?du-an=…, ?project=…). */
export const projectFilterParameter: Record<Locale, string> = { vi: "du-an", en: "project" };
/** The page number of a list (the same word in both languages). */
export const pageParameter = "page";

export const homePage: SitePage = { kind: "home" };
export const sponsorsPage: SitePage = { kind: "sponsors" };
export const donatePage: SitePage = { kind: "donate" };
export const searchPage: SitePage = { kind: "search" };
export const newsPage: SitePage = { kind: "news" };
export const activitiesPage: SitePage = { kind: "activities" };
export const newsletterPage: SitePage = { kind: "newsletter" };

export function pagePath(page: SitePage, locale: Locale): string {
  switch (page.kind) {
    case "home":
      return `/${locale}/`;
    case "sponsors":
      return `/${locale}/${segments[locale].sponsors}`;
    case "newsletter":
      return `/${locale}/${segments[locale].newsletter}`;
    case "project":
      return `/${locale}/${segments[locale].project}/${encodeURIComponent(page.slug)}`;
    case "search": {
      const path = `/${locale}/${segments[locale].search}`;
      const query = new URLSearchParams();
      if (page.q) query.set("q", page.q);
      if (page.page !== undefined && page.page > 1) query.set("page", String(page.page));
      return query.size > 0 ? `${path}?${query}` : path;
    }
    case "news": {
      const query = new URLSearchParams();
      if (page.project) query.set(projectFilterParameter[locale], page.project);
      if (page.page && page.page > 1) query.set(pageParameter, String(page.page));
      const search = query.toString();
      return `/${locale}/${segments[locale].news}${search ? `?${search}` : ""}`;
    }
    case "activities":
      return `/${locale}/${segments[locale].activities}${page.page && page.page > 1 ? `?${pageParameter}=${page.page}` : ""}`;
    case "news_post":
      return itemPath(locale, "news", page.slug);
    case "activity":
      return itemPath(locale, "activities", page.slug);
    case "content_page":
      return itemPath(locale, "pages", page.slug);
    case "donate": {
      const path = `/${locale}/${segments[locale].donate}`;
      return page.project
        ? `${path}?${projectFilterParameter[locale]}=${encodeURIComponent(page.project)}`
        : path;
    }
    case "donation":
      return `/${locale}/${segments[locale].donate}/${encodeURIComponent(page.id)}`;
    case "donor_statement":
      return `/${locale}/${segments[locale].donate}/${donorStatementSegment[locale]}`;
  }
}

const donorStatementSegment: Record<Locale, string> = {
  vi: "bao-cao-nam",
  en: "yearly-statement",
};

/** The donate page's route in one language (the project, if any, in its query). */
export function donateRoute(locale: Locale): string {
  return `/${locale}/${segments[locale].donate}`;
}

/** A pledge's status page's route in one language (Fastify syntax). */
export function donationRoute(locale: Locale): string {
  return `/${locale}/${segments[locale].donate}/:id`;
}

/** An item's page; an item with no slug in a language is read there at its Vietnamese one. */
function itemPath(locale: Locale, segment: Segment, slug: Slugs): string {
  return `/${locale}/${segments[locale][segment]}/${encodeURIComponent(slug[locale] || slug.vi)}`;
}

/** The newsletter's pages that answer a link of a message (their token comes in the query). */
export type NewsletterStep = "confirm" | "preferences" | "unsubscribe" | "data";

const newsletterSteps: Record<Locale, Record<NewsletterStep, string>> = {
  vi: { confirm: "xac-nhan", preferences: "tuy-chon", unsubscribe: "huy-dang-ky", data: "du-lieu" },
  en: { confirm: "confirm", preferences: "preferences", unsubscribe: "unsubscribe", data: "data" },
};

export function newsletterPath(locale: Locale, step: NewsletterStep, token?: string): string {
  const path = `${pagePath({ kind: "newsletter" }, locale)}/${newsletterSteps[locale][step]}`;
  return token ? `${path}?t=${encodeURIComponent(token)}` : path;
}

/** The route pattern of a list of content (news, activities) in one language. */
export function contentListRoute(kind: "news" | "activities", locale: Locale): string {
  return `/${locale}/${segments[locale][kind]}`;
}

/** The route pattern of a content item's page in one language (Fastify syntax). */
export function contentItemRoute(kind: "news" | "activities" | "pages", locale: Locale): string {
  return `/${locale}/${segments[locale][kind]}/:slug`;
}

/** The news feeds of one language, beside its news list: RSS 2.0 and Atom. */
export type FeedFormat = "rss" | "atom";
const feedFile: Record<FeedFormat, string> = { rss: "feed.xml", atom: "atom.xml" };

export function newsFeedPath(locale: Locale, format: FeedFormat): string {
  return `${contentListRoute("news", locale)}/${feedFile[format]}`;
}

/** A project's public results report, a PDF in one language (its file name in that language). */
const reportFile: Record<Locale, string> = { vi: "bao-cao.pdf", en: "report.pdf" };

export function projectReportPath(slug: string, locale: Locale): string {
  return `${pagePath({ kind: "project", slug }, locale)}/${reportFile[locale]}`;
}

export function projectReportRoute(locale: Locale): string {
  return `${projectRoute(locale)}/${reportFile[locale]}`;
}

/** The route pattern of a project page in one language (Fastify syntax). */
export function projectRoute(locale: Locale): string {
  return `/${locale}/${segments[locale].project}/:slug`;
}

export function otherLocale(locale: Locale): Locale {
  return locale === "vi" ? "en" : "vi";
}

/** An absolute URL; `publicUrl` comes from configuration without a trailing slash. */
export function absoluteUrl(publicUrl: string, path: string): string {
  return `${publicUrl}${path}`;
}

export interface Alternate {
  hreflang: Locale | "x-default";
  href: string;
}

/** The page in every language, plus x-default (the default language) for other visitors. */
export function alternatesOf(page: SitePage, publicUrl: string): Alternate[] {
  return [
    ...locales.map((locale) => ({
      hreflang: locale,
      href: absoluteUrl(publicUrl, pagePath(page, locale)),
    })),
    { hreflang: "x-default", href: absoluteUrl(publicUrl, pagePath(page, defaultLocale)) },
  ];
}
