// The logo search engines show for the organisation (schema.org `logo` in the JSON-LD of
// structured-data.ts): Peerlink's mark, the staff app's 512 × 512 icon (app/public/icon-512.png;
// a test keeps the two the same file). Google takes a raster logo of at least 112 × 112, so the
// PNG, not the SVG. Served at an address holding a hash of its bytes, so it is immutable.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

const png = readFileSync(new URL("./assets/logo.png", import.meta.url));
const hash = createHash("sha256").update(png).digest("hex").slice(0, 12);

export const logo = {
  path: `/assets/logo.${hash}.png`,
  png,
  width: 512,
  height: 512,
  cacheControl: "public, max-age=31536000, immutable",
} as const;
