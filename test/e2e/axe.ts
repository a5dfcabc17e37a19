// axe-core in a page under test: every rule of WCAG 2.0, 2.1 and 2.2 at levels A and AA, and
// axe's best practices (heading order, landmarks), each violation summed up on one line; the whole
// page, parts below the screen included.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

export const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Draws the whole page as if it were all on screen: the parts the public site leaves undrawn until
 * they come near the screen (`content-visibility: auto`, src/site/assets/site.css) are drawn, so
 * axe checks them (contrast needs them painted) and a full-page screenshot shows them. Through the
 * CSSOM, which the Content-Security-Policy allows; it lasts until the page is left.
 */
export async function drawWholePage(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const element of document.querySelectorAll<HTMLElement>("body *")) {
      if (getComputedStyle(element).contentVisibility === "auto") {
        // Drawn now, and laid out as when it comes near the screen (contained as before).
        element.style.contentVisibility = "visible";
        element.style.contain = "layout style paint";
      }
    }
  });
}

/**
 * The page's violations, one line each: impact, rule, help and the elements at fault. `iframes:
 * false` leaves frames out: a sandboxed frame runs no script, so axe would wait for it in vain.
 */
export async function axeViolations(page: Page, { iframes = true } = {}): Promise<string[]> {
  await drawWholePage(page);
  // Evaluated, not added as a <script>: the Content-Security-Policy refuses inline scripts.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(
    async ({ tags, frames }) => {
      const axe = (
        window as unknown as { axe: { run(o: object): Promise<{ violations: unknown[] }> } }
      ).axe;
      const result = await axe.run({ runOnly: { type: "tag", values: tags }, iframes: frames });
      return result.violations;
    },
    { tags: wcagTags, frames: iframes },
  );
  return (violations as AxeViolation[]).map(
    (v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
}
