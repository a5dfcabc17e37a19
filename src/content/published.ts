// Content as the public website reads it: only what is public now (published, or scheduled for a
// moment already past), with the HTML stored at save. The site's pages (src/site/) call these; a
// draft or an archived item is never returned, and an old slug of a public item says where the
// item lives now, so its page can answer with a 301. Each item comes with its picture (a cover, or a
// partner's logo), asked of the media service once for all the items a page shows.
import type { Db } from "../db/connection.js";
import type { ContentKind } from "../db/schema.js";
import type { Locale } from "../lib/i18n.js";
import { imageIdsInHtml, picturesInHtml } from "../media/picture.js";
import { getPictures, type Picture } from "../media/service.js";
import type { SitePage, Slugs } from "../site/paths.js";
import type { Localised, TFields } from "./fields.js";
import {
  findPublicByRetiredSlug,
  findPublicBySlug,
  findPublicNarrative,
  type ItemRow,
  listPublic,
  listPublicActivities,
  listPublicChangeDates,
  listPublicPartners,
  listPublicPicturesElsewhere,
  listPublicWithPages,
} from "./queries.js";
import type { ItemHtml } from "./service.js";

export interface PublicItem {
  id: string;
  kind: ContentKind;
  projectSlug: string | null;
  isDemo: boolean;
  fields: TFields;
  html: ItemHtml;
  publishedAt: string | null;
  /** The last save or publish (feeds, structured data and the sitemap say when an item changed). */
  updatedAt: string;
  /** The image `fields.image_id` names, when it names one that exists. */
  picture?: Picture;
}

/** News posts per page of the news list, and past activities per page of the activities list. */
export const NEWS_PAGE_SIZE = 10;
export const ACTIVITIES_PAGE_SIZE = 10;
/** News posts in a feed (RSS, Atom): the latest, as feed readers poll for what is new. */
export const FEED_SIZE = 20;
/** Upcoming activities are few; a bound keeps the page small if someone plans a hundred. */
const UPCOMING_MAX = 50;

export function toPublicItem(
  row: Pick<ItemRow, "id" | "kind" | "project_slug" | "is_demo" | "fields" | "html"> & {
    published_at: Date | string | null;
    updated_at: Date | string;
  },
): PublicItem {
  return {
    id: row.id,
    kind: row.kind,
    projectSlug: row.project_slug,
    isDemo: row.is_demo,
    fields: row.fields as TFields,
    html: row.html as ItemHtml,
    publishedAt: row.published_at === null ? null : new Date(row.published_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/**
 * The items with their pictures: one call to the media service for the whole list (none when no
 * item names an image). An id naming no image leaves its item without a picture, not the page
 * failing.
 */
export async function withPictures(db: Db, items: readonly PublicItem[]): Promise<PublicItem[]> {
  const ids = items.flatMap((item) => [
    ...(item.fields.image_id ? [item.fields.image_id] : []),
    ...htmlsOf(item.html).flatMap(imageIdsInHtml),
  ]);
  if (ids.length === 0) return [...items];
  const pictures = await getPictures(db, [...new Set(ids)]);
  return items.map((item) => {
    const picture = item.fields.image_id && pictures.get(item.fields.image_id.toLowerCase());
    const html = mapHtml(item.html, (text) => picturesInHtml(text, pictures, textImageSizes));
    return picture ? { ...item, html, picture } : { ...item, html };
  });
}

/** An image in an item's text is at most the text column's width (site.css, .wrap--text). */
const textImageSizes = "(min-width: 48rem) 46rem, calc(100vw - 2rem)";

function htmlsOf(html: ItemHtml): string[] {
  const sections = html.sections ? Object.values(html.sections) : [];
  return [html.body, ...sections].flatMap((text) => [text.vi, text.en]);
}

function mapHtml(html: ItemHtml, change: (text: string) => string): ItemHtml {
  const both = (text: Localised): Localised => ({ vi: change(text.vi), en: change(text.en) });
  return {
    body: both(html.body),
    sections: html.sections
      ? (Object.fromEntries(
          Object.entries(html.sections).map(([name, text]) => [name, both(text)]),
        ) as ItemHtml["sections"])
      : null,
  };
}

/** One item with its picture. */
export async function withPicture(db: Db, item: PublicItem): Promise<PublicItem> {
  return (await withPictures(db, [item]))[0] ?? item;
}

/** An item's slugs as its pages use them: one without an English slug is read at its Vietnamese. */
export function slugsOf(fields: TFields): Slugs {
  return { vi: fields.slug.vi, en: fields.slug.en || fields.slug.vi };
}

export type PublicLookup = { item: PublicItem } | { movedTo: Slugs } | undefined;

/** The public item at a slug, or where an item that had that slug lives now. */
export async function findPublicItem(
  db: Db,
  kind: ContentKind,
  locale: Locale,
  slug: string,
  now: Date,
): Promise<PublicLookup> {
  const row = await findPublicBySlug(db, kind, locale, slug, now);
  if (row) return { item: await withPicture(db, toPublicItem(row)) };
  const moved = await findPublicByRetiredSlug(db, kind, locale, slug, now);
  return moved ? { movedTo: slugsOf(moved.fields as TFields) } : undefined;
}

export interface NewsPage {
  items: PublicItem[];
  total: number;
  page: number;
  pages: number;
}

export async function listNews(
  db: Db,
  query: { page: number; projectSlug?: string | undefined },
  now: Date,
): Promise<NewsPage> {
  const { rows, total } = await listPublic(
    db,
    {
      kind: "news",
      projectSlug: query.projectSlug,
      limit: NEWS_PAGE_SIZE,
      offset: (query.page - 1) * NEWS_PAGE_SIZE,
    },
    now,
  );
  return {
    items: await withPictures(db, rows.map(toPublicItem)),
    total,
    page: query.page,
    pages: Math.max(1, Math.ceil(total / NEWS_PAGE_SIZE)),
  };
}

/** The latest public news posts, newest first, for the feeds. */
export async function listLatestNews(db: Db, now: Date): Promise<PublicItem[]> {
  const { rows } = await listPublic(db, { kind: "news", limit: FEED_SIZE, offset: 0 }, now);
  return rows.map(toPublicItem);
}

export interface ActivitiesPage {
  /** Not yet ended, soonest first (only on the first page). */
  upcoming: PublicItem[];
  /** Ended, latest first, a page at a time. */
  past: PublicItem[];
  page: number;
  pages: number;
}

export async function listActivities(
  db: Db,
  query: { page: number },
  now: Date,
): Promise<ActivitiesPage> {
  const [upcoming, past] = await Promise.all([
    query.page === 1
      ? listPublicActivities(db, "upcoming", { limit: UPCOMING_MAX, offset: 0 }, now)
      : Promise.resolve({ rows: [], total: 0 }),
    listPublicActivities(
      db,
      "past",
      { limit: ACTIVITIES_PAGE_SIZE, offset: (query.page - 1) * ACTIVITIES_PAGE_SIZE },
      now,
    ),
  ]);
  // Both lists' pictures in one call.
  const items = await withPictures(db, [...upcoming.rows, ...past.rows].map(toPublicItem));
  return {
    upcoming: items.slice(0, upcoming.rows.length),
    past: items.slice(upcoming.rows.length),
    page: query.page,
    pages: Math.max(1, Math.ceil(past.total / ACTIVITIES_PAGE_SIZE)),
  };
}

/** A project's public narrative sections, when the NGO has written them as content. */
export async function findProjectNarrative(
  db: Db,
  projectSlug: string,
  now: Date,
): Promise<PublicItem | undefined> {
  const row = await findPublicNarrative(db, projectSlug, now);
  return row && withPicture(db, toPublicItem(row));
}

export async function listPartners(db: Db, now: Date): Promise<PublicItem[]> {
  return withPictures(db, (await listPublicPartners(db, now)).map(toPublicItem));
}

const pageKinds: Partial<Record<ContentKind, "news_post" | "activity" | "content_page">> = {
  news: "news_post",
  activity: "activity",
  page: "content_page",
};

/** Most images a page names in the sitemap: Google's image sitemaps take up to 1,000 a page. */
export const SITEMAP_IMAGES_PER_PAGE = 1_000;
/** Media ids asked of the media service at once (PostgreSQL takes 65,535 parameters a statement). */
const PICTURES_PER_READ = 5_000;

/** The images an item shows: its cover (or logo) first, then those in its texts, once each. */
function imageIdsOf(imageId: string | null, html: ItemHtml): string[] {
  const ids = [
    ...(imageId ? [imageId.toLowerCase()] : []),
    ...htmlsOf(html).flatMap(imageIdsInHtml),
  ];
  return [...new Set(ids)].slice(0, SITEMAP_IMAGES_PER_PAGE);
}

/** The images' addresses (each one's JPEG, at most 1024 wide); ids naming no image are left out. */
async function imagePaths(
  db: Db,
  lists: readonly string[][],
): Promise<(ids: string[]) => string[]> {
  const ids = [...new Set(lists.flat())];
  const pictures = new Map<string, Picture>();
  for (let at = 0; at < ids.length; at += PICTURES_PER_READ) {
    for (const [id, picture] of await getPictures(db, ids.slice(at, at + PICTURES_PER_READ))) {
      pictures.set(id, picture);
    }
  }
  return (wanted) => wanted.flatMap((id) => pictures.get(id)?.src ?? []);
}

/** A page of the sitemap from content: when it last changed, and the images it shows (paths). */
export interface ContentSitemapPage {
  page: SitePage;
  updatedAt: Date;
  images: string[];
}

export interface ContentSitemap {
  /** The public items with pages of their own, dated by their last change. */
  pages: ContentSitemapPage[];
  /** The images a project's page shows from its narrative, by project slug. */
  projectImages: Map<string, string[]>;
  /** The partners' logos the sponsors page shows. */
  sponsorImages: string[];
}

/** What the sitemap lists of content: the items' pages, and every public page's images. */
export async function listContentForSitemap(db: Db, now: Date): Promise<ContentSitemap> {
  const [rows, elsewhere] = await Promise.all([
    listPublicWithPages(db, now),
    listPublicPicturesElsewhere(db, now),
  ]);
  const pageImages = rows.map((row) => imageIdsOf(row.image_id, row.html as ItemHtml));
  const otherImages = elsewhere.map((row) => imageIdsOf(row.image_id, row.html as ItemHtml));
  const pathsOf = await imagePaths(db, [...pageImages, ...otherImages]);
  const pages = rows.flatMap((row, i) => {
    const kind = pageKinds[row.kind];
    if (!kind || !row.slug_vi) return [];
    const slug = { vi: row.slug_vi, en: row.slug_en ?? row.slug_vi };
    const images = pathsOf(pageImages[i]!);
    return [{ page: { kind, slug }, updatedAt: new Date(row.updated_at), images }];
  });
  const projectImages = new Map<string, string[]>();
  const sponsorImages: string[] = [];
  elsewhere.forEach((row, i) => {
    const images = pathsOf(otherImages[i]!);
    if (row.kind === "project" && row.project_slug) {
      projectImages.set(row.project_slug, [
        ...(projectImages.get(row.project_slug) ?? []),
        ...images,
      ]);
    } else if (row.kind === "partner") {
      sponsorImages.push(...images);
    }
  });
  return { pages, projectImages, sponsorImages: [...new Set(sponsorImages)] };
}

export interface ContentChangeDates {
  /** The last change of a public item of each kind (news, activity, partner …). */
  byKind: Partial<Record<ContentKind, Date>>;
  /** The last change of each project's public narrative, by project slug. */
  narratives: Map<string, Date>;
}

/** When public content last changed, per kind and per project narrative (for the sitemap). */
export async function findContentChangeDates(db: Db, now: Date): Promise<ContentChangeDates> {
  const byKind: Partial<Record<ContentKind, Date>> = {};
  const narratives = new Map<string, Date>();
  for (const row of await listPublicChangeDates(db, now)) {
    if (row.at === null) continue;
    const at = new Date(row.at as Date | string);
    const known = byKind[row.kind];
    if (!known || at > known) byKind[row.kind] = at;
    if (row.kind === "project" && row.project_slug) narratives.set(row.project_slug, at);
  }
  return { byKind, narratives };
}
