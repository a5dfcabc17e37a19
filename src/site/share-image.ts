// The picture a link to the site shows when it is shared (Open Graph and Twitter cards): 1200×630,
// the organisation's short name over its name in the page's language, or "Peerlink" on a site with
// no organisation yet. It is drawn from an SVG by sharp the first time it is asked for, and served
// at an address holding a hash of that SVG, so it is immutable: a new name gives a new address.
// A page with a picture of its own (a cover) passes it to the layout instead.
import { createHash } from "node:crypto";
import type { Locale } from "../lib/i18n.js";
import type { Picture } from "../media/service.js";
import { type OrganisationView, pick } from "../programmes/service.js";
import { absoluteUrl } from "./paths.js";

/** The widest JPEG a picture's <img> names (src/media/service.ts). */
const coverPreviewWidth = 1024;

export interface ShareImage {
  /** Absolute: crawlers of other sites read it. */
  url: string;
  width: number;
  height: number;
}

const width = 1200;
const height = 630;

/** The route of the picture (Fastify syntax); `hash` names its SVG. */
export const shareImageRoute = "/assets/share.:hash.png";
export const shareImageCacheControl = "public, max-age=31536000, immutable";

const xmlEntities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};
const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => xmlEntities[c]!);

/** At most `max` characters, cut at a word with an ellipsis. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Words laid into lines of at most `perLine` characters, `lines` of them at most. */
function wrap(text: string, perLine: number, lines: number): string[] {
  const result: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && `${line} ${word}`.length > perLine) {
      result.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) result.push(line);
  if (result.length <= lines) return result.map((l) => shorten(l, perLine));
  return [...result.slice(0, lines - 1), shorten(result.slice(lines - 1).join(" "), perLine)];
}

/** The picture as SVG: the site's accent colour, white text (DejaVu Sans draws Vietnamese). */
export function shareImageSvg(organisation: OrganisationView | undefined, locale: Locale): string {
  const heading = shorten(organisation?.shortName ?? "Peerlink", 18);
  const headingSize = heading.length <= 10 ? 128 : 88;
  const name = organisation ? wrap(pick(organisation.name, locale), 38, 3) : [];
  const font = `font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif"`;
  const lines = name
    .map(
      (line, i) =>
        `<text x="80" y="${380 + i * 60}" ${font} font-size="44" fill="#ffffff">${escapeXml(line)}</text>`,
    )
    .join("");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="#0b6158"/>`,
    `<rect y="${height - 24}" width="${width}" height="24" fill="#08463f"/>`,
    `<text x="80" y="${name.length > 0 ? 280 : 360}" ${font} font-size="${headingSize}" font-weight="bold" fill="#ffffff">${escapeXml(heading)}</text>`,
    lines,
    `</svg>`,
  ].join("");
}

/** The hash that names a picture: of its SVG, so it is known without drawing it. */
export function shareImageHash(svg: string): string {
  return createHash("sha256").update(svg).digest("hex").slice(0, 12);
}

/** The site's picture for a page in `locale`: its absolute address and size. */
export function defaultShareImage(
  organisation: OrganisationView | undefined,
  locale: Locale,
  publicUrl: string,
): ShareImage {
  const hash = shareImageHash(shareImageSvg(organisation, locale));
  return { url: absoluteUrl(publicUrl, `/assets/share.${hash}.png`), width, height };
}

/** Draws the picture as PNG (libvips, in its own threads). */
export async function renderShareImage(svg: string): Promise<Buffer> {
  // Loaded on the first drawing, not at start: libvips is tens of megabytes of memory.
  const { default: sharp } = await import("sharp");
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
}

/**
 * A content item's cover as its link preview: the JPEG its <img> falls back to (at most 1024 px
 * wide; every link preview reader takes JPEG), with that file's own size.
 */
export function coverShareImage(
  picture: Pick<Picture, "src" | "width" | "height">,
  publicUrl: string,
): ShareImage {
  const shown = Math.min(picture.width, coverPreviewWidth);
  return {
    url: absoluteUrl(publicUrl, picture.src),
    width: shown,
    height: Math.round((picture.height * shown) / picture.width),
  };
}
