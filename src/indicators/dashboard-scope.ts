// What a dashboard (or a list of records behind one of its figures) is about: the project, the
// period, and the sites and commune the user chose among those they may see. The choices the
// filter form offers come from here too, so the form can be shown again with an error.
import { readableSites, type SessionUser } from "../auth/policy.js";
import type { Db } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { listCommunesOfSites } from "../programmes/service.js";
import { listScopeSites, type SiteInfo } from "./engine.js";
import { checkPeriodSpan, type Period, parsePeriod, projectPeriodOf } from "./periods.js";
import { findProject, type ProjectSummary } from "./report.js";

export interface CommuneChoice {
  id: string;
  code: string;
  name: string;
  kind: string;
  /** The sites (ids) whose area includes the commune. */
  site_ids: string[];
}

/** What the filter form offers: the user's sites and their communes. */
export interface DashboardChoices {
  project: ProjectSummary;
  /** Every site of the project the user may see. */
  sites: SiteInfo[];
  /** The communes of those sites' areas. */
  communes: CommuneChoice[];
}

/** The filters as the visitor gave them (kept to fill the form again). */
export interface DashboardInput {
  period?: string | undefined;
  /** A site code; empty or absent for every site the user may see. */
  site?: string | undefined;
  /** A commune code; empty or absent for every commune. */
  commune?: string | undefined;
}

export interface DashboardScope extends DashboardChoices {
  user: SessionUser;
  period: Period;
  /** The period as the form shows it (the project's whole period when none was given). */
  periodText: string;
  /** The one site chosen, or null for every site in `sites`. */
  site: SiteInfo | null;
  commune: CommuneChoice | null;
  /** The sites counted: the one chosen, or all the user may see. */
  siteIds: string[];
  /** True when the scope is the whole project (every site, and the user may see them all). */
  wholeProject: boolean;
}

/**
 * The project's own period (its last five years, if longer: `projectPeriodOf`), in the custom form
 * `parsePeriod` reads.
 */
export const projectPeriodText = (project: ProjectSummary) => {
  const period = projectPeriodOf(project);
  return `${period.from}..${period.to}`;
};

export async function loadDashboardChoices(
  db: Db,
  slug: string,
  user: SessionUser,
): Promise<DashboardChoices> {
  const project = await findProject(db, slug);
  const sites = await listScopeSites(db, project.id, readableSites(user));
  const communes = new Map<string, CommuneChoice>();
  for (const row of await listCommunesOfSites(
    db,
    sites.map((s) => s.id),
  )) {
    const { site_id: siteId, ...place } = row;
    const commune = communes.get(row.id) ?? { ...place, site_ids: [] };
    commune.site_ids.push(siteId);
    communes.set(row.id, commune);
  }
  return { project, sites, communes: [...communes.values()] };
}

const invalid = (parameter: string, reason: string) =>
  new AppError("invalid_parameter", { parameter, reason });

/**
 * The scope of a dashboard. A site the user may not see is answered as unknown, like a site that
 * does not exist (as buildReport does), and so is a commune outside the chosen sites' areas.
 */
export async function resolveDashboardScope(
  db: Db,
  slug: string,
  user: SessionUser,
  input: DashboardInput,
): Promise<DashboardScope> {
  const choices = await loadDashboardChoices(db, slug, user);
  const periodText = input.period?.trim() || projectPeriodText(choices.project);
  const period = checkPeriodSpan(parsePeriod(periodText));
  let site: SiteInfo | null = null;
  if (input.site) {
    site = choices.sites.find((s) => s.code === input.site) ?? null;
    if (!site) throw invalid("site", "unknown_site");
  }
  const siteIds = site ? [site.id] : choices.sites.map((s) => s.id);
  let commune: CommuneChoice | null = null;
  if (input.commune) {
    commune =
      choices.communes.find(
        (c) => c.code === input.commune && c.site_ids.some((id) => siteIds.includes(id)),
      ) ?? null;
    if (!commune) throw invalid("commune", "unknown_commune");
  }
  return {
    ...choices,
    user,
    period,
    periodText,
    site,
    commune,
    siteIds,
    wholeProject: site === null && readableSites(user) === "all",
  };
}
