// A project's monitoring dashboard for a period and the sites a user may see: every indicator
// against its target, monthly trends, each site's figures, each commune's coverage and the
// data-quality checks. One model for the page (pages/dashboard.tsx) and the JSON API; figures
// come from buildReport, which applies the user's site scope. The clock is an argument.
import { can, clientSitesOf } from "../auth/policy.js";
import type { Db } from "../db/connection.js";
import { type DashboardScope, projectPeriodText } from "./dashboard-scope.js";
import { checkDataQuality, type DataQuality } from "./data-quality.js";
import {
  type Disaggregation,
  type IndicatorGroup,
  type IndicatorId,
  indicatorDefinitions,
  indicatorGroups,
  type Unit,
} from "./definitions.js";
import { type CommuneInfo, cellValue, type Figure } from "./engine.js";
import { monthsOf, type Period, parsePeriod } from "./periods.js";
import { buildReport, type Report } from "./report.js";
import { achievement } from "./targets.js";

/**
 * What the dashboard draws, and so computes: every figure by site (the sites table), the trend
 * charts' figures by month and the commune table's by commune. Cells nothing shows are not
 * counted, which takes the months and communes out of most of the engine's grouping sets.
 */
export function dashboardDisaggregations(id: IndicatorId): Disaggregation[] {
  const by: Disaggregation[] = [["site"]];
  if (Object.values(trendCharts).some((ids) => (ids as readonly IndicatorId[]).includes(id))) {
    by.push(["month"]);
  }
  if ((communeIndicators as readonly IndicatorId[]).includes(id)) by.push(["commune"]);
  return by;
}

export { type IndicatorGroup, indicatorGroups } from "./definitions.js";

/** The monthly trend charts and the indicators each one draws. */
export const trendCharts = {
  reach: ["people_reached", "contacts"],
  testing: ["hiv_tests", "hiv_positives"],
  condoms: ["condoms_distributed"],
} as const satisfies Record<string, readonly IndicatorId[]>;
export type TrendChartId = keyof typeof trendCharts;

/** The indicators the commune table shows (those recorded with a place). */
export const communeIndicators = [
  "people_reached",
  "contacts",
  "group_sessions",
  "group_attendances",
  "hiv_test_visits",
  "referrals_made",
] as const satisfies readonly IndicatorId[];
export type CommuneIndicatorId = (typeof communeIndicators)[number];

export interface HeadlineFigure {
  id: IndicatorId;
  unit: Unit;
  value: number | null;
  target: number | null;
  /** Percent of the target reached; null without a target. */
  achievement: number | null;
}

export interface Trend {
  chart: TrendChartId;
  /** YYYY-MM, in order. */
  months: string[];
  series: { id: IndicatorId; values: number[] }[];
}

export interface SiteRow {
  id: IndicatorId;
  unit: Unit;
  total: number | null;
  /** In the order of the scope's sites. */
  bySite: (number | null)[];
}

export interface CommuneRow {
  /** Null: records with no commune. */
  commune: CommuneInfo | null;
  /** In one of the scope's sites' areas. */
  inArea: boolean;
  values: Record<CommuneIndicatorId, number>;
  /** In the area and at least one outreach contact there in the period. */
  covered: boolean;
}

export interface Dashboard {
  scope: DashboardScope;
  report: Report;
  headline: { group: IndicatorGroup; figures: HeadlineFigure[] }[];
  trends: Trend[];
  sites: SiteRow[];
  communes: CommuneRow[];
  dataQuality: DataQuality;
  /** The user may open the records behind a figure (records.read); else lists are left out. */
  mayListRecords: boolean;
  /** Quick choices for the period picker: the project's period, its quarters and months. */
  periodChoices: { kind: Period["kind"]; text: string; period: Period }[];
}

const totalOf = (figure: Figure | undefined) => figure?.total ?? null;

function headlineOf(report: Report): Dashboard["headline"] {
  return indicatorGroups.map((group) => ({
    group,
    figures: indicatorDefinitions
      .filter((d) => d.group === group)
      .map((d) => {
        const value = totalOf(report.set.figures[d.id]);
        const target = report.targets.total[d.id] ?? null;
        return { id: d.id, unit: d.unit, value, target, achievement: achievement(value, target) };
      }),
  }));
}

function trendsOf(report: Report): Trend[] {
  const months = monthsOf(report.set.period).map((m) => m.from.slice(0, 7));
  return (Object.keys(trendCharts) as TrendChartId[]).map((chart) => ({
    chart,
    months,
    series: trendCharts[chart].map((id) => ({
      id,
      values: months.map((month) => cellValue(report.set.figures[id], ["month"], { month }) ?? 0),
    })),
  }));
}

function sitesOf(report: Report): SiteRow[] {
  return indicatorDefinitions.map((d) => {
    const figure = report.set.figures[d.id];
    return {
      id: d.id,
      unit: d.unit,
      total: totalOf(figure),
      bySite: report.set.sites.map((s) =>
        figure?.by.site ? cellValue(figure, ["site"], { site: s.id }) : null,
      ),
    };
  });
}

function communesOf(report: Report, scope: DashboardScope): CommuneRow[] {
  const siteIds = new Set(report.set.sites.map((s) => s.id));
  const valuesAt = (commune: string | null) =>
    Object.fromEntries(
      communeIndicators.map((id) => [
        id,
        cellValue(report.set.figures[id], ["commune"], { commune }) ?? 0,
      ]),
    ) as Record<CommuneIndicatorId, number>;
  const rows: CommuneRow[] = report.set.communes
    .filter((c) => scope.commune === null || c.id === scope.commune.id)
    .map((commune) => {
      const values = valuesAt(commune.id);
      const inArea = commune.site_ids.some((id) => siteIds.has(id));
      return { commune, inArea, values, covered: inArea && values.contacts > 0 };
    });
  const unplaced = valuesAt(null);
  if (scope.commune === null && communeIndicators.some((id) => unplaced[id] > 0)) {
    rows.push({ commune: null, inArea: false, values: unplaced, covered: false });
  }
  return rows;
}

/** The project's whole period, each quarter it touches and each of its months. */
export function periodChoicesOf(scope: Pick<DashboardScope, "project">) {
  const whole = projectPeriodText(scope.project);
  const months = monthsOf(parsePeriod(whole)).map((m) => m.from.slice(0, 7));
  const quarters = [
    ...new Set(months.map((m) => `${m.slice(0, 4)}Q${Math.ceil(Number(m.slice(5, 7)) / 3)}`)),
  ];
  return [whole, ...quarters, ...months].map((text) => {
    const period = parsePeriod(text);
    return { kind: period.kind, text, period };
  });
}

/** Leaves the lists out (the counts stay) for a user who may not see record-level data. */
function countsOnly(quality: DataQuality): DataQuality {
  return {
    duplicates: { count: quality.duplicates.count, pairs: [] },
    missingCommune: { ...quality.missingCommune, records: [] },
    lateEntries: { count: quality.lateEntries.count, records: [] },
    silentDevices: { count: quality.silentDevices.count, devices: [] },
  };
}

export async function buildDashboard(db: Db, scope: DashboardScope, now: Date): Promise<Dashboard> {
  const [report, quality] = await Promise.all([
    buildReport(db, {
      slug: scope.project.slug,
      period: scope.period,
      user: scope.user,
      site: scope.site?.code,
      communeId: scope.commune?.id ?? null,
      by: dashboardDisaggregations,
      public: false,
    }),
    checkDataQuality(db, {
      projectId: scope.project.id,
      siteIds: scope.wholeProject ? null : scope.siteIds,
      from: scope.period.from,
      to: scope.period.to,
      includeStaffWithoutSites: scope.wholeProject,
      clientSites: clientSitesOf(scope.user),
      now,
    }),
  ]);
  const mayListRecords = can(scope.user, "records.read");
  return {
    scope,
    report,
    headline: headlineOf(report),
    trends: trendsOf(report),
    sites: sitesOf(report),
    communes: communesOf(report, scope),
    dataQuality: mayListRecords ? quality : countsOnly(quality),
    mayListRecords,
    periodChoices: periodChoicesOf(scope),
  };
}
