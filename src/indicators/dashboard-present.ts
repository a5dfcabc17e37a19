// The dashboards over the API: the JSON shapes of GET /api/dashboard/:slug and of the records
// behind a figure, as zod schemas (the routes declare them as their responses), and the functions
// that turn the services' models into them. Sites are named by code, communes by GSO code; lists
// that name clients carry UICs only.
import { z } from "zod";
import type { Dashboard } from "./dashboard.js";
import { dimensions, indicatorIds } from "./definitions.js";
import type { FigureRecords } from "./records.js";

const ZNames = z.object({ vi: z.string(), en: z.string() });
const ZPeriod = z.object({
  kind: z.enum(["month", "quarter", "year", "custom"]),
  from: z.string(),
  to: z.string(),
  /** As the period was asked for (or the project's whole period). */
  text: z.string(),
});
const ZCommune = z.object({ code: z.string(), name: z.string(), kind: z.string() });
const ZIndicatorId = z.enum(indicatorIds);
const ZUnit = z.enum(["people", "events", "items", "communes", "ratio"]);

export const ZDashboardSchema = z.object({
  project: z.object({ slug: z.string(), name: ZNames }),
  period: ZPeriod,
  scope: z.object({
    sites: z.array(z.object({ code: z.string(), name: ZNames })),
    site: z.string().nullable(),
    commune: ZCommune.nullable(),
  }),
  headline: z.array(
    z.object({
      group: z.string(),
      indicators: z.array(
        z.object({
          id: ZIndicatorId,
          unit: ZUnit,
          value: z.number().nullable(),
          target: z.number().nullable(),
          /** Percent of the target reached. */
          achievement: z.number().nullable(),
        }),
      ),
    }),
  ),
  trends: z.array(
    z.object({
      chart: z.string(),
      months: z.array(z.string()),
      series: z.array(z.object({ indicator: ZIndicatorId, values: z.array(z.number()) })),
    }),
  ),
  sites: z.array(
    z.object({
      indicator: ZIndicatorId,
      unit: ZUnit,
      total: z.number().nullable(),
      by_site: z.record(z.string(), z.number().nullable()),
    }),
  ),
  communes: z.array(
    z.object({
      /** Null: records with no commune. */
      commune: ZCommune.nullable(),
      site_codes: z.array(z.string()),
      in_area: z.boolean(),
      covered: z.boolean(),
      values: z.record(z.string(), z.number()),
    }),
  ),
  data_quality: z.object({
    suspected_duplicates: z.object({
      count: z.number(),
      pairs: z.array(
        z.object({
          a: z.object({ uic: z.string(), site: z.string(), registered_on: z.string() }),
          b: z.object({ uic: z.string(), site: z.string(), registered_on: z.string() }),
        }),
      ),
    }),
    missing_commune: z.object({
      contacts: z.number(),
      group_sessions: z.number(),
      records: z.array(
        z.object({
          type: z.string(),
          /** Null for a contact with a client of a site the reader does not see. */
          id: z.string().nullable(),
          date: z.string(),
          site: z.string(),
        }),
      ),
    }),
    late_entries: z.object({
      count: z.number(),
      records: z.array(
        z.object({
          /** Null, and `uic` too, for a contact with a client the reader may not read. */
          id: z.string().nullable(),
          date: z.string(),
          recorded_on: z.string(),
          days_late: z.number(),
          site: z.string(),
          uic: z.string().nullable(),
        }),
      ),
    }),
    silent_devices: z.object({
      count: z.number(),
      devices: z.array(
        z.object({
          id: z.string(),
          username: z.string(),
          last_seen_at: z.string(),
          synced: z.boolean(),
        }),
      ),
    }),
  }),
  /** Lists of records (and the data-quality lists) are given only to roles that may read them. */
  may_list_records: z.boolean(),
});
export type TDashboard = z.infer<typeof ZDashboardSchema>;

export function presentDashboard(dashboard: Dashboard): TDashboard {
  const { scope, report } = dashboard;
  const codeOf = new Map(scope.sites.map((s) => [s.id, s.code]));
  const site = (id: string) => codeOf.get(id) ?? "";
  const quality = dashboard.dataQuality;
  return {
    project: {
      slug: scope.project.slug,
      name: { vi: scope.project.name_vi, en: scope.project.name_en },
    },
    period: { ...scope.period, text: scope.periodText },
    scope: {
      sites: report.set.sites.map((s) => ({
        code: s.code,
        name: { vi: s.name_vi, en: s.name_en },
      })),
      site: scope.site?.code ?? null,
      commune: scope.commune
        ? { code: scope.commune.code, name: scope.commune.name, kind: scope.commune.kind }
        : null,
    },
    headline: dashboard.headline.map(({ group, figures }) => ({ group, indicators: figures })),
    trends: dashboard.trends.map((trend) => ({
      chart: trend.chart,
      months: trend.months,
      series: trend.series.map((s) => ({ indicator: s.id, values: s.values })),
    })),
    sites: dashboard.sites.map((row) => ({
      indicator: row.id,
      unit: row.unit,
      total: row.total,
      by_site: Object.fromEntries(report.set.sites.map((s, i) => [s.code, row.bySite[i] ?? null])),
    })),
    communes: dashboard.communes.map((row) => ({
      commune: row.commune
        ? { code: row.commune.code, name: row.commune.name, kind: row.commune.kind }
        : null,
      site_codes: (row.commune?.site_ids ?? []).map(site).filter((code) => code !== ""),
      in_area: row.inArea,
      covered: row.covered,
      values: row.values,
    })),
    data_quality: {
      suspected_duplicates: {
        count: quality.duplicates.count,
        pairs: quality.duplicates.pairs.map((p) => ({
          a: { uic: p.a_uic, site: site(p.a_site_id), registered_on: p.a_registered_on },
          b: { uic: p.b_uic, site: site(p.b_site_id), registered_on: p.b_registered_on },
        })),
      },
      missing_commune: {
        contacts: quality.missingCommune.contacts,
        group_sessions: quality.missingCommune.groupSessions,
        records: quality.missingCommune.records.map((r) => ({
          type: r.record_type,
          id: r.record_id,
          date: r.service_on,
          site: site(r.site_id),
        })),
      },
      late_entries: {
        count: quality.lateEntries.count,
        records: quality.lateEntries.records.map((r) => ({
          id: r.record_id,
          date: r.service_on,
          recorded_on: r.recorded_on,
          days_late: r.days_late,
          site: site(r.site_id),
          uic: r.uic,
        })),
      },
      silent_devices: {
        count: quality.silentDevices.count,
        devices: quality.silentDevices.devices.map((d) => ({
          id: d.device_id,
          username: d.username,
          last_seen_at: d.last_seen_at.toISOString(),
          synced: d.synced,
        })),
      },
    },
    may_list_records: dashboard.mayListRecords,
  };
}

export const ZFigureRecordsSchema = z.object({
  indicator: ZIndicatorId,
  period: ZPeriod,
  site: z.string().nullable(),
  commune: z.string().nullable(),
  /** The cell's categories (null: not recorded); empty for the total. */
  cell: z.partialRecord(z.enum(dimensions), z.string().nullable()),
  /** The figure, computed from the same rows as the list. */
  figure: z.number(),
  rows: z.number(),
  records: z.number(),
  /** Distinct people (communes, meetings…) for indicators that count each once. */
  subjects: z.number().nullable(),
  page: z.number(),
  page_count: z.number(),
  items: z.array(
    z.object({
      type: z.string(),
      /** Null (and `uic` too) for a record about a client of a site the reader does not see. */
      id: z.string().nullable(),
      date: z.string(),
      sites: z.array(z.string()),
      commune: ZCommune.nullable(),
      uic: z.string().nullable(),
      quantity: z.number().nullable(),
    }),
  ),
});
export type TFigureRecords = z.infer<typeof ZFigureRecordsSchema>;

export function presentFigureRecords(list: FigureRecords): TFigureRecords {
  const { scope } = list;
  const codeOf = new Map(scope.sites.map((s) => [s.id, s.code]));
  return {
    indicator: list.indicator,
    period: { ...scope.period, text: scope.periodText },
    site: scope.site?.code ?? null,
    commune: scope.commune?.code ?? null,
    cell: list.cell,
    figure: list.summary.figure,
    rows: list.summary.rows,
    records: list.summary.records,
    subjects: list.summary.subjects,
    page: list.page,
    page_count: list.pageCount,
    items: list.rows.map((row) => ({
      type: row.record_type,
      id: row.record_id,
      date: row.service_on,
      sites: row.site_ids.map((id) => codeOf.get(id) ?? "").filter((code) => code !== ""),
      commune:
        row.commune_code && row.commune_name && row.commune_kind
          ? { code: row.commune_code, name: row.commune_name, kind: row.commune_kind }
          : null,
      uic: row.uic,
      quantity: row.quantity,
    })),
  };
}
