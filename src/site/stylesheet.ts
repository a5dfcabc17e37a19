// The website's one stylesheet, served from a URL that holds a hash of its content.
//
// Why a file and not inlined in every page: visitors read several pages on slow mobile networks,
// and a separate file is downloaded once and then served from the browser's (or a CDN's) cache
// for a year — the hash in the URL changes whenever the CSS does, so "immutable" is safe. It also
// lets a Content-Security-Policy forbid inline styles (style-src 'self'). The cost is one extra
// request on the very first visit, for a file of a few kilobytes.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

const css = readFileSync(new URL("./assets/site.css", import.meta.url), "utf8");
const hash = createHash("sha256").update(css).digest("hex").slice(0, 12);

export const stylesheet = {
  path: `/assets/site.${hash}.css`,
  css,
  cacheControl: "public, max-age=31536000, immutable",
} as const;
