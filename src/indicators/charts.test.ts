import { describe, expect, it } from "vitest";
import { renderBarChart } from "./charts.js";

const spec = {
  id: "chart-test",
  title: "People reached & contacts <by month>",
  description: "Bar chart by month",
  categories: ["07/2011", "08/2011"],
  series: [
    { name: "People reached", values: [36, 1138] },
    { name: "Contacts", values: [40, 1200] },
  ],
  formatValue: (value: number) => new Intl.NumberFormat("vi-VN").format(value),
};

describe("charts drawn on the server", () => {
  it("are SVG scaled by the page, named for screen readers", () => {
    const svg = renderBarChart(spec);
    expect(svg).toMatch(
      /^<svg class="chart__svg" role="img" aria-labelledby="chart-test-title chart-test-desc" focusable="false"/,
    );
    expect(svg).toMatch(/viewBox="0 0 400 \d+"/);
    expect(svg).not.toMatch(/^<svg[^>]* width=/);
    expect(svg).toContain(
      '<title id="chart-test-title">People reached &amp; contacts &lt;by month&gt;</title>',
    );
    expect(svg).toContain('<desc id="chart-test-desc">Bar chart by month</desc>');
  });

  it("write the values in the reader's language, with the legend and month labels", () => {
    const svg = renderBarChart(spec);
    for (const text of [
      "1.138",
      "1.200",
      "36",
      "07/2011",
      "08/2011",
      "People reached",
      "Contacts",
    ]) {
      expect(svg, text).toContain(`>${text}</text>`);
    }
  });

  it("carry nothing interactive: no hydration attributes, no hover styles, no scripts", () => {
    const svg = renderBarChart(spec);
    expect(svg).not.toContain("ecmeta_");
    expect(svg).not.toContain("<style");
    expect(svg).not.toContain("<script");
    expect(svg).not.toMatch(/class="zr/);
  });

  it("carry no inline style, which the pages' Content-Security-Policy forbids: fonts are attributes", () => {
    const svg = renderBarChart(spec);
    expect(svg).not.toContain("style=");
    expect(svg).toMatch(/<text [^>]*font-size="14px" font-family="system-ui, sans-serif"/);
  });

  it("leave out the legend for a single series", () => {
    const svg = renderBarChart({ ...spec, series: [{ name: "Condoms", values: [5, 7] }] });
    expect(svg).not.toContain(">Condoms</text>");
  });
});
