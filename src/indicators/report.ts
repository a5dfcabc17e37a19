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
  type IndicatorSet,
} from "./engine.js";
import type { Period } from "./periods.js";
import { publishIndicators } from "./publish.js";
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
  const isPublic = request.public ?? request.user === null;
  const threshold = request.threshold ?? publicSuppressionThreshold;
  const set = isPublic ? publishIndicators(computed, threshold) : computed;
  const targets = await targetsFor(db, {
    projectId: project.id,
    period: request.period,
    siteIds: set.sites.map((s) => s.id),
    wholeProject: sites === "all",
  });
  return { project, set, targets, public: isPublic, threshold };
}
