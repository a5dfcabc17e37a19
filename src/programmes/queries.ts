// SQL for organisations, projects and sites.
import type { Db } from "../db/connection.js";

export async function findPublishedProjectBySlug(db: Db, slug: string) {
  return db
    .selectFrom("projects")
    .selectAll()
    .where("slug", "=", slug)
    .where("status", "=", "published")
    .executeTakeFirst();
}

export async function findProjectBySlug(db: Db, slug: string) {
  return db
    .selectFrom("projects")
    .select(["id", "slug"])
    .where("slug", "=", slug)
    .executeTakeFirst();
}

/** Projects by id, with their names (a few at a time: a receipt's, a page of the ledger's). */
export async function listProjectNames(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("projects")
    .select(["id", "slug", "status", "name_vi", "name_en"])
    .where("id", "in", ids)
    .execute();
}

export async function findProjectNameBySlug(db: Db, slug: string) {
  return db
    .selectFrom("projects")
    .select(["id", "slug", "status", "name_vi", "name_en"])
    .where("slug", "=", slug)
    .executeTakeFirst();
}

export async function listPublishedProjects(db: Db) {
  return db
    .selectFrom("projects")
    .selectAll()
    .where("status", "=", "published")
    .orderBy("starts_on", "desc")
    .execute();
}

/** Organisations and their role in each published project (sponsors, partners). */
export async function listProjectOrganisations(db: Db, projectIds: readonly string[]) {
  if (projectIds.length === 0) return [];
  return db
    .selectFrom("project_organisations as po")
    .innerJoin("organisations as o", "o.id", "po.organisation_id")
    .select([
      "po.project_id",
      "po.role",
      "o.id",
      "o.slug",
      "o.short_name",
      "o.name_vi",
      "o.name_en",
      "o.about_vi",
      "o.about_en",
      "o.website",
    ])
    .where("po.project_id", "in", projectIds)
    .orderBy("o.short_name")
    .execute();
}

export async function listSitesOfProject(db: Db, projectId: string) {
  return db
    .selectFrom("sites as s")
    .innerJoin("places as p", "p.id", "s.place_id")
    .select([
      "s.id",
      "s.code",
      "s.name_vi",
      "s.name_en",
      "s.population_size_estimate",
      "p.code as place_code",
      "p.name as place_name",
      "p.kind as place_kind",
    ])
    .where("s.project_id", "=", projectId)
    .orderBy("p.code")
    .execute();
}

/** The implementing organisation of the published projects (the site's owner). */
export async function findImplementer(db: Db) {
  return db
    .selectFrom("organisations")
    .selectAll()
    .where("kind", "=", "implementer")
    .orderBy("short_name")
    .executeTakeFirst();
}

export async function listSitesWithProjects(db: Db, siteIds: "all" | readonly string[]) {
  let query = db
    .selectFrom("sites as s")
    .innerJoin("projects as p", "p.id", "s.project_id")
    .select([
      "s.id",
      "s.code",
      "s.name_vi",
      "s.name_en",
      "s.project_id",
      "s.place_id",
      "p.slug as project_slug",
      "p.name_vi as project_name_vi",
      "p.name_en as project_name_en",
    ])
    .orderBy("s.code");
  if (siteIds !== "all") {
    if (siteIds.length === 0) return [];
    query = query.where("s.id", "in", siteIds);
  }
  return query.execute();
}

export async function listCommunesOfSites(db: Db, siteIds: readonly string[]) {
  if (siteIds.length === 0) return [];
  return db
    .selectFrom("site_communes as sc")
    .innerJoin("places as p", "p.id", "sc.place_id")
    .select(["sc.site_id", "p.id", "p.code", "p.name", "p.kind"])
    .where("sc.site_id", "in", siteIds)
    .orderBy("p.code")
    .execute();
}

export async function listStaffOfSites(db: Db, siteIds: readonly string[]) {
  if (siteIds.length === 0) return [];
  return db
    .selectFrom("staff as st")
    .innerJoin("staff_sites as ss", "ss.staff_id", "st.id")
    .select(["st.id", "st.display_name", "st.role", "st.ends_on", "ss.site_id"])
    .where("ss.site_id", "in", siteIds)
    .orderBy("st.display_name")
    .execute();
}
