// Charts drawn on the server as SVG with Apache ECharts' server-side rendering: the page carries
// the finished picture, so it shows without JavaScript and costs a phone nothing to draw. Each
// chart gets a <title> and <desc> for screen readers (the page also gives its figures as a table).
// Only the pieces used are registered (bars, axes, legend, SVG renderer), which keeps start-up
// and memory small.
import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

echarts.use([BarChart, GridComponent, LegendComponent, SVGRenderer]);

/** Series colours: the site's accent and a dark amber, both above 3:1 on white (WCAG 1.4.11). */
export const chartColours = ["#0b6158", "#b45309", "#4a5a58"] as const;
const ink = "#1c2b2a";
const muted = "#4a5a58";
const line = "#d3dedc";

export interface BarChartSpec {
  /** Unique in the page: the SVG's title and description are referenced by it. */
  id: string;
  title: string;
  description: string;
  categories: readonly string[];
  series: readonly { name: string; values: readonly number[] }[];
  /** Writes a value on the axis and above the bars (the reader's language). */
  formatValue: (value: number) => string;
  width?: number;
  height?: number;
}

const escapeXml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/**
 * Readable at 360 px wide: drawn for a 400 px box that scales with the page (viewBox), so text
 * stays above 10 px on a phone and the picture never overflows.
 */
export function renderBarChart(spec: BarChartSpec): string {
  const width = spec.width ?? 400;
  const height = spec.height ?? 260;
  const legendHeight = spec.series.length > 1 ? spec.series.length * 24 : 0;
  const chart = echarts.init(null, null, {
    renderer: "svg",
    ssr: true,
    width,
    height: height + legendHeight,
  });
  try {
    chart.setOption({
      animation: false,
      color: [...chartColours],
      textStyle: { fontFamily: "system-ui, sans-serif", fontSize: 15, color: ink },
      // One series per line above the plot: long names (Vietnamese ones are) never run into it.
      legend: {
        show: spec.series.length > 1,
        orient: "vertical",
        top: 0,
        left: 0,
        itemWidth: 16,
        itemHeight: 16,
        itemGap: 6,
        textStyle: { color: ink, fontSize: 15 },
      },
      // ECharts 6 keeps axis labels inside the box on its own (grid.outerBounds).
      grid: { left: 8, right: 8, top: legendHeight + 20, bottom: 8 },
      xAxis: {
        type: "category",
        data: [...spec.categories],
        axisLine: { lineStyle: { color: muted } },
        axisTick: { show: false },
        axisLabel: { color: muted, fontSize: 14 },
      },
      yAxis: {
        type: "value",
        minInterval: 1,
        splitLine: { lineStyle: { color: line } },
        axisLabel: { color: muted, fontSize: 14, formatter: (v: number) => spec.formatValue(v) },
      },
      series: spec.series.map((s) => ({
        type: "bar",
        name: s.name,
        data: [...s.values],
        barMaxWidth: 36,
        label: {
          show: true,
          position: "top",
          color: ink,
          fontSize: 14,
          formatter: ({ value }: { value: number }) => spec.formatValue(value),
        },
      })),
    });
    return accessible(chart.renderToSVGString(), spec);
  } finally {
    chart.dispose();
  }
}

// SVG presentation attributes that ECharts writes as inline `style` declarations.
const presentationAttributes = new Set(["font-size", "font-family", "font-weight", "font-style"]);

/**
 * `style="font-size:14px;font-family:…"` as `font-size="14px" font-family="…"`: the same drawing,
 * but a Content-Security-Policy without 'unsafe-inline' styles applies to the `style` attribute
 * and would drop the text's size and font, while presentation attributes are not styles to it.
 */
function withoutInlineStyles(svg: string): string {
  return svg.replace(/ style="([^"]*)"/g, (_match, declarations: string) =>
    declarations
      .split(";")
      .filter((declaration) => declaration.trim() !== "")
      .map((declaration) => {
        const [property = "", ...rest] = declaration.split(":");
        const name = property.trim();
        if (!presentationAttributes.has(name)) {
          throw new Error(`charts: ECharts wrote a style the chart cannot keep: ${name}`);
        }
        return ` ${name}="${rest.join(":").trim()}"`;
      })
      .join(""),
  );
}

/**
 * The SVG as a page embeds it: scaled by CSS (no fixed width and height), named for assistive
 * technology, without ECharts' hydration attributes and hover styles (nothing here is interactive)
 * and without inline styles (see withoutInlineStyles).
 */
function accessible(svg: string, spec: BarChartSpec): string {
  const titleId = `${spec.id}-title`;
  const descId = `${spec.id}-desc`;
  return withoutInlineStyles(svg)
    .replace(/<style\b[\s\S]*?<\/style>/g, "")
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, "")
    .replace(/ class="zr\d+-cls-\d+"/g, "")
    .replace(
      /^<svg width="\d+" height="\d+"/,
      `<svg class="chart__svg" role="img" aria-labelledby="${titleId} ${descId}" focusable="false"`,
    )
    .replace(
      /(<svg[^>]*>)/,
      `$1<title id="${titleId}">${escapeXml(spec.title)}</title><desc id="${descId}">${escapeXml(spec.description)}</desc>`,
    );
}
