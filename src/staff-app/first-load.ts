// The staff app's first-load page (dist/app/first.html, scripts/first-load-page.mjs) carries the
// app's stylesheet inline, so its sign-in form is drawn from the document alone. The
// Content-Security-Policy allows no inline style but those it names by hash: these are the page's.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The CSP sources (`'sha256-…'`) of the inline stylesheets of the first page of the built app in
 * the first of `candidates` that holds one; none without a build.
 */
export function firstLoadStyleSources(candidates: readonly string[]): string[] {
  const root = candidates.find((dir) => existsSync(path.join(dir, "first.html")));
  if (!root) return [];
  const page = readFileSync(path.join(root, "first.html"), "utf8");
  return [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
    (style) => `'sha256-${createHash("sha256").update(style[1]!, "utf8").digest("base64")}'`,
  );
}
