// The dashboard page: filters, headline figures against targets, monthly trends, tables by site
// and commune, commune coverage and data quality — server-rendered, readable without JavaScript.
// When the filters cannot be applied, the same page shows the form with the error instead.
import type { MessageKey, Translator } from "../../messages.js";
import { pick } from "../../programmes/service.js";
import { capitalise, formatPeriod } from "../../site/dates.js";
import type { Dashboard } from "../dashboard.js";
import type { DashboardChoices } from "../dashboard-scope.js";
import type { Period } from "../periods.js";
import { Coverage } from "./coverage.js";
import { renderDashboardDocument } from "./dashboard-layout.js";
import { type DashboardState, dashboardHref, stateOf } from "./dashboard-links.js";
import { DataQualityPanel } from "./data-quality-panel.js";
import { type FilterError, Filters } from "./filters.js";
import { Headline } from "./headline.js";
import { CommuneTable, SiteTable, siteName } from "./tables.js";
import { Trends } from "./trends.js";

const sections = ["headline", "trends", "sites", "coverage", "communes", "quality"] as const;

const projectName = (t: Translator, choices: DashboardChoices) =>
  pick({ vi: choices.project.name_vi, en: choices.project.name_en }, t.locale);

const otherLang = (t: Translator) => (t.locale === "vi" ? "en" : "vi");

export function renderDashboardPage(t: Translator, dashboard: Dashboard): string {
  const { scope } = dashboard;
  const state = stateOf(scope, t.locale);
  const period = formatPeriod(t, scope.period.from, scope.period.to);
  const sites = dashboard.report.set.sites.map((s) => siteName(t, s)).join(", ");
  const scopeText = scope.commune
    ? t.t("dashboard.scope_commune", {
        period: capitalise(period, t),
        sites,
        commune: `${scope.commune.kind} ${scope.commune.name}`,
      })
    : t.t("dashboard.scope", { period: capitalise(period, t), sites });
  return renderDashboardDocument({
    t,
    title: t.t("dashboard.page_title", { project: projectName(t, scope) }),
    switchHref: dashboardHref(state, { lang: otherLang(t) }),
    children: (
      <>
        <h1>{projectName(t, scope)}</h1>
        <p class="scope">{scopeText}</p>
        <Filters t={t} choices={scope} state={state} periodChoices={dashboard.periodChoices} />
        <nav class="section-nav" aria-label={t.t("dashboard.sections")}>
          <ul>
            {sections.map((id) => (
              <li key={id}>
                <a href={`#${id}`}>{t.t(`section.${id}` as MessageKey)}</a>
              </li>
            ))}
          </ul>
        </nav>
        <Headline t={t} dashboard={dashboard} state={state} />
        <Trends t={t} dashboard={dashboard} state={state} />
        <SiteTable t={t} dashboard={dashboard} state={state} period={period} />
        <Coverage t={t} dashboard={dashboard} state={state} />
        <CommuneTable t={t} dashboard={dashboard} state={state} period={period} />
        <DataQualityPanel t={t} dashboard={dashboard} />
      </>
    ),
  });
}

/** The filters again, with what was typed and why it could not be shown (status 400). */
export function renderDashboardFormPage(
  t: Translator,
  choices: DashboardChoices,
  state: DashboardState,
  periodChoices: readonly { kind: Period["kind"]; text: string }[],
  error: FilterError,
): string {
  return renderDashboardDocument({
    t,
    title: t.t("dashboard.page_title", { project: projectName(t, choices) }),
    switchHref: dashboardHref(state, { lang: otherLang(t) }),
    children: (
      <>
        <h1>{projectName(t, choices)}</h1>
        <Filters
          t={t}
          choices={choices}
          state={state}
          periodChoices={periodChoices}
          error={error}
        />
      </>
    ),
  });
}
