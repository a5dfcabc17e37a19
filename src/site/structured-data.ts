// What a page is, for search engines, as schema.org JSON-LD in its head: the organisation (an NGO)
// on the home page, a NewsArticle on a news post, an Event on an activity. It is data, never run:
// the Content-Security-Policy refuses inline scripts, and a `type="application/ld+json"` block is
// not one. Its text is written so that nothing in it can end the element early (`jsonLdText`).
import type { PublicItem } from "../content/published.js";
import type { Locale } from "../lib/i18n.js";
import { type OrganisationView, pick } from "../programmes/service.js";
import { inLanguage, itemPage } from "./pages/content.js";
import { absoluteUrl, homePage, pagePath } from "./paths.js";
import type { ShareImage } from "./share-image.js";

/** A schema.org object, as JSON. */
export type StructuredData = { "@context": "https://schema.org"; "@type": string } & Record<
  string,
  unknown
>;

/**
 * The JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` are written as Unicode
 * escapes, so a text holding `</script>` or `<!--` cannot end the element or change how the HTML
 * parser reads it; U+2028 and U+2029 are escaped for older JavaScript readers. JSON parsers read
 * the escapes back as the characters.
 */
export function jsonLdText(data: StructuredData): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/** The organisation as schema.org knows an NGO; also the author and publisher of its posts. */
function ngo(organisation: OrganisationView, locale: Locale, publicUrl: string) {
  const about = pick(organisation.about, locale);
  return {
    "@type": "NGO",
    name: pick(organisation.name, locale),
    alternateName: organisation.shortName,
    url: absoluteUrl(publicUrl, pagePath(homePage, locale)),
    ...(about ? { description: about } : {}),
    ...(organisation.website ? { sameAs: [organisation.website] } : {}),
  };
}

export function organisationData(
  organisation: OrganisationView,
  locale: Locale,
  publicUrl: string,
): StructuredData {
  return { "@context": "https://schema.org", ...ngo(organisation, locale, publicUrl) };
}

export interface ItemDataProps {
  item: PublicItem;
  locale: Locale;
  organisation: OrganisationView | undefined;
  publicUrl: string;
  image: ShareImage;
}

/** A news post as a NewsArticle, an activity with a start as an Event; nothing for other items. */
export function itemData(props: ItemDataProps): StructuredData | undefined {
  if (props.item.kind === "news") return newsArticleData(props);
  if (props.item.kind === "activity" && props.item.fields.starts_at) return eventData(props);
  return undefined;
}

function common({ item, locale, publicUrl, image }: ItemDataProps) {
  const title = inLanguage(item.fields.title, locale);
  const summary = inLanguage(item.fields.summary, locale).text;
  return {
    url: absoluteUrl(publicUrl, pagePath(itemPage(item), locale)),
    image: [image.url],
    // The language of the text shown: the other one's where this one has none yet.
    inLanguage: title.lang ?? locale,
    ...(summary ? { description: summary } : {}),
    title: title.text,
  };
}

function newsArticleData(props: ItemDataProps): StructuredData {
  const { title, url, ...rest } = common(props);
  const { item, organisation, locale, publicUrl } = props;
  const by = organisation ? ngo(organisation, locale, publicUrl) : undefined;
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: title,
    url,
    mainEntityOfPage: url,
    ...rest,
    datePublished: item.publishedAt ?? item.updatedAt,
    dateModified: item.updatedAt,
    ...(by ? { author: by, publisher: by } : {}),
  };
}

function eventData(props: ItemDataProps): StructuredData {
  const { title, ...rest } = common(props);
  const { item, organisation, locale, publicUrl } = props;
  const place = inLanguage(item.fields.place, locale).text;
  return {
    "@context": "https://schema.org",
    "@type": "Event",
    name: title,
    ...rest,
    startDate: item.fields.starts_at,
    ...(item.fields.ends_at ? { endDate: item.fields.ends_at } : {}),
    eventStatus: "https://schema.org/EventScheduled",
    eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
    // The place is one text written by the editor: it names the place and says where it is.
    ...(place ? { location: { "@type": "Place", name: place, address: place } } : {}),
    ...(organisation ? { organizer: ngo(organisation, locale, publicUrl) } : {}),
  };
}
