// The public website's addresses: every page exists once per language, under /vi/… and /en/…, with
// its path words in that language. Routes, links, the language switch and the sitemap all build
// paths here, so a page and its counterpart in the other language can never drift apart.
import { defaultLocale, type Locale, locales } from "../lib/i18n.js";

export type SitePage =
  | { kind: "home" }
  | { kind: "sponsors" }
  | { kind: "project"; slug: string }
  /** Search results: the query goes with the page, so the language switch keeps it. */
  | { kind: "search"; q?: string; page?: number };

const segments: Record<Locale, { project: string; sponsors: string; search: string }> = {
  vi: { project: "du-an", sponsors: "nha-tai-tro", search: "tim-kiem" },
  en: { project: "projects", sponsors: "sponsors", search: "search" },
};

export const homePage: SitePage = { kind: "home" };
export const sponsorsPage: SitePage = { kind: "sponsors" };
export const searchPage: SitePage = { kind: "search" };

export function pagePath(page: SitePage, locale: Locale): string {
  switch (page.kind) {
    case "home":
      return `/${locale}/`;
    case "sponsors":
      return `/${locale}/${segments[locale].sponsors}`;
    case "project":
      return `/${locale}/${segments[locale].project}/${encodeURIComponent(page.slug)}`;
    case "search": {
      const path = `/${locale}/${segments[locale].search}`;
      const query = new URLSearchParams();
      if (page.q) query.set("q", page.q);
      if (page.page !== undefined && page.page > 1) query.set("page", String(page.page));
      return query.size > 0 ? `${path}?${query}` : path;
    }
  }
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
