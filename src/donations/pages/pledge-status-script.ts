// The status page's script (assets/pledge-status.js), served from our own origin under an address
// that names its content, so the CSP's script-src 'self' allows it and browsers may keep it.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

const source = readFileSync(new URL("../assets/pledge-status.js", import.meta.url), "utf8");
const hash = createHash("sha256").update(source).digest("hex").slice(0, 12);

export const pledgeStatusScript = {
  path: `/assets/pledge-status.${hash}.js`,
  source,
  cacheControl: "public, max-age=31536000, immutable",
} as const;
