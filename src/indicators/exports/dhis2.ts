// The DHIS2 export: a project's figures as a DHIS2 data value set (the JSON that
// `POST /api/dataValueSets` takes), one value per data element, category option combo, site (each
// site its own org unit) and DHIS2 period, with every identifier from the project's mapping
// (dhis2-mapping.ts). adx.ts writes the same values as ADX.
//
// The figures are the programme's own, never the public ones: DHIS2 is the donor's monitoring
// system, seen by the programme and its donor only, and the donor needs the true counts to add
// them up across sites and partners. Small-cell suppression (publish.ts) protects clients on
// public pages; applied here it would send "<5" cells as missing and make every DHIS2 total wrong.
// The sites are the user's, as in every report (buildReport applies the policy's scope).
import { z } from "zod";
import type { SessionUser } from "../../auth/policy.js";
import type { Db } from "../../db/connection.js";
import { ExportError } from "../../exports/renderers.js";
import { AppError } from "../../lib/errors.js";
import { timeZone } from "../../lib/i18n.js";
import type { Dimension, Disaggregation, IndicatorId } from "../definitions.js";
import { disaggregationKey, type IndicatorSet } from "../engine.js";
import { monthsOf, type Period, quarterPeriod, toDhis2Period } from "../periods.js";
import { buildReport } from "../report.js";
import {
  categoryKey,
  patternCovers,
  type TAttributeOptionCombo,
  type TDataElementMapping,
  type TDhis2Mapping,
  type TOrgUnitRef,
} from "./dhis2-mapping.js";

export type Dhis2PeriodType = TDhis2Mapping["periodType"];

/** DHIS2 has no arbitrary date ranges: a custom period cannot be sent. */
function refusePeriod(reason: "dhis2_period" | "dhis2_period_type", detail: string): never {
  throw new AppError("invalid_parameter", { parameter: "period", reason, detail });
}

/**
 * The DHIS2 periods a requested period is sent as, for a data set of this period type: the period
 * itself, or the months (quarters) of a longer one — a quarter is sent to a monthly data set as its
 * three months, each counted on its own (a person reached in July and August is one person in each
 * month). A period shorter than the data set's, or a custom one, is refused.
 */
export function dhis2Periods(period: Period, periodType: Dhis2PeriodType): Period[] {
  if (period.kind === "custom") {
    refusePeriod(
      "dhis2_period",
      `DHIS2 takes months, quarters or years, not ${period.from}..${period.to}`,
    );
  }
  const year = Number(period.from.slice(0, 4));
  switch (periodType) {
    case "Monthly":
      return monthsOf(period);
    case "Quarterly":
      if (period.kind === "quarter") return [period];
      if (period.kind === "year") return [1, 2, 3, 4].map((q) => quarterPeriod(year, q));
      break;
    case "Yearly":
      if (period.kind === "year") return [period];
      break;
  }
  return refusePeriod(
    "dhis2_period_type",
    `the data set is ${periodType}: a ${period.kind} cannot be sent to it`,
  );
}

/** What the engine must compute for a mapping: each data element's disaggregation by site. */
export function dhis2Request(mapping: TDhis2Mapping): {
  indicators: IndicatorId[];
  by: Disaggregation[];
} {
  const indicators = [...new Set(mapping.dataElements.map((e) => e.indicator as IndicatorId))];
  const keys = new Map<string, Disaggregation>();
  for (const element of mapping.dataElements) {
    const dims = ["site", ...element.disaggregation] as Disaggregation;
    keys.set(disaggregationKey(dims), dims);
  }
  return { indicators, by: [...keys.values()] };
}

/**
 * The figures of a mapping, one set per DHIS2 period, for the sites the user may read: through
 * buildReport, like every report, but never published (see the top of this file). An export's job
 * has no signed-in user; it passes a reader of the sites the export covers (reportReader).
 */
export async function computeDhis2Sets(
  db: Db,
  request: {
    slug: string;
    period: Period;
    user: SessionUser;
    mapping: TDhis2Mapping;
    signal?: AbortSignal;
    /** After each period: how many are done, of how many. */
    onPeriod?: (done: number, of: number) => void;
  },
): Promise<IndicatorSet[]> {
  const periods = dhis2Periods(request.period, request.mapping.periodType);
  const { indicators, by } = dhis2Request(request.mapping);
  const sets: IndicatorSet[] = [];
  for (const period of periods) {
    request.signal?.throwIfAborted();
    const report = await buildReport(db, {
      slug: request.slug,
      period,
      user: request.user,
      indicators,
      by,
      public: false,
    });
    sets.push(report.set);
    request.onPeriod?.(sets.length, periods.length);
  }
  return sets;
}

/** One value to send, with the mapping entries that identify it. */
export interface Dhis2Value {
  period: Period;
  element: TDataElementMapping;
  orgUnit: TOrgUnitRef;
  /** The cell's categories, in the data element's disaggregation order. */
  categories: string[];
  /** The category option combo's uid; none for a total (DHIS2's default). */
  categoryOptionCombo: string | undefined;
  attributeOptionCombo: TAttributeOptionCombo | undefined;
  value: number;
}

/**
 * Every value a mapping sends from the sets, in order (period, site, data element, cell). A site
 * with no org unit, or a non-zero value in a cell the mapping neither maps nor leaves out (a record
 * with no site and no project org unit), stops the export: a DHIS2 total must never be short
 * without anyone knowing.
 */
export function collectDhis2Values(
  sets: readonly IndicatorSet[],
  mapping: TDhis2Mapping,
): Dhis2Value[] {
  const values: Dhis2Value[] = [];
  const unmapped: string[] = [];
  for (const set of sets) {
    const orgUnits = new Map<string, TOrgUnitRef>();
    for (const site of set.sites) {
      const orgUnit = mapping.orgUnits.sites[site.code];
      if (!orgUnit) {
        throw new ExportError(
          "dhis2_unmapped_site",
          `site ${site.code} has no org unit in the DHIS2 mapping of this project (orgUnits.sites)`,
        );
      }
      orgUnits.set(site.id, orgUnit);
    }
    const rows: (Dhis2Value & { order: number })[] = [];
    for (const element of mapping.dataElements) {
      const dims = ["site", ...element.disaggregation] as Disaggregation;
      const cells = set.figures[element.indicator as IndicatorId]?.by[disaggregationKey(dims)];
      if (!cells) {
        throw new Error(
          `the figures of ${element.indicator} were not computed by ${dims.join(" × ")}: compute them with dhis2Request(mapping)`,
        );
      }
      for (const cell of cells) {
        if (cell.value === null) continue; // not computable (a site without an estimate)
        const site = cell.categories.site ?? null;
        const orgUnit = site === null ? mapping.orgUnits.project : orgUnits.get(site);
        const categories = element.disaggregation.map(
          (d) => cell.categories[d as Dimension] ?? null,
        );
        const complete = categories.every((c): c is string => c !== null);
        if (complete && element.notExported?.some((p) => patternCovers(p, categories))) continue;
        const combo = complete
          ? element.categoryOptionCombos?.[categoryKey(categories)]
          : undefined;
        if (!orgUnit || !complete || (categories.length > 0 && !combo)) {
          if (cell.value !== 0) {
            unmapped.push(
              `${element.indicator} ${set.period.from}..${set.period.to} site ${site === null ? "(none)" : (set.sites.find((s) => s.id === site)?.code ?? site)} [${categories.map((c) => c ?? "(not recorded)").join("|")}] = ${cell.value}`,
            );
          }
          continue;
        }
        if (cell.value === 0 && !mapping.sendZeros) continue;
        rows.push({
          order: site === null ? set.sites.length : set.sites.findIndex((s) => s.id === site),
          period: set.period,
          element,
          orgUnit,
          categories,
          categoryOptionCombo: combo,
          attributeOptionCombo: element.attributeOptionCombo ?? mapping.attributeOptionCombo,
          value: cell.value,
        });
      }
    }
    // Site by site (the project's org unit last); a stable sort keeps each site's element order.
    rows.sort((a, b) => a.order - b.order);
    values.push(...rows.map(({ order: _, ...value }) => value));
  }
  if (unmapped.length > 0) {
    throw new ExportError(
      "dhis2_unmapped_values",
      `${unmapped.length} values have no place in the DHIS2 mapping: ${unmapped.slice(0, 5).join("; ")}`,
    );
  }
  return values;
}

/** A value as DHIS2 writes it: a plain decimal string, never an exponent. */
export function formatDhis2Value(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a value DHIS2 can take: ${value}`);
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(6).replace(/\.?0+$/, "");
}

/** The calendar day of an instant in Việt Nam (YYYY-MM-DD): DHIS2's completeDate. */
export function localDay(instant: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone }).format(instant);
}

/** The JSON DHIS2's `POST /api/dataValueSets` takes (identifiers are uids, its default scheme). */
export const ZDataValueSetSchema = z
  .object({
    dataSet: z.string(),
    period: z.string().optional(),
    orgUnit: z.string().optional(),
    completeDate: z.string().optional(),
    dataValues: z.array(
      z
        .object({
          dataElement: z.string(),
          period: z.string(),
          orgUnit: z.string(),
          categoryOptionCombo: z.string().optional(),
          attributeOptionCombo: z.string().optional(),
          value: z.string(),
        })
        .strict(),
    ),
  })
  .strict();
export type TDataValueSet = z.infer<typeof ZDataValueSetSchema>;

/** The sets (one per DHIS2 period, from computeDhis2Sets) as a DHIS2 data value set. */
export function toDataValueSets(
  sets: readonly IndicatorSet[],
  mapping: TDhis2Mapping,
  options: { exportedAt: Date },
): TDataValueSet {
  const values = collectDhis2Values(sets, mapping);
  const periods = sets.map((s) => dhis2PeriodOf(s.period));
  const orgUnits = new Set(values.map((v) => v.orgUnit.uid));
  return {
    dataSet: mapping.dataSet.uid,
    ...(periods.length === 1 ? { period: periods[0]! } : {}),
    ...(orgUnits.size === 1 ? { orgUnit: [...orgUnits][0]! } : {}),
    ...(mapping.markComplete ? { completeDate: localDay(options.exportedAt) } : {}),
    dataValues: values.map((v) => ({
      dataElement: v.element.uid,
      period: dhis2PeriodOf(v.period),
      orgUnit: v.orgUnit.uid,
      ...(v.categoryOptionCombo ? { categoryOptionCombo: v.categoryOptionCombo } : {}),
      ...(v.attributeOptionCombo ? { attributeOptionCombo: v.attributeOptionCombo.uid } : {}),
      value: formatDhis2Value(v.value),
    })),
  };
}

/** A period in DHIS2 notation; refused (400) when it has none. */
export function dhis2PeriodOf(period: Period): string {
  return (
    toDhis2Period(period) ??
    refusePeriod(
      "dhis2_period",
      `DHIS2 takes months, quarters or years, not ${period.from}..${period.to}`,
    )
  );
}
