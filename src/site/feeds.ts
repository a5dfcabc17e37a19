// The news feeds, one per language and format (RSS 2.0, Atom), written by the `feed` package: the
// latest public posts with absolute addresses, their summary and their HTML (sanitised when it was
// saved, src/content/). A post not translated yet is given in the other language, as its page
// shows it. The feed's date is its newest post's last change, so the same posts give the same bytes
// (and the same ETag) whenever the feed is made again.
import type { Item } from "feed";
import type { PublicItem } from "../content/published.js";
import type { Locale } from "../lib/i18n.js";
import { translator } from "../messages.js";
import { type OrganisationView, pick } from "../programmes/service.js";
import { escapeHtml } from "../search/snippet.js";
import { inLanguage, itemPage } from "./pages/content.js";
import {
  absoluteUrl,
  contentListRoute,
  type FeedFormat,
  homePage,
  newsFeedPath,
  pagePath,
} from "./paths.js";
import { defaultShareImage } from "./share-image.js";

export const feedContentTypes: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
};

export interface NewsFeedProps {
  format: FeedFormat;
  locale: Locale;
  /** Newest first (src/content/published.ts, listLatestNews). */
  items: readonly PublicItem[];
  organisation: OrganisationView | undefined;
  publicUrl: string;
  /** The feed's date when it has no post yet. */
  now: Date;
}

export async function renderNewsFeed({
  format,
  locale,
  items,
  organisation,
  publicUrl,
  now,
}: NewsFeedProps): Promise<string> {
  // Loaded with the first feed asked for, not at start (it brings an XML writer and parser).
  const { Feed } = await import("feed");
  const t = translator(locale);
  const url = (path: string) => absoluteUrl(publicUrl, path);
  const newsTitle = t.t("site.news.title");
  const author = organisation && {
    name: pick(organisation.name, locale),
    link: url(pagePath(homePage, locale)),
  };
  const newest = items.reduce<Date | undefined>((latest, item) => {
    const at = new Date(item.updatedAt);
    return !latest || at > latest ? at : latest;
  }, undefined);
  const feed = new Feed({
    title: organisation
      ? t.t("site.title", { page: newsTitle, organisation: organisation.shortName })
      : newsTitle,
    description: t.t("site.news.description"),
    id: url(contentListRoute("news", locale)),
    link: url(contentListRoute("news", locale)),
    language: locale,
    updated: newest ?? now,
    generator: "Peerlink",
    image: defaultShareImage(organisation, locale, publicUrl).url,
    feedLinks: { rss: url(newsFeedPath(locale, "rss")), atom: url(newsFeedPath(locale, "atom")) },
    ...(author ? { author } : {}),
  });
  for (const item of items) {
    const link = url(pagePath(itemPage(item), locale));
    const title = inLanguage(item.fields.title, locale).text;
    const summary = inLanguage(item.fields.summary, locale).text;
    const published = new Date(item.publishedAt ?? item.updatedAt);
    const entry: Item = {
      // Atom marks its title as HTML; RSS titles are plain text.
      title: format === "atom" ? escapeHtml(title) : title,
      id: link,
      link,
      // RSS has one date, its publication; Atom says when an entry was last changed, and published.
      date: format === "rss" ? published : new Date(item.updatedAt),
      published,
      description: escapeHtml(summary),
      content: inLanguage(item.html.body, locale).text,
      ...(author ? { author: [author] } : {}),
    };
    feed.addItem(entry);
  }
  return format === "rss" ? feed.rss2() : feed.atom1();
}
