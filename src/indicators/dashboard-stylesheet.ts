// The dashboards' stylesheet, served like the public site's (src/site/stylesheet.ts): from a URL
// holding a hash of its content, cached for a year. A file of its own because staff pages need
// forms, cards and tables the public pages do not, and public visitors should not download them.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

const css = readFileSync(new URL("./assets/dashboard.css", import.meta.url), "utf8");
const hash = createHash("sha256").update(css).digest("hex").slice(0, 12);

export const dashboardStylesheet = {
  path: `/assets/dashboard.${hash}.css`,
  css,
  cacheControl: "public, max-age=31536000, immutable",
} as const;
