// The public release of a project: the one fixed set of figures the public surface — the project
// page, the public results API and the public PDF — may publish, suppressed together.
//
// Periods: the whole project, and each calendar quarter it touches (cut to the project's dates),
// once the quarter has ended; while a project runs, "the whole project" ends with its last ended
// quarter, so the figures change once a quarter rather than every day. Places: the whole project
// is published for all sites and for each site; a quarter for all sites together. Nothing else is
// public: a month, a year, a range of days, or a quarter at one site is refused, so no two
// published figures differ by a few days or a few sites (a withheld July count cannot come back
// as "July to August minus August").
//
// Figures about clients form, per indicator, one table in the shape of an L: the whole project's
// figure with its sites on one arm and its quarters on the other. Each arm adds up to the corner
// (records) or covers it (people), and the arms meet only there, so suppressing each arm
// (table-suppression.ts) protects every withheld figure against any combination of the others —
// the auditor test (release-audit.test.ts) checks it with linear programming. Unique people are
// published for the whole project only: a person reached in two quarters is one person of the
// project, and quarters beside it would bound how many came back. Figures not about clients
// (condoms, trainings, communes) are published for every period, site by site. Ratios follow
// their numerator and denominator.
import type { ChangeNotices } from "../db/change-notices.js";
import type { Db } from "../db/connection.js";
import { readSnapshot, versionsFor } from "../db/reading.js";
import { AppError } from "../lib/errors.js";
import { findPublishedProjectBySlug } from "../programmes/service.js";
import {
  definitionOf,
  type IndicatorId,
  indicatorIds,
  publicSuppressionThreshold,
} from "./definitions.js";
import { type Cell, computeIndicators, type Figure, type IndicatorSet } from "./engine.js";
import { type Period, quarterPeriod } from "./periods.js";
import { sourceOf } from "./sources.js";
import type { WithheldReason } from "./suppression.js";
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

/**
 * Releases kept while what they are computed from is unchanged, so that a busy public page does
 * not compute every published period on every view (a programme of a few years is a dozen periods).
 * The key carries the versions of the records and the programmes (src/db/change-notices.ts) and the
 * day in Việt Nam (a quarter that ends adds a period): a record synced, or a project edited, gives
 * a new key, so no release older than a committed change is ever handed out. One computation per
 * key at a time: visitors who arrive while it runs share it. Old keys leave when room is needed.
 */
export class ReleaseCache {
  readonly #entries = new Map<string, Promise<Release>>();
  readonly #changes: ChangeNotices;
  readonly #maxEntries: number;

  constructor(changes: ChangeNotices, options: { maxEntries?: number } = {}) {
    this.#changes = changes;
    this.#maxEntries = options.maxEntries ?? 200;
  }

  get(db: Db, slug: string, options: ReleaseOptions, now = Date.now()): Promise<Release> {
    // Read in a snapshot, the versions from before it began (a change committed since is not in it).
    const versions = versionsFor(db, this.#changes, ["past_records", "programmes"]);
    const today = options.today ?? todayInVietnam(new Date(now));
    if (versions === undefined) return computeRelease(db, slug, { ...options, today });
    const key = JSON.stringify([
      versions,
      slug,
      options.threshold ?? publicSuppressionThreshold,
      today,
      options.indicators ?? null,
    ]);
    const kept = this.#entries.get(key);
    if (kept) {
      // Most recently used last, so the oldest is the first to go.
      this.#entries.delete(key);
      this.#entries.set(key, kept);
      return kept;
    }
    const release = computeRelease(db, slug, { ...options, today });
    this.#entries.set(key, release);
    // A failure is not kept: the next visitor tries again.
    release.catch(() => {
      if (this.#entries.get(key) === release) this.#entries.delete(key);
    });
    while (this.#entries.size > this.#maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    return release;
  }
}

/** The periods a published project publishes today: no figures are computed. */
export async function listPublishedPeriods(
  db: Db,
  slug: string,
  today = todayInVietnam(),
): Promise<{ project: { starts_on: string; ends_on: string }; periods: ReleasePeriod[] }> {
  const project = await findPublishedProjectBySlug(db, slug);
  if (!project) throw new AppError("not_found", { detail: `no published project ${slug}` });
  return { project, periods: releasePeriods(project, today) };
}

/** Today's date in Việt Nam, where the programmes' days begin and end. */
/** Made once: making a formatter with a time zone costs more than serving a cached page. */
const vietnamDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" });

export function todayInVietnam(now = new Date()): string {
  return vietnamDate.format(now);
}

export interface ReleaseOptions {
  threshold?: number;
  /** The date the release is for (YYYY-MM-DD); today in Việt Nam by default. */
  today?: string;
  /** The indicators wanted (default: all). */
  indicators?: readonly IndicatorId[];
}

/** Unique people about clients, or a ratio over them: published for the whole project only. */
function countsPeople(id: IndicatorId): boolean {
  const definition = definitionOf(id);
  if (definition.ratio)
    return [definition.ratio.numerator, definition.ratio.denominator].some(countsPeople);
  return definition.aboutClients && definition.counting === "unique";
}

/**
 * The project's public release, computed from the records now: all of it from one snapshot of
 * the database (readSnapshot), so the whole project, its sites and its quarters add up as the
 * suppression (table-suppression.ts) takes them to, even while records are being written.
 */
export function computeRelease(
  db: Db,
  slug: string,
  options: ReleaseOptions = {},
): Promise<Release> {
  return readSnapshot(db, (snapshot) => computeReleaseIn(snapshot, slug, options));
}

async function computeReleaseIn(db: Db, slug: string, options: ReleaseOptions): Promise<Release> {
  const threshold = options.threshold ?? publicSuppressionThreshold;
  const project = await findPublishedProjectBySlug(db, slug);
  if (!project) throw new AppError("not_found", { detail: `no published project ${slug}` });
  const periods = releasePeriods(project, options.today ?? todayInVietnam());
  const computed = await computeReleaseFigures(db, project.id, periods, options.indicators);
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
 * A quarter's figure is the sum of its months' when it counts events or adds quantities (a
 * contact, a condom, a test visit is in one month): those come from the whole project's own
 * statements, by month. Unique counts (trainings, people trained, communes covered) are not sums
 * of months, and are counted for each quarter.
 */
function addsUpByMonth(id: IndicatorId): boolean {
  const definition = definitionOf(id);
  const measure = sourceOf(id)?.measure;
  return (
    (definition.counting === "event" || definition.counting === "quantity") &&
    !definition.ratio &&
    definition.dimensions.includes("month") &&
    (measure?.kind === "count" || measure?.kind === "sum")
  );
}

/**
 * Every published period's figures as computed, before suppression: the whole project with its
 * sites, each quarter for all sites together and without people (the costliest figures, not
 * published for a quarter). A quarter's sums of months are read off the whole project's months.
 */
export async function computeReleaseFigures(
  db: Db,
  projectId: string,
  periods: readonly ReleasePeriod[],
  indicators: readonly IndicatorId[] = indicatorIds,
): Promise<Map<string, IndicatorSet>> {
  const computed = new Map<string, IndicatorSet>();
  const [whole, ...quarters] = periods;
  if (!whole) return computed;
  const byQuarter = indicators.filter((id) => !countsPeople(id));
  const byMonth = new Set(quarters.length > 0 ? byQuarter.filter(addsUpByMonth) : []);
  const wholeSet = await computeIndicators(db, {
    projectId,
    period: { kind: whole.kind, from: whole.from, to: whole.to },
    sites: "all",
    indicators,
    // Sites for the whole project (a quarter is published for all sites together); months where
    // they make up the quarters.
    by: (id) => (byMonth.has(id) ? [["site"], ["month"]] : [["site"]]),
  });
  for (const quarter of quarters) {
    const set = await computeIndicators(db, {
      projectId,
      period: { kind: quarter.kind, from: quarter.from, to: quarter.to },
      sites: "all",
      indicators: byQuarter.filter((id) => !byMonth.has(id)),
      by: [],
    });
    const figures: IndicatorSet["figures"] = {};
    for (const id of indicators) {
      if (countsPeople(id)) figures[id] = { id, total: null, by: {}, withheld: "unpublished" };
      else if (byMonth.has(id)) {
        const months = wholeSet.figures[id]?.by.month ?? [];
        const total = months
          .filter((cell) => {
            const month = String(cell.categories.month);
            return month >= quarter.from.slice(0, 7) && month <= quarter.to.slice(0, 7);
          })
          .reduce((sum, cell) => sum + (cell.value ?? 0), 0);
        figures[id] = { id, total, by: {} };
      } else figures[id] = set.figures[id]!;
    }
    computed.set(quarter.key, { ...set, figures });
  }
  // The months were only for the quarters: the whole project is published by site.
  for (const id of byMonth) {
    const figure = wholeSet.figures[id];
    if (figure) figure.by = { site: figure.by.site ?? [] };
  }
  computed.set(whole.key, wholeSet);
  return new Map([...periods].map((p) => [p.key, computed.get(p.key)!]));
}

/**
 * Every figure of every published period, figures about clients suppressed as one table per
 * indicator; ratios then withheld where their parts are.
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
  const quarters = periods.slice(1);
  // The table of one indicator: the whole project (0), its sites (1 … S), its quarters (S + 1 …).
  const withheld = new Map<IndicatorId, Array<WithheldReason | null>>();
  for (const id of Object.keys(first.figures) as IndicatorId[]) {
    const definition = definitionOf(id);
    if (!definition.aboutClients) continue;
    const whole = first.figures[id]!;
    const people = definition.counting === "unique";
    const values = [
      whole.total ?? 0,
      ...sites.map((site) => siteCell(whole, site.id)?.value ?? 0),
      ...(people ? [] : quarters.map((q) => computed.get(q.key)!.figures[id]?.total ?? 0)),
    ];
    const partition = !people;
    const lines: Line[] = [
      { parent: 0, children: sites.map((_, s) => s + 1), partition },
      ...(people || quarters.length === 0
        ? []
        : [{ parent: 0, children: quarters.map((_, q) => sites.length + 1 + q), partition }]),
    ];
    withheld.set(id, suppressTable(values, lines, threshold));
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
      if (p === 0) {
        const reason = reasons[0] ?? null;
        figures[id] = {
          ...figure,
          total: reason ? null : figure.total,
          withheld: reason,
          by: {
            site: (figure.by.site ?? []).map((cell): Cell => {
              const s = sites.findIndex((site) => site.id === cell.categories.site);
              const cellReason = s < 0 ? "total_withheld" : (reasons[s + 1] ?? null);
              return { ...cell, value: cellReason ? null : cell.value, withheld: cellReason };
            }),
          },
        };
        continue;
      }
      // A quarter: for all sites together; people not at all.
      const reason =
        definitionOf(id).counting === "unique"
          ? "unpublished"
          : (reasons[sites.length + p] ?? null);
      figures[id] = { ...figure, total: reason ? null : figure.total, withheld: reason, by: {} };
    }
    const ratiosWithheld = withholdRatios({ ...set, figures });
    // A quarter is published for all sites together: no site's part of it.
    result.set(period.key, p === 0 ? ratiosWithheld : { ...ratiosWithheld, sites: [] });
  });
  return result;
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
    const unpublished = parts.some((part) => part?.withheld === "unpublished");
    figures[id] = {
      ...figure,
      total: totalWithheld ? null : figure.total,
      withheld: unpublished
        ? "unpublished"
        : totalWithheld
          ? "complementary"
          : (figure.withheld ?? null),
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
