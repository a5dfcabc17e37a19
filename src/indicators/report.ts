// A project's monitoring report for a period and scope: the one model the dashboards, the
// spreadsheet, the PDF and the DHIS2 export read. It resolves the project and the sites a user may
// see, computes every indicator with the standard disaggregations, and adds the targets.
import type { SessionUser } from "../auth/policy.js";
import { readableSites } from "../auth/policy.js";
import type { Db } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import {
  type Disaggregation,
  type IndicatorId,
  publicSuppressionThreshold,
} from "./definitions.js";
import {
  type BreakdownLimits,
  computeIndicators,
  type Disaggregations,
  type Figure,
  type IndicatorSet,
} from "./engine.js";
import type { Period } from "./periods.js";
import { computeRelease, publishedPeriod, releaseOfSite } from "./release.js";
import { type TargetSet, targetsFor } from "./targets.js";

/** The breakdowns every full report has, in the order sheets and sections show them. */
export const reportDisaggregations: readonly Disaggregation[] = [
  ["site"],
  ["month"],
  ["commune"],
  ["sex"],
  ["age_band"],
  ["age_band", "sex"],
  ["population_group"],
  ["testing_status"],
  ["service"],
  ["result"],
  ["modality"],
  ["item"],
];

export interface ProjectSummary {
  id: string;
  slug: string;
  name_vi: string;
  name_en: string;
  starts_on: string;
  ends_on: string;
  status: string;
}

export interface Report {
  project: ProjectSummary;
  set: IndicatorSet;
  targets: TargetSet;
  /** True when small figures are withheld (a report meant for publication). */
  public: boolean;
  /** Figures about clients from 1 to threshold − 1 are withheld ("<threshold") when public. */
  threshold: number;
}

export async function findProject(db: Db, slug: string): Promise<ProjectSummary> {
  const project = await db
    .selectFrom("projects")
    .select(["id", "slug", "name_vi", "name_en", "starts_on", "ends_on", "status"])
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!project) throw new AppError("not_found", { detail: `no project ${slug}` });
  return project;
}

/**
 * The sites of a project a user may see, narrowed to one site when asked (by code). A site the
 * user may not see is answered as unknown, like a site that does not exist, so nothing is learnt
 * about other sites.
 */
export async function sitesInScope(
  db: Db,
  projectId: string,
  user: SessionUser | null,
  siteCode?: string,
): Promise<"all" | string[]> {
  const readable = user ? readableSites(user) : "all";
  if (siteCode === undefined) return readable === "all" ? "all" : [...readable];
  const site = await db
    .selectFrom("sites")
    .select("id")
    .where("project_id", "=", projectId)
    .where("code", "=", siteCode)
    .executeTakeFirst();
  if (!site || (readable !== "all" && !readable.includes(site.id))) {
    throw new AppError("invalid_parameter", { parameter: "site", reason: "unknown_site" });
  }
  return [site.id];
}

export interface ReportRequest {
  slug: string;
  period: Period;
  /** The signed-in user whose scope limits the sites; null for public figures. */
  user: SessionUser | null;
  site?: string | undefined;
  communeId?: string | null;
  indicators?: readonly IndicatorId[];
  by?: Disaggregations;
  /** Withhold small figures (always so without a user). */
  public?: boolean;
  /** The smallest figure about clients a public report shows (PUBLIC_MIN_COUNT); 5 by default. */
  threshold?: number;
  /** Breakdown limits checked before anything is computed (requests that choose their own `by`). */
  limits?: BreakdownLimits;
}

export async function buildReport(db: Db, request: ReportRequest): Promise<Report> {
  const project = await findProject(db, request.slug);
  if (!request.user && project.status !== "published") {
    throw new AppError("not_found", { detail: `no published project ${request.slug}` });
  }
  if (request.public ?? request.user === null) return buildPublicReport(db, project, request);
  const sites = await sitesInScope(db, project.id, request.user, request.site);
  const computed = await computeIndicators(db, {
    projectId: project.id,
    period: request.period,
    sites,
    communeId: request.communeId ?? null,
    ...(request.indicators ? { indicators: request.indicators } : {}),
    by: request.by ?? reportDisaggregations,
    ...(request.limits ? { limits: request.limits } : {}),
  });
  const threshold = request.threshold ?? publicSuppressionThreshold;
  const targets = await targetsFor(db, {
    projectId: project.id,
    period: request.period,
    siteIds: computed.sites.map((s) => s.id),
    wholeProject: sites === "all",
  });
  return { project, set: computed, targets, public: false, threshold };
}

/**
 * A report fit to publish: one period of the project's public release (release.ts) — the whole
 * project or an ended quarter, every indicator in total and by site, suppressed with every other
 * published figure — for all sites or one. Other periods are refused naming the published ones;
 * breakdowns other than by site, and communes, are not published.
 */
async function buildPublicReport(
  db: Db,
  project: ProjectSummary,
  request: ReportRequest,
): Promise<Report> {
  if (request.communeId) {
    throw new AppError("invalid_parameter", { parameter: "commune", reason: "not_public" });
  }
  const threshold = request.threshold ?? publicSuppressionThreshold;
  const release = await computeRelease(db, project.slug, {
    threshold,
    ...(request.indicators ? { indicators: request.indicators } : {}),
  });
  const period = publishedPeriod(
    release.periods,
    releaseRequestOf(project, request.period),
    "period",
  );
  const whole = release.sets.get(period.key)!;
  // The sites asked for, within those the reader may see (an export records its scope).
  const readable = request.user ? readableSites(request.user) : "all";
  if (period.key !== "project" && (request.site !== undefined || readable !== "all")) {
    throw new AppError("invalid_parameter", { parameter: "site", reason: "quarter_all_sites" });
  }
  const inScope = whole.sites.filter((s) => readable === "all" || readable.includes(s.id));
  const code = request.site ?? (inScope.length === 1 ? inScope[0]!.code : undefined);
  const set =
    code === undefined
      ? restrictSites(whole, inScope)
      : inScope.some((s) => s.code === code)
        ? releaseOfSite(whole, code)
        : undefined;
  if (!set) throw new AppError("invalid_parameter", { parameter: "site", reason: "unknown_site" });
  const targets = await targetsFor(db, {
    projectId: project.id,
    period,
    siteIds: set.sites.map((s) => s.id),
    wholeProject: set.sites.length === whole.sites.length,
  });
  return { project, set, targets, public: true, threshold };
}

/**
 * The release with only some sites' rows (a reader who may see several sites but not all): the
 * total stays the project's published total, as every visitor reads it.
 */
function restrictSites(set: IndicatorSet, sites: IndicatorSet["sites"]): IndicatorSet {
  if (sites.length === set.sites.length) return set;
  const ids = new Set(sites.map((s) => s.id));
  const figures: IndicatorSet["figures"] = {};
  for (const [id, figure] of Object.entries(set.figures) as [IndicatorId, Figure][]) {
    figures[id] = {
      ...figure,
      by: { site: (figure.by.site ?? []).filter((c) => ids.has(String(c.categories.site))) },
    };
  }
  return { ...set, sites, figures };
}

/**
 * A reporting period as the release names it: a quarter by its key (the release cuts the first and
 * last quarters to the project's dates), the project's own dates as the whole project (cut to its
 * last ended quarter while it runs), other dates as they are.
 */
export function releaseRequestOf(
  project: { starts_on: string; ends_on: string },
  period: Period,
): { period?: string; from?: string; to?: string } {
  if (period.kind === "quarter") {
    const month = Number(period.from.slice(5, 7));
    return { period: `${period.from.slice(0, 4)}Q${Math.floor((month - 1) / 3) + 1}` };
  }
  if (period.from === project.starts_on && period.to === project.ends_on) {
    return { period: "project" };
  }
  return { from: period.from, to: period.to };
}
