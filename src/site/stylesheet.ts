// The website's one stylesheet, written into every page's <head> and allowed there by its hash in
// the Content-Security-Policy (style-src 'sha256-…'), which still refuses every other inline style.
//
// Why inline: on a 2G/3G phone (issue 14's profile: 400 ms a round trip) a stylesheet file costs
// the first page a request before anything can be drawn — 0.4 s or more; inline, the page draws
// from its document alone. The price is the stylesheet in every page (≈ 4 KB compressed), a tenth
// of a second at 400 kbps, and the pages are cached and compressed once (src/http/answer-cache.ts).
// The file under a hashed address stays served, for pages that name it from a browser's cache.
// Comments and layout spaces are taken out as it is read (`minifyCss`).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

/**
 * The stylesheet as pages carry it: without its comments and the spaces that only lay it out
 * (a quarter of its bytes, in every page). Safe for site.css, whose only strings are attribute
 * values and font names, which hold no braces, semicolons or runs of spaces.
 */
export function minifyCss(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .replace(/\s*([{};,])\s*/g, "$1")
    .replace(/;}/g, "}")
    .trim();
}

const css = minifyCss(readFileSync(new URL("./assets/site.css", import.meta.url), "utf8"));
const hash = createHash("sha256").update(css).digest("hex").slice(0, 12);

export const stylesheet = {
  path: `/assets/site.${hash}.css`,
  css,
  /** The CSP source that allows exactly this stylesheet inline. */
  cspSource: `'sha256-${createHash("sha256").update(css).digest("base64")}'`,
  cacheControl: "public, max-age=31536000, immutable",
} as const;
