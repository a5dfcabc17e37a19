// Computes a project's results for a period, in total and per site, from the records. Nothing here
// is stored: every call reads the base tables, so figures are always current.
import type { Db } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { findPublishedProjectBySlug, listSitesOfProject } from "../programmes/queries.js";
import {
  type IndicatorDefinition,
  type IndicatorId,
  indicatorDefinitions,
  publicSuppressionThreshold,
} from "./definitions.js";
import {
  countCommunesInArea,
  countGroupSessions,
  countHivTestVisits,
  countOutreach,
  countTrainings,
  type ResultsQuery,
  sumCondoms,
} from "./queries.js";

/** A value per indicator; null where it cannot be computed (no estimate) or is withheld. */
export type IndicatorValues = Record<IndicatorId, number | null>;

export interface SiteResults {
  code: string;
  name: { vi: string; en: string };
  values: IndicatorValues;
  /** Indicators withheld from this public figure because they are too small to publish. */
  suppressed: IndicatorId[];
}

export interface ProjectResults {
  project: string;
  period: { from: string; to: string };
  total: IndicatorValues;
  suppressed: IndicatorId[];
  sites: SiteResults[];
  indicators: readonly IndicatorDefinition[];
}

export interface ResultsRequest {
  slug: string;
  from?: string | undefined;
  to?: string | undefined;
  site?: string | undefined;
}

function emptyValues(): IndicatorValues {
  return Object.fromEntries(indicatorDefinitions.map((d) => [d.id, 0])) as IndicatorValues;
}

/**
 * The project's results. By default they are the public figures, with small figures about clients
 * withheld; staff views that may see every figure pass `{ public: false }`.
 */
export async function computeProjectResults(
  db: Db,
  request: ResultsRequest,
  options: { public: boolean } = { public: true },
): Promise<ProjectResults> {
  const project = await findPublishedProjectBySlug(db, request.slug);
  if (!project) throw new AppError("not_found", { detail: `no published project ${request.slug}` });
  const from = request.from ?? project.starts_on;
  const to = request.to ?? project.ends_on;
  if (from > to)
    throw new AppError("invalid_parameter", { parameter: "from", reason: "from_after_to" });

  const sites = await listSitesOfProject(db, project.id);
  const site = request.site === undefined ? undefined : sites.find((s) => s.code === request.site);
  if (request.site !== undefined && !site) {
    throw new AppError("invalid_parameter", { parameter: "site", reason: "unknown_site" });
  }
  const query: ResultsQuery = { projectId: project.id, from, to, siteId: site?.id };
  const shown = site ? [site] : sites;

  const byRow = new Map<string | null, IndicatorValues>([[null, emptyValues()]]);
  for (const s of shown) byRow.set(s.id, emptyValues());
  const parts = await Promise.all([
    countOutreach(db, query),
    countGroupSessions(db, query),
    countHivTestVisits(db, query),
    sumCondoms(db, query),
    countTrainings(db, query),
    countCommunesInArea(db, query),
  ]);
  for (const rows of parts) {
    for (const { site_id, ...values } of rows) {
      const target = byRow.get(site_id);
      if (target) Object.assign(target, values);
    }
  }
  // The total of the area-level figures is the sum over the sites shown.
  const total = byRow.get(null)!;
  total.communes_in_area = shown.reduce((n, s) => n + (byRow.get(s.id)!.communes_in_area ?? 0), 0);
  const estimates = shown.map((s) => s.population_size_estimate);
  total.population_size_estimate = estimates.every((e) => e !== null)
    ? estimates.reduce<number>((n, e) => n + (e ?? 0), 0)
    : null;
  for (const values of byRow.values()) {
    const estimate = values.population_size_estimate;
    values.reach_vs_estimate = estimate ? (values.people_reached ?? 0) / estimate : null;
  }

  const withhold = options.public ? suppress : () => [];
  return {
    project: project.slug,
    period: { from, to },
    total,
    suppressed: withhold(total),
    sites: shown.map((s) => {
      const values = byRow.get(s.id)!;
      return {
        code: s.code,
        name: { vi: s.name_vi, en: s.name_en },
        values,
        suppressed: withhold(values),
      };
    }),
    indicators: indicatorDefinitions,
  };
}

/**
 * Withholds figures about clients that are above zero and below the threshold, and the ratio
 * derived from a withheld reach. Returns what was withheld. (Complementary suppression, so that a
 * withheld cell cannot be recovered by subtraction, comes with disaggregated public figures.)
 */
function suppress(values: IndicatorValues): IndicatorId[] {
  const withheld: IndicatorId[] = [];
  for (const definition of indicatorDefinitions) {
    const value = values[definition.id];
    if (
      definition.aboutClients &&
      value !== null &&
      value > 0 &&
      value < publicSuppressionThreshold
    ) {
      values[definition.id] = null;
      withheld.push(definition.id);
    }
  }
  if (withheld.includes("people_reached")) {
    values.reach_vs_estimate = null;
    withheld.push("reach_vs_estimate");
  }
  return withheld;
}
