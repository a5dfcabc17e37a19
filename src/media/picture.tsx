// An image on a public page: WebP for browsers that take it, JPEG for the rest, each at every width
// made, so the browser picks the smallest file that fills `sizes`. Width and height are given so the
// page does not jump as it loads; the alt text is in the page's language. No inline style: the
// Content-Security-Policy refuses it (src/http/security-headers.ts).
import type { Locale } from "../lib/i18n.js";
import type { Picture as PictureData } from "./service.js";

export interface PictureProps {
  picture: PictureData;
  locale: Locale;
  /** How wide the picture is shown, as the `sizes` attribute says it, e.g. "(min-width: 60rem) 50vw, 100vw". */
  sizes: string;
  /** A class for the <img>, for the page's stylesheet. */
  class?: string;
  /** "eager" for a picture at the top of a page (the largest thing a visitor first sees). */
  loading?: "lazy" | "eager";
}

export function Picture({
  picture,
  locale,
  sizes,
  class: className,
  loading = "lazy",
}: PictureProps) {
  return (
    <picture>
      {picture.sources.map((source) => (
        <source key={source.type} type={source.type} srcset={source.srcset} sizes={sizes} />
      ))}
      <img
        src={picture.src}
        alt={picture.alt[locale]}
        width={picture.width}
        height={picture.height}
        loading={loading}
        // An image loaded at once is the page's largest: asked for before the others.
        {...(loading === "eager" ? { fetchpriority: "high" } : {})}
        decoding="async"
        class={className}
      />
    </picture>
  );
}

const bodyImage = /<img src="\/media\/([0-9a-fA-F-]{36})"(?: alt="([^"]*)")?\s*\/?>/g;

/** The media ids that rich text (stored, sanitised HTML) shows as `<img src="/media/<id>">`. */
export function imageIdsInHtml(html: string): string[] {
  return [...html.matchAll(bodyImage)].map((match) => match[1]!.toLowerCase());
}

/**
 * Rich text's images as pictures: each `<img src="/media/<id>" alt="…">` the editor put in the text
 * becomes the image's WebP and JPEG variants at every width, with its width and height (so the page
 * does not jump), lazily loaded. The alt text the editor wrote stays (already escaped by the
 * sanitiser); an id naming no image is left as it was.
 */
export function picturesInHtml(
  html: string,
  pictures: ReadonlyMap<string, PictureData>,
  sizes: string,
): string {
  return html.replace(bodyImage, (whole, id: string, alt = "") => {
    const picture = pictures.get(id.toLowerCase());
    if (!picture) return whole;
    const sources = picture.sources
      .map((s) => `<source type="${s.type}" srcset="${s.srcset}" sizes="${sizes}"/>`)
      .join("");
    return `<picture>${sources}<img src="${picture.src}" alt="${alt}" width="${picture.width}" height="${picture.height}" loading="lazy" decoding="async"/></picture>`;
  });
}
