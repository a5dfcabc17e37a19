// axe-core in a page under test: every rule of WCAG 2.0, 2.1 and 2.2 at levels A and AA, and
// axe's best practices (heading order, landmarks), each violation summed up on one line.
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

/** The page's violations, one line each: impact, rule, help and the elements at fault. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated, not added as a <script>: the Content-Security-Policy refuses inline scripts.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    const axe = (
      window as unknown as { axe: { run(o: object): Promise<{ violations: unknown[] }> } }
    ).axe;
    const result = await axe.run({ runOnly: { type: "tag", values: tags } });
    return result.violations;
  }, wcagTags);
  return (violations as AxeViolation[]).map(
    (v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
}
