// The public release of a project: the one fixed set of figures the public surface — the project
// page, the public results API and the public PDF — may publish, suppressed together.
//
// Periods: the whole project, and each calendar quarter it touches (cut to the project's dates),
// once the quarter has ended; while a project runs, "the whole project" ends with its last ended
// quarter, so the figures change once a quarter rather than every day. Places: all sites and
// each site. Nothing else is public: a month, a year or a range of days that is not one of these is
// refused, so no two published figures differ by a few days or a few sites (a withheld July count
// cannot come back as "July to August minus August").
//
// Suppression is complementary across time and place at once (table-suppression.ts): each
// indicator about clients is one table of periods × places, where the whole project is made of
// its quarters and all sites of each site, and a figure withheld in one direction is protected in
// the other. Ratios follow their numerator and denominator (publish.ts).
import type { Db } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { findPublishedProjectBySlug } from "../programmes/queries.js";
import { definitionOf, type IndicatorId, publicSuppressionThreshold } from "./definitions.js";
import { type Cell, computeIndicators, type Figure, type IndicatorSet } from "./engine.js";
import { type Period, quarterPeriod } from "./periods.js";
import type { WithheldReason } from "./suppression.js";
import { type AuditFigure, auditRanges, wideEnough } from "./table-ranges.js";
import { type Line, suppressTable } from "./table-suppression.js";

export interface ReleasePeriod extends Period {
  /** How the period is asked for: "project" or a quarter, `2011Q3`. */
  key: string;
}

export interface Release {
  project: { id: string; slug: string; starts_on: string; ends_on: string };
  /** The whole project first, then its ended quarters in order; empty before a quarter ends. */
  periods: ReleasePeriod[];
  /** Each period's figures, in total and by site, as they may be published. */
  sets: Map<string, IndicatorSet>;
  threshold: number;
}

/** The first day after `date` (YYYY-MM-DD), without time zones. */
const dayAfter = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * The periods a project publishes on `today` (YYYY-MM-DD, the date in Việt Nam): its quarters that
 * have ended, cut to its dates, and the whole project up to the last of them.
 */
export function releasePeriods(
  project: { starts_on: string; ends_on: string },
  today: string,
): ReleasePeriod[] {
  const quarters: ReleasePeriod[] = [];
  let year = Number(project.starts_on.slice(0, 4));
  let quarter = Math.floor((Number(project.starts_on.slice(5, 7)) - 1) / 3) + 1;
  for (;;) {
    const whole = quarterPeriod(year, quarter);
    if (whole.from > project.ends_on) break;
    const period: ReleasePeriod = {
      key: `${year}Q${quarter}`,
      kind: "quarter",
      // biome-ignore lint/complexity/useMathMinMax: YYYY-MM-DD strings; Math.max would give NaN
      from: whole.from < project.starts_on ? project.starts_on : whole.from,
      // biome-ignore lint/complexity/useMathMinMax: as above
      to: whole.to > project.ends_on ? project.ends_on : whole.to,
    };
    // Ended: its last day is before today (a record of today may still come).
    if (dayAfter(period.to) > today) break;
    quarters.push(period);
    quarter += 1;
    if (quarter > 4) {
      quarter = 1;
      year += 1;
    }
  }
  if (quarters.length === 0) return [];
  const whole: ReleasePeriod = {
    key: "project",
    kind: "custom",
    from: project.starts_on,
    to: quarters[quarters.length - 1]!.to,
  };
  // A project within one quarter publishes that quarter once, as the whole project.
  return quarters.length === 1 ? [whole] : [whole, ...quarters];
}

/** The periods a published project publishes today: no figures are computed. */
export async function listPublishedPeriods(
  db: Db,
  slug: string,
  today = todayInVietnam(),
): Promise<ReleasePeriod[]> {
  const project = await findPublishedProjectBySlug(db, slug);
  if (!project) throw new AppError("not_found", { detail: `no published project ${slug}` });
  return releasePeriods(project, today);
}

/** Today's date in Việt Nam, where the programmes' days begin and end. */
export function todayInVietnam(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(now);
}

export interface ReleaseOptions {
  threshold?: number;
  /** The date the release is for (YYYY-MM-DD); today in Việt Nam by default. */
  today?: string;
  /** The indicators wanted (default: all). */
  indicators?: readonly IndicatorId[];
}

/** The project's public release, computed from the records now. */
export async function computeRelease(
  db: Db,
  slug: string,
  options: ReleaseOptions = {},
): Promise<Release> {
  const threshold = options.threshold ?? publicSuppressionThreshold;
  const project = await findPublishedProjectBySlug(db, slug);
  if (!project) throw new AppError("not_found", { detail: `no published project ${slug}` });
  const periods = releasePeriods(project, options.today ?? todayInVietnam());
  const computed = new Map<string, IndicatorSet>();
  for (const period of periods) {
    computed.set(
      period.key,
      await computeIndicators(db, {
        projectId: project.id,
        period: { kind: period.kind, from: period.from, to: period.to },
        sites: "all",
        ...(options.indicators ? { indicators: options.indicators } : {}),
        by: [["site"]],
      }),
    );
  }
  return {
    project: {
      id: project.id,
      slug: project.slug,
      starts_on: project.starts_on,
      ends_on: project.ends_on,
    },
    periods,
    sets: suppressRelease(periods, computed, threshold),
    threshold,
  };
}

/**
 * Every figure about clients of every period and place, suppressed as one table per indicator;
 * ratios then withheld where their parts are. Unique people are published for the whole project
 * only: a person reached in two quarters is one person of the project, and quarters' people
 * beside the project's would let a reader bound how many came back (the table of unions has no
 * sums to hide a figure in). Records (contacts, test visits) are published for every period.
 */
export function suppressRelease(
  periods: readonly ReleasePeriod[],
  computed: ReadonlyMap<string, IndicatorSet>,
  threshold: number,
): Map<string, IndicatorSet> {
  const first = periods[0] && computed.get(periods[0].key);
  const result = new Map<string, IndicatorSet>();
  if (!first) return result;
  const sites = first.sites;
  const width = sites.length + 1;
  const quarterKeys = periods.slice(1).map((p) => p.key);
  const withheld = new Map<IndicatorId, Array<WithheldReason | null>>();
  for (const id of Object.keys(first.figures) as IndicatorId[]) {
    const definition = definitionOf(id);
    if (!definition.aboutClients) continue;
    // Figure (period p, place s) is at index p × (sites + 1) + s; place 0 is all sites.
    const values: number[] = [];
    for (const period of periods) {
      const figure = computed.get(period.key)!.figures[id]!;
      values.push(figure.total ?? 0);
      for (const site of sites) values.push(siteCell(figure, site.id)?.value ?? 0);
    }
    const table: Table = {
      values,
      width,
      periods: periods.map((p) =>
        p.key === "project" && quarterKeys.length ? quarterKeys : [p.key],
      ),
      sites: sites.map((s) => s.code),
      partition: definition.counting === "event" || definition.counting === "quantity",
    };
    const quarters = definition.counting === "unique" ? 0 : periods.length - 1;
    withheld.set(id, suppressTableChecked(table, quarters, threshold));
  }
  periods.forEach((period, p) => {
    const set = computed.get(period.key)!;
    const figures: Partial<Record<IndicatorId, Figure>> = {};
    for (const [id, figure] of Object.entries(set.figures) as [IndicatorId, Figure][]) {
      const reasons = withheld.get(id);
      if (!reasons) {
        figures[id] = figure;
        continue;
      }
      const reason = reasons[p * width] ?? null;
      figures[id] = {
        ...figure,
        total: reason ? null : figure.total,
        withheld: reason,
        by: {
          site: (figure.by.site ?? []).map((cell): Cell => {
            const s = sites.findIndex((site) => site.id === cell.categories.site);
            const cellReason = s < 0 ? "total_withheld" : (reasons[p * width + s + 1] ?? null);
            return { ...cell, value: cellReason ? null : cell.value, withheld: cellReason };
          }),
        },
      };
    }
    result.set(period.key, withholdRatios({ ...set, figures }));
  });
  return result;
}

interface Table {
  /** Period-major: (period p, place s) at p × width + s; place 0 is all sites. */
  values: readonly number[];
  width: number;
  /** The quarters each period is made of. */
  periods: ReadonlyArray<readonly string[]>;
  sites: readonly string[];
  partition: boolean;
}

/** The most rounds of "withhold one more and check again" before quarters are given up. */
const maxRounds = 12;
/** Tables checked by linear programming at most this many unknowns (bounded work per request). */
const maxUnknowns = 400;

/**
 * The table suppressed (table-suppression.ts), then checked as a reader would check it
 * (table-ranges.ts): while a withheld figure's range is narrower than the threshold, the smallest
 * published quarter figure of its period or place is withheld too. A table that cannot be made safe that
 * way, or is too large to check, publishes its whole-project row only — one line, which the
 * suppression makes safe on its own.
 */
function suppressTableChecked(
  table: Table,
  quarters: number,
  threshold: number,
): Array<WithheldReason | null> {
  const { values, width } = table;
  const rows = quarters + 1;
  const lines = linesOf(width, rows, table.partition);
  // Quarters not published: withheld with everything, as if their total were small.
  const unpublished = values.map((_, i) => (i >= rows * width ? "total_withheld" : null));
  let initial: Array<WithheldReason | null> = unpublished;
  for (let round = 0; round < maxRounds; round += 1) {
    const reasons = suppressTable(values, lines, threshold, initial);
    const narrow = narrowFigure(table, rows, reasons, threshold);
    if (narrow === null) return reasons;
    if (narrow === "unchecked" && rows > 1) break;
    if (narrow === "unchecked") return reasons;
    const next = neighbourToWithhold(values, reasons, width, narrow);
    if (next === null) break;
    initial = [...reasons];
    initial[next] = "complementary";
  }
  if (rows === 1) return values.map(() => "total_withheld");
  return suppressTableChecked(table, 0, threshold);
}

function linesOf(width: number, rows: number, partition: boolean): Line[] {
  const lines: Line[] = [];
  for (let p = 0; p < rows; p += 1) {
    lines.push({
      parent: p * width,
      children: Array.from({ length: width - 1 }, (_, s) => p * width + s + 1),
      partition,
    });
  }
  if (rows > 1) {
    for (let s = 0; s < width; s += 1) {
      lines.push({
        parent: s,
        children: Array.from({ length: rows - 1 }, (_, q) => (q + 1) * width + s),
        partition,
      });
    }
  }
  return lines;
}

/** The index of a withheld figure a reader could narrow below the threshold, if any. */
function narrowFigure(
  table: Table,
  rows: number,
  reasons: readonly (WithheldReason | null)[],
  threshold: number,
): number | null | "unchecked" {
  const { values, width } = table;
  const indices = values.map((_, i) => i).filter((i) => i < rows * width);
  if (!indices.some((i) => reasons[i] !== null)) return null;
  const units = (rows > 1 ? table.periods[0]!.length : 1) * table.sites.length;
  const unknowns = table.partition ? units : 2 ** units - 1;
  if (unknowns > maxUnknowns) return "unchecked";
  const figures: AuditFigure[] = indices.map((i) => {
    const p = Math.floor(i / width);
    const s = i % width;
    return {
      quarters: rows > 1 ? table.periods[p]! : ["project"],
      sites: s === 0 ? table.sites : [table.sites[s - 1]!],
      value: reasons[i] ? null : values[i]!,
      label: String(i),
    };
  });
  const ranges = auditRanges(figures, table.partition ? "records" : "people");
  const narrow = ranges.find((range) => !wideEnough(range, threshold));
  return narrow ? Number(narrow.label) : null;
}

/**
 * The smallest published non-zero quarter figure in the same period or the same place as `index`.
 * The whole project's figures are never taken here: rather than lose them, the quarters go.
 */
function neighbourToWithhold(
  values: readonly number[],
  reasons: readonly (WithheldReason | null)[],
  width: number,
  index: number,
): number | null {
  const p = Math.floor(index / width);
  const s = index % width;
  let best: number | null = null;
  values.forEach((value, i) => {
    if (reasons[i] !== null || value === 0 || i < width) return;
    if (Math.floor(i / width) !== p && i % width !== s) return;
    if (best === null || value < values[best]!) best = i;
  });
  return best;
}

/**
 * The published period asked for — by its key ("project", `2011Q3`) or by its first and last days —
 * or a 400 that names those published.
 */
export function publishedPeriod(
  periods: readonly ReleasePeriod[],
  request: { period?: string | undefined; from?: string | undefined; to?: string | undefined },
  /** The parameter a refusal names; by default `period`, or `from`/`to` for dates. */
  parameter?: string,
): ReleasePeriod {
  const refuse = (name: string): never => {
    throw new AppError("invalid_parameter", {
      parameter: name,
      reason: periods.length === 0 ? "nothing_published" : "period_not_published",
      values: { periods: periods.map((p) => p.key).join(", ") },
    });
  };
  if (request.period !== undefined) {
    return periods.find((p) => p.key === request.period) ?? refuse(parameter ?? "period");
  }
  if (request.from === undefined && request.to === undefined) {
    return periods[0] ?? refuse(parameter ?? "period");
  }
  // Dates name a published period only when both are its own.
  return (
    periods.find((p) => p.from === request.from && p.to === request.to) ??
    refuse(parameter ?? (request.from === undefined ? "to" : "from"))
  );
}

/**
 * One site's part of a period's published figures: its cells of the release become its totals,
 * suppressed with every other figure of the release. Undefined for a code that is not a site.
 */
export function releaseOfSite(set: IndicatorSet, code: string): IndicatorSet | undefined {
  const site = set.sites.find((s) => s.code === code);
  if (!site) return undefined;
  const figures: IndicatorSet["figures"] = {};
  for (const [id, figure] of Object.entries(set.figures) as [IndicatorId, Figure][]) {
    const cell = siteCell(figure, site.id);
    figures[id] = {
      ...figure,
      total: cell ? cell.value : figure.total,
      withheld: cell ? (cell.withheld ?? null) : (figure.withheld ?? null),
      by: { site: cell ? [cell] : [] },
    };
  }
  return { ...set, sites: [site], figures };
}

/** A ratio is withheld wherever its numerator or denominator is. */
function withholdRatios(set: IndicatorSet): IndicatorSet {
  const figures = { ...set.figures };
  for (const [id, figure] of Object.entries(figures) as [IndicatorId, Figure][]) {
    const ratio = definitionOf(id).ratio;
    if (!ratio) continue;
    const parts = [figures[ratio.numerator], figures[ratio.denominator]];
    const totalWithheld = parts.some((part) => part?.withheld);
    figures[id] = {
      ...figure,
      total: totalWithheld ? null : figure.total,
      withheld: totalWithheld ? "complementary" : (figure.withheld ?? null),
      by: {
        site: (figure.by.site ?? []).map((cell) =>
          parts.some((part) => siteCell(part, String(cell.categories.site))?.withheld)
            ? { ...cell, value: null, withheld: "complementary" }
            : cell,
        ),
      },
    };
  }
  return { ...set, figures };
}

const siteCell = (figure: Figure | undefined, siteId: string) =>
  figure?.by.site?.find((c) => c.categories.site === siteId);
