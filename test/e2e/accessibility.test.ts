// Every public page, checked in Chromium by axe-core against WCAG 2.1 A and AA (landmarks,
// heading order, contrast, language, names of links and tables), in both languages.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { browserMissing, useServerAndBrowser } from "./harness.js";

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

const pages = [
  "/vi/",
  "/en/",
  "/vi/du-an/dien-bien",
  "/en/projects/dien-bien",
  "/vi/nha-tai-tro",
  "/en/sponsors",
  "/vi/khong-co-trang",
];

describe.skipIf(browserMissing)("accessibility of the public pages", () => {
  const e2e = useServerAndBrowser();

  it.each(pages)("%s has no WCAG 2.1 AA violations at 360 px", async (path) => {
    const page = await e2e.browser.newPage({ viewport: { width: 360, height: 800 } });
    await page.goto(`${e2e.server.url}${path}`);
    // Evaluated, not added as a <script>: the Content-Security-Policy refuses inline scripts.
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as { axe: { run(o: object): Promise<{ violations: unknown[] }> } }
      ).axe;
      const result = await axe.run({
        runOnly: {
          type: "tag",
          values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
        },
      });
      return result.violations;
    });
    const summary = (violations as AxeViolation[]).map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
    );
    expect(summary).toEqual([]);
    await page.close();
  });
});
