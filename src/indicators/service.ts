// A published project's results for a period, in total and per site, as the project page and the
// public API show them: the seed project's indicators from the engine, public figures suppressed.
// Nothing here is stored: every call reads the base tables, so figures are always current.
import type { Db } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { findPublishedProjectBySlug } from "../programmes/service.js";
import {
  definitionOf,
  type IndicatorDefinition,
  type IndicatorId,
  indicatorDefinitions,
  publicSuppressionThreshold,
  seedIndicatorIds,
} from "./definitions.js";
import { computeIndicators, type Figure, type IndicatorSet } from "./engine.js";
import { computeRelease, publishedPeriod, type ReleaseCache, releaseOfSite } from "./release.js";
import { sitesInScope } from "./report.js";

/** The indicators of the project page's Results (the seed project's own figures). */
export const resultsIndicators = seedIndicatorIds;
export type ResultsIndicatorId = (typeof resultsIndicators)[number];

/** A value per indicator; null where it cannot be computed (no estimate) or is withheld. */
export type IndicatorValues = Record<ResultsIndicatorId, number | null>;

export interface SiteResults {
  code: string;
  name: { vi: string; en: string };
  values: IndicatorValues;
  /** Indicators withheld from this public figure because they are too small to publish. */
  suppressed: ResultsIndicatorId[];
  /**
   * Indicators withheld although not small, so that a small figure elsewhere cannot be worked
   * out by subtraction (complementary suppression). They must not be written as "<5".
   */
  protecting: ResultsIndicatorId[];
}

export interface ProjectResults {
  project: string;
  period: { from: string; to: string };
  total: IndicatorValues;
  suppressed: ResultsIndicatorId[];
  protecting: ResultsIndicatorId[];
  /** Public figures of a quarter: people, counted over the whole project only, are not published. */
  unpublished: ResultsIndicatorId[];
  sites: SiteResults[];
  indicators: readonly IndicatorDefinition[];
  /** Withheld figures in `suppressed` are from 1 to threshold − 1 ("<threshold"). */
  threshold: number;
  /**
   * Public figures: the periods the project publishes (release.ts), the whole project first; any
   * other period is refused. Staff figures: absent.
   */
  published?: Array<{ period: string; from: string; to: string }>;
}

export interface ResultsOptions {
  /** Withhold small figures about clients (the public figures); false for staff views. */
  public: boolean;
  /** The smallest figure about clients shown when public (PUBLIC_MIN_COUNT); 5 by default. */
  threshold?: number;
  /** Public figures: releases computed a moment ago, shared by the public pages and API. */
  cache?: ReleaseCache;
}

export interface ResultsRequest {
  slug: string;
  /** Public figures: a published period by its key ("project", `2011Q3`), or by from and to. */
  period?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  site?: string | undefined;
  /** The date the public figures are for (YYYY-MM-DD); today in Việt Nam by default (tests). */
  today?: string | undefined;
}

/**
 * The project's results. By default they are the public figures, with small figures about clients
 * withheld (and whatever would give them back); staff views that may see every figure pass
 * `{ public: false }`.
 */
export async function computeProjectResults(
  db: Db,
  request: ResultsRequest,
  options: ResultsOptions = { public: true },
): Promise<ProjectResults> {
  const threshold = options.threshold ?? publicSuppressionThreshold;
  if (options.public) return publicResults(db, request, threshold, options.cache);
  const project = await findPublishedProjectBySlug(db, request.slug);
  if (!project) throw new AppError("not_found", { detail: `no published project ${request.slug}` });
  const from = request.from ?? project.starts_on;
  const to = request.to ?? project.ends_on;
  if (from > to)
    throw new AppError("invalid_parameter", { parameter: "from", reason: "from_after_to" });

  // Staff figures: nothing withheld; one site's own figures are its total.
  const computed = await computeIndicators(db, {
    projectId: project.id,
    period: { kind: "custom", from, to },
    sites: await sitesInScope(db, project.id, null, request.site),
    indicators: resultsIndicators,
    by: [["site"]],
  });
  return resultsOf(project.slug, { from, to }, computed, threshold);
}

/**
 * The public figures: one period of the project's release, all sites or one. A period that is not
 * published — a month, a range of days — is refused, naming the ones that are.
 */
async function publicResults(
  db: Db,
  request: ResultsRequest,
  threshold: number,
  cache: ReleaseCache | undefined,
): Promise<ProjectResults> {
  // Asked every time, so that a project taken off the site is gone at once, cache or not.
  if (!(await findPublishedProjectBySlug(db, request.slug))) {
    throw new AppError("not_found", { detail: `no published project ${request.slug}` });
  }
  const options = {
    threshold,
    indicators: resultsIndicators,
    ...(request.today ? { today: request.today } : {}),
  };
  const release = await (cache
    ? cache.get(db, request.slug, options)
    : computeRelease(db, request.slug, options));
  const published = release.periods.map((p) => ({ period: p.key, from: p.from, to: p.to }));
  const period = publishedPeriod(release.periods, request);
  if (request.site !== undefined && period.key !== "project") {
    throw new AppError("invalid_parameter", { parameter: "site", reason: "quarter_all_sites" });
  }
  const set = release.sets.get(period.key)!;
  const shown = request.site === undefined ? set : releaseOfSite(set, request.site);
  if (!shown)
    throw new AppError("invalid_parameter", { parameter: "site", reason: "unknown_site" });
  return { ...resultsOf(release.project.slug, period, shown, threshold), published };
}

function resultsOf(
  slug: string,
  period: { from: string; to: string },
  shown: IndicatorSet,
  threshold: number,
): ProjectResults {
  const figure = (id: ResultsIndicatorId): Figure => shown.figures[id]!;
  // A ratio is withheld because its numerator is: it takes the numerator's reason, so a reach rate
  // over a small count of people is written as the bound it is under, not as "not published".
  const reasonOf = (
    id: ResultsIndicatorId,
    read: (figure: Figure) => Figure["withheld"] | undefined,
  ) => {
    const ratio = definitionOf(id).ratio;
    const own = read(figure(id));
    if (!own || !ratio) return own;
    return read(figure(ratio.numerator as ResultsIndicatorId)) ?? own;
  };
  const totals = valuesOf((id) => figure(id).total);
  return {
    project: slug,
    period: { from: period.from, to: period.to },
    total: totals,
    suppressed: withheldOf(
      (id) => reasonOf(id, (f) => (f.total === null ? f.withheld : null)) === "small",
    ),
    protecting: withheldOf((id) => {
      const reason = reasonOf(id, (f) => (f.total === null ? f.withheld : null));
      return !!reason && reason !== "small" && reason !== "unpublished";
    }),
    unpublished: withheldOf(
      (id) => reasonOf(id, (f) => (f.total === null ? f.withheld : null)) === "unpublished",
    ),
    sites: shown.sites.map((s) => {
      const cellOf = (id: ResultsIndicatorId) => siteCell(figure(id), s.id);
      return {
        code: s.code,
        name: { vi: s.name_vi, en: s.name_en },
        values: valuesOf((id) => cellOf(id)?.value ?? null),
        suppressed: withheldOf(
          (id) => reasonOf(id, (f) => siteCell(f, s.id)?.withheld) === "small",
        ),
        protecting: withheldOf((id) => {
          const reason = reasonOf(id, (f) => siteCell(f, s.id)?.withheld);
          return !!reason && reason !== "small";
        }),
      };
    }),
    indicators: indicatorDefinitions.filter((d) =>
      (resultsIndicators as readonly IndicatorId[]).includes(d.id),
    ),
    threshold,
  };
}

const siteCell = (figure: Figure, siteId: string) =>
  figure.by.site?.find((c) => c.categories.site === siteId);

const valuesOf = (value: (id: ResultsIndicatorId) => number | null): IndicatorValues =>
  Object.fromEntries(resultsIndicators.map((id) => [id, value(id)])) as IndicatorValues;

const withheldOf = (withheld: (id: ResultsIndicatorId) => boolean) =>
  resultsIndicators.filter((id) => withheld(id));
