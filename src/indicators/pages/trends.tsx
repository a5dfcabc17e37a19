// Monthly trends: a bar chart per theme, drawn on the server (charts.ts), each followed by its
// figures as a table, so the numbers can be read (and followed to their records) without the
// picture.
import type { MessageKey, Translator } from "../../messages.js";
import { renderBarChart } from "../charts.js";
import type { Dashboard, Trend } from "../dashboard.js";
import { definitionOf } from "../definitions.js";
import { categoryName, indicatorName } from "../labels.js";
import { hasRecords } from "../records.js";
import { type DashboardSectionProps, type DashboardState, recordsHref } from "./dashboard-links.js";
import { FigureValue } from "./figure.js";

const monthLabel = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

export function Trends({ t, dashboard, state }: DashboardSectionProps) {
  return (
    <section id="trends" aria-labelledby="trends-title">
      <h2 id="trends-title">{t.t("section.trends")}</h2>
      <div class="charts">
        {dashboard.trends.map((trend) => (
          <TrendChart key={trend.chart} t={t} trend={trend} dashboard={dashboard} state={state} />
        ))}
      </div>
    </section>
  );
}

function TrendChart({
  t,
  trend,
  dashboard,
  state,
}: {
  t: Translator;
  trend: Trend;
  dashboard: Dashboard;
  state: DashboardState;
}) {
  const title = t.t(`chart.${trend.chart}` as MessageKey);
  const names = trend.series.map((s) => indicatorName(t, s.id));
  const svg = renderBarChart({
    id: `chart-${trend.chart}`,
    title,
    description: t.t("chart.description", { series: names.join(", ") }),
    categories: trend.months.map(monthLabel),
    series: trend.series.map((s, i) => ({ name: names[i]!, values: s.values })),
    formatValue: (value) => t.number(value),
  });
  const href = (id: (typeof trend.series)[number]["id"], month: string) =>
    dashboard.mayListRecords && hasRecords(id)
      ? recordsHref(state, { indicator: id, cell: `month:${month}` })
      : undefined;
  return (
    <figure class="chart" aria-labelledby={`chart-${trend.chart}-caption`}>
      <figcaption id={`chart-${trend.chart}-caption`}>{title}</figcaption>
      {/* The SVG is built by charts.ts from numbers and escaped names only. */}
      <div dangerouslySetInnerHTML={{ __html: svg }} />
      <details>
        <summary>{t.t("chart.data")}</summary>
        <section class="table-scroll" aria-label={title} tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.t("table.month")}</th>
                {names.map((name) => (
                  <th key={name} scope="col" class="num">
                    {name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {trend.months.map((month, row) => (
                <tr key={month}>
                  <th scope="row">{categoryName(t, dashboard.report.set, "month", month)}</th>
                  {trend.series.map((s) => (
                    <td key={s.id} class="num">
                      <FigureValue
                        t={t}
                        unit={definitionOf(s.id).unit}
                        value={s.values[row] ?? 0}
                        href={href(s.id, month)}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </details>
    </figure>
  );
}
