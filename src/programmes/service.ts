// Organisations, projects and sites as the public website and the API present them: bilingual
// texts resolved, narrative sections split into paragraphs or items.
import type { Db } from "../db/connection.js";
import { readOnce } from "../db/reading.js";
import { type NarrativeField, narrativeFields } from "../db/schema.js";
import type { Locale } from "../lib/i18n.js";
import * as queries from "./queries.js";
import {
  findImplementer,
  findProjectBySlug,
  findProjectNameBySlug,
  listProjectNames,
  listProjectOrganisations,
  listPublishedProjects,
} from "./queries.js";

// What other features read of the programmes' tables, through this service (never the tables).
export { listCommunesOfSites, listProjectOrganisations } from "./queries.js";

// Read once per snapshot (src/db/reading.ts, readOnce): a page's parts — the project's header,
// the public release of each published period — each ask for the project and its sites.
export const findPublishedProjectBySlug = (db: Db, slug: string) =>
  readOnce(db, `published-project:${slug}`, () => queries.findPublishedProjectBySlug(db, slug));
export const listSitesOfProject = (db: Db, projectId: string) =>
  readOnce(db, `sites:${projectId}`, () => queries.listSitesOfProject(db, projectId));

export interface Localised {
  vi: string;
  en: string;
}

export interface OrganisationView {
  slug: string;
  shortName: string;
  name: Localised;
  about: Localised;
  website: string | null;
}

export interface SiteView {
  id: string;
  code: string;
  name: Localised;
  populationSizeEstimate: number | null;
  placeCode: string;
}

export interface ProjectView {
  id: string;
  slug: string;
  name: Localised;
  summary: Localised;
  startsOn: string;
  endsOn: string;
  publishedOn: string | null;
  /** Prose sections as paragraphs; list sections as items. */
  sections: Record<NarrativeField, { vi: string[]; en: string[] }>;
  sponsors: OrganisationView[];
  partners: OrganisationView[];
  sites: SiteView[];
}

const listFields = new Set<NarrativeField>([
  "enablers",
  "difficulties",
  "lessons",
  "recommendations",
]);

/** Prose is stored as paragraphs separated by a blank line; lists as one item per line. */
export function splitNarrative(field: NarrativeField, text: string): string[] {
  const separator = listFields.has(field) ? /\n/ : /\n\s*\n/;
  return text
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

export function pick(text: Localised, locale: Locale): string {
  return text[locale] || text.vi;
}

type OrganisationRow = Awaited<ReturnType<typeof listProjectOrganisations>>[number];

function toOrganisationView(row: Omit<OrganisationRow, "project_id" | "role">): OrganisationView {
  return {
    slug: row.slug,
    shortName: row.short_name,
    name: { vi: row.name_vi, en: row.name_en },
    about: { vi: row.about_vi, en: row.about_en },
    website: row.website,
  };
}

/** Whether a project (published or not) has this slug: content about a project names it so. */
export async function projectExists(db: Db, slug: string): Promise<boolean> {
  return (await findProjectBySlug(db, slug)) !== undefined;
}

export async function getPublishedProject(db: Db, slug: string): Promise<ProjectView | undefined> {
  const project = await findPublishedProjectBySlug(db, slug);
  if (!project) return undefined;
  const [organisations, sites] = await Promise.all([
    listProjectOrganisations(db, [project.id]),
    listSitesOfProject(db, project.id),
  ]);
  const sections = {} as ProjectView["sections"];
  for (const field of narrativeFields) {
    sections[field] = {
      vi: splitNarrative(field, project[`${field}_vi`]),
      en: splitNarrative(field, project[`${field}_en`]),
    };
  }
  return {
    id: project.id,
    slug: project.slug,
    name: { vi: project.name_vi, en: project.name_en },
    summary: { vi: project.summary_vi, en: project.summary_en },
    startsOn: project.starts_on,
    endsOn: project.ends_on,
    publishedOn: project.published_on,
    sections,
    sponsors: organisations.filter((o) => o.role === "sponsor").map(toOrganisationView),
    partners: organisations.filter((o) => o.role !== "sponsor").map(toOrganisationView),
    sites: sites.map((s) => ({
      id: s.id,
      code: s.code,
      name: { vi: s.name_vi, en: s.name_en },
      populationSizeEstimate: s.population_size_estimate,
      placeCode: s.place_code,
    })),
  };
}

export interface ProjectSummaryView {
  slug: string;
  name: Localised;
  summary: Localised;
  startsOn: string;
  endsOn: string;
  publishedOn: string | null;
  sponsors: OrganisationView[];
}

export interface HomeView {
  organisation: OrganisationView | undefined;
  projects: ProjectSummaryView[];
  sponsors: OrganisationView[];
  partners: OrganisationView[];
}

/** The organisation that runs the site (the implementer), for page headers. */
export async function getOrganisation(db: Db): Promise<OrganisationView | undefined> {
  const implementer = await findImplementer(db);
  return implementer && toOrganisationView(implementer);
}

/** What the home and sponsors pages show: the organisation, its published projects, its sponsors. */
export async function getHome(db: Db): Promise<HomeView> {
  const [implementer, projects] = await Promise.all([
    findImplementer(db),
    listPublishedProjects(db),
  ]);
  const links = await listProjectOrganisations(
    db,
    projects.map((p) => p.id),
  );
  const unique = (role: (r: OrganisationRow) => boolean) => [
    ...new Map(links.filter(role).map((o) => [o.slug, toOrganisationView(o)])).values(),
  ];
  return {
    organisation: implementer && toOrganisationView(implementer),
    projects: projects.map((p) => ({
      slug: p.slug,
      name: { vi: p.name_vi, en: p.name_en },
      summary: { vi: p.summary_vi, en: p.summary_en },
      startsOn: p.starts_on,
      endsOn: p.ends_on,
      publishedOn: p.published_on,
      sponsors: links
        .filter((o) => o.project_id === p.id && o.role === "sponsor")
        .map(toOrganisationView),
    })),
    sponsors: unique((o) => o.role === "sponsor"),
    partners: unique((o) => o.role !== "sponsor"),
  };
}

/** A project as other features name it: id, slug, names, and whether it is published. */
export interface ProjectRef {
  id: string;
  slug: string;
  name: Localised;
  published: boolean;
}

type ProjectNameRow = Awaited<ReturnType<typeof listProjectNames>>[number];

const toProjectRef = (row: ProjectNameRow): ProjectRef => ({
  id: row.id,
  slug: row.slug,
  name: { vi: row.name_vi, en: row.name_en },
  published: row.status === "published",
});

/** A project by its slug (published or not), or undefined. */
export async function findProjectRef(db: Db, slug: string): Promise<ProjectRef | undefined> {
  const row = await findProjectNameBySlug(db, slug);
  return row && toProjectRef(row);
}

/** Projects by id: those that exist, keyed by id. */
export async function projectRefsById(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, ProjectRef>> {
  const rows = await listProjectNames(db, [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, toProjectRef(row)]));
}

/** The published projects, newest first, with their ids (what a donor may give to). */
export async function listPublishedProjectRefs(db: Db): Promise<ProjectRef[]> {
  const rows = await listPublishedProjects(db);
  return rows.map(toProjectRef);
}
