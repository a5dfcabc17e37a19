// Addresses of the dashboard pages, and figures written for them. Every link carries the filters
// (period, site, commune, language) so that following it keeps what the reader chose.
import type { Translator } from "../../messages.js";
import type { Dashboard } from "../dashboard.js";
import type { DashboardScope } from "../dashboard-scope.js";
import type { IndicatorId, Unit } from "../definitions.js";

/** The filters as they appear in a dashboard address. */
export interface DashboardState {
  slug: string;
  period: string;
  site: string;
  commune: string;
  lang: "vi" | "en";
}

/** What each section of a dashboard page is drawn from. */
export interface DashboardSectionProps {
  t: Translator;
  dashboard: Dashboard;
  state: DashboardState;
}

export function stateOf(scope: DashboardScope, lang: "vi" | "en"): DashboardState {
  return {
    slug: scope.project.slug,
    period: scope.periodText,
    site: scope.site?.code ?? "",
    commune: scope.commune?.code ?? "",
    lang,
  };
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export const dashboardPath = (slug: string) => `/dashboard/${encodeURIComponent(slug)}`;

export function dashboardHref(state: DashboardState, changes: Partial<DashboardState> = {}) {
  const s = { ...state, ...changes };
  return `${dashboardPath(s.slug)}${query({ period: s.period, site: s.site, commune: s.commune, lang: s.lang })}`;
}

export function recordsHref(
  state: DashboardState,
  target: { indicator: IndicatorId; cell?: string; page?: number },
  changes: Partial<DashboardState> = {},
) {
  const s = { ...state, ...changes };
  return `${dashboardPath(s.slug)}/records${query({
    indicator: target.indicator,
    period: s.period,
    site: s.site,
    commune: s.commune,
    cell: target.cell,
    page: target.page && target.page > 1 ? target.page : undefined,
    lang: s.lang,
  })}`;
}

/** A figure in the reader's language: a count, or a percentage for ratios. */
export function formatFigure(t: Translator, unit: Unit, value: number): string {
  if (unit === "ratio") return t.number(value, { style: "percent", maximumFractionDigits: 1 });
  return t.number(value);
}

export const formatPercent = (t: Translator, percent: number) =>
  t.number(percent / 100, { style: "percent", maximumFractionDigits: 0 });
