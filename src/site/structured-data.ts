// What a page is, for search engines, as schema.org JSON-LD in its head: the organisation (an NGO)
// on the home page, a NewsArticle on a news post, an Event on an activity. It is data, never run:
// the Content-Security-Policy refuses inline scripts, and a `type="application/ld+json"` block is
// not one. Its text is written so that nothing in it can end the element early (`jsonLdText`).
// The organisation carries its logo (logo.ts) and its postal address (MAIL_POSTAL_ADDRESS, the one
// the newsletter's footer gives), as Google's structured data asks of an organisation and of the
// publisher of an article.
import type { PublicItem } from "../content/published.js";
import type { Locale } from "../lib/i18n.js";
import { type OrganisationView, pick } from "../programmes/service.js";
import { logo } from "./logo.js";
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

/** Country names an address may end with, and their ISO 3166-1 codes (schema.org's addressCountry). */
const countries: Record<string, string> = { "viet nam": "VN", vietnam: "VN", vn: "VN" };

const plain = (text: string) =>
  text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase().trim();

/** A part that names a province (tỉnh): the region, with the town or commune before it. */
const provincePart = /^(tinh|province)\b|\bprovince$/;
const postalCodeAtEnd = /\s*\b(\d{5,6})$/;

/**
 * The postal address as schema.org's PostalAddress when its parts can be told apart — street,
 * town (or province, and the town before it), postal code, and a country at the end that we
 * know — else as the text it is (schema.org's `address` takes either). Parts are separated by
 * commas, semicolons or line breaks, as an address is written in Việt Nam and in English.
 */
export function postalAddressData(text: string): string | Record<string, string> | undefined {
  const address = text.trim().replace(/\s+/g, " ");
  if (address === "") return undefined;
  const parts = text
    .split(/[,;\n]/)
    .map((part) => part.trim().replace(/\s+/g, " "))
    .filter((part) => part !== "");
  const country = parts.length >= 3 ? countries[plain(parts.at(-1)!)] : undefined;
  if (!country) return address;
  const rest = parts.slice(0, -1);
  let postalCode: string | undefined;
  if (/^\d{5,6}$/.test(rest.at(-1)!)) postalCode = rest.pop();
  const code = postalCodeAtEnd.exec(rest.at(-1)!);
  if (!postalCode && code) {
    postalCode = code[1];
    rest[rest.length - 1] = rest.at(-1)!.slice(0, code.index).trim();
  }
  const town = rest.pop();
  if (!town) return address;
  const region = provincePart.test(plain(town)) ? town : undefined;
  const locality = region ? (rest.length > 1 ? rest.pop() : undefined) : town;
  if (rest.length === 0) return address;
  return {
    "@type": "PostalAddress",
    streetAddress: rest.join(", "),
    ...(locality ? { addressLocality: locality } : {}),
    ...(region ? { addressRegion: region } : {}),
    ...(postalCode ? { postalCode } : {}),
    addressCountry: country,
  };
}

/** What the site knows of the organisation beyond its record: from the configuration. */
export interface OrganisationSettings {
  /** MAIL_POSTAL_ADDRESS; empty when not set. */
  postalAddress: string;
}

/** The organisation as schema.org knows an NGO; also the author and publisher of its posts. */
function ngo(
  organisation: OrganisationView,
  locale: Locale,
  publicUrl: string,
  settings: OrganisationSettings | undefined,
) {
  const about = pick(organisation.about, locale);
  const address = settings && postalAddressData(settings.postalAddress);
  return {
    "@type": "NGO",
    name: pick(organisation.name, locale),
    alternateName: organisation.shortName,
    url: absoluteUrl(publicUrl, pagePath(homePage, locale)),
    logo: {
      "@type": "ImageObject",
      url: absoluteUrl(publicUrl, logo.path),
      width: logo.width,
      height: logo.height,
    },
    ...(about ? { description: about } : {}),
    ...(address ? { address } : {}),
    ...(organisation.website ? { sameAs: [organisation.website] } : {}),
  };
}

export function organisationData(
  organisation: OrganisationView,
  locale: Locale,
  publicUrl: string,
  settings?: OrganisationSettings,
): StructuredData {
  return { "@context": "https://schema.org", ...ngo(organisation, locale, publicUrl, settings) };
}

export interface ItemDataProps {
  item: PublicItem;
  locale: Locale;
  organisation: OrganisationView | undefined;
  publicUrl: string;
  image: ShareImage;
  settings?: OrganisationSettings | undefined;
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
  const { item, organisation, locale, publicUrl, settings } = props;
  const by = organisation ? ngo(organisation, locale, publicUrl, settings) : undefined;
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
  const { item, organisation, locale, publicUrl, settings } = props;
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
    ...(organisation ? { organizer: ngo(organisation, locale, publicUrl, settings) } : {}),
  };
}
