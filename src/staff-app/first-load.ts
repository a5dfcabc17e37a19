// The staff app's first-load page (dist/app/first.html, scripts/first-load-page.mjs) carries the
// app's stylesheet and a small script of its own inline, so its sign-in form is drawn and usable
// from the document alone. The Content-Security-Policy allows no inline style or script but those
// it names by hash: these are the page's.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export interface InlineSources {
  /** CSP sources (`'sha256-…'`) of the page's inline stylesheets. */
  styles: string[];
  /** CSP sources of the page's inline scripts (a `<script>` with no `src`). */
  scripts: string[];
}

const sourceOf = (text: string) =>
  `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/**
 * The CSP sources of the inline stylesheets and scripts of the first page of the built app in the
 * first of `candidates` that holds one; none without a build.
 */
export function firstLoadInlineSources(candidates: readonly string[]): InlineSources {
  const root = candidates.find((dir) => existsSync(path.join(dir, "first.html")));
  if (!root) return { styles: [], scripts: [] };
  const page = readFileSync(path.join(root, "first.html"), "utf8");
  return {
    styles: [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => sourceOf(m[1]!)),
    scripts: [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => sourceOf(m[1]!)),
  };
}
