// Headline figures: every indicator of the period and scope, grouped as definitions.ts groups
// them, each with its target and how much of it is reached when a target is set.
import type { MessageKey, Translator } from "../../messages.js";
import type { HeadlineFigure } from "../dashboard.js";
import { indicatorName } from "../labels.js";
import { hasRecords } from "../records.js";
import {
  type DashboardSectionProps,
  formatFigure,
  formatPercent,
  recordsHref,
} from "./dashboard-links.js";
import { FigureValue } from "./figure.js";

export function Headline({ t, dashboard, state }: DashboardSectionProps) {
  return (
    <section id="headline" aria-labelledby="headline-title">
      <h2 id="headline-title">{t.t("section.headline")}</h2>
      {dashboard.headline.map(({ group, figures }) => (
        <section key={group} aria-labelledby={`group-${group}`}>
          <h3 id={`group-${group}`}>{t.t(`group.${group}` as MessageKey)}</h3>
          <ul class="kpis">
            {figures.map((figure) => (
              <Kpi
                key={figure.id}
                t={t}
                figure={figure}
                href={
                  dashboard.mayListRecords && hasRecords(figure.id)
                    ? recordsHref(state, { indicator: figure.id })
                    : undefined
                }
              />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

function Kpi({
  t,
  figure,
  href,
}: {
  t: Translator;
  figure: HeadlineFigure;
  href: string | undefined;
}) {
  const { achievement } = figure;
  return (
    <li class="kpi">
      <p class="kpi__name">{indicatorName(t, figure.id)}</p>
      <p class={figure.value === null ? "kpi__value kpi__value--none" : "kpi__value"}>
        {figure.value === null ? (
          t.t("figure.not_available")
        ) : (
          <FigureValue t={t} unit={figure.unit} value={figure.value} href={href} />
        )}
      </p>
      {figure.target !== null && (
        <p class="kpi__target">
          {t.t("figure.target", { target: formatFigure(t, figure.unit, figure.target) })}
          {achievement !== null && (
            <> · {t.t("figure.achievement", { percent: formatPercent(t, achievement) })}</>
          )}
        </p>
      )}
      {achievement !== null && (
        // An SVG rather than a box sized by a style attribute: the pages' Content-Security-Policy
        // allows no inline style, and a rectangle's width is an attribute.
        <svg
          class="bar"
          viewBox="0 0 100 1"
          preserveAspectRatio="none"
          aria-hidden="true"
          focusable="false"
        >
          <rect
            class={achievement >= 100 ? "bar__fill bar__fill--done" : "bar__fill"}
            width={Math.min(100, Math.max(0, achievement)).toFixed(0)}
            height="1"
          />
        </svg>
      )}
    </li>
  );
}
