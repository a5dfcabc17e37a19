// Reference data a device needs to record work offline: the sites a user works at, their communes,
// their staff, and the projects they belong to — within the user's scope. Someone who manages the
// finances also gets every published project (what donors give to and funds are kept for), to
// post allocations and expenses to and to name a pledge's project.
import { can, readableSites, type SessionUser } from "../auth/policy.js";
import type { Db } from "../db/connection.js";
import {
  listCommunesOfSites,
  listPublishedProjects,
  listSitesWithProjects,
  listStaffOfSites,
} from "./queries.js";

export interface ReferenceData {
  sites: {
    id: string;
    code: string;
    name: { vi: string; en: string };
    project_id: string;
    communes: { id: string; code: string; name: string; kind: string }[];
  }[];
  staff: { id: string; display_name: string; role: string; active: boolean; site_ids: string[] }[];
  projects: { id: string; slug: string; name: { vi: string; en: string } }[];
}

export async function getReferenceData(
  db: Db,
  user: SessionUser,
  today: string,
): Promise<ReferenceData> {
  const sites = await listSitesWithProjects(db, readableSites(user));
  const siteIds = sites.map((s) => s.id);
  const [communes, staffRows] = await Promise.all([
    listCommunesOfSites(db, siteIds),
    listStaffOfSites(db, siteIds),
  ]);
  const staff = new Map<string, ReferenceData["staff"][number]>();
  for (const row of staffRows) {
    const entry = staff.get(row.id) ?? {
      id: row.id,
      display_name: row.display_name,
      role: row.role,
      active: row.ends_on === null || row.ends_on >= today,
      site_ids: [],
    };
    entry.site_ids.push(row.site_id);
    staff.set(row.id, entry);
  }
  const projects = new Map(
    sites.map((s) => [
      s.project_id,
      {
        id: s.project_id,
        slug: s.project_slug,
        name: { vi: s.project_name_vi, en: s.project_name_en },
      },
    ]),
  );
  if (can(user, "finance.manage")) {
    for (const project of await listPublishedProjects(db)) {
      if (projects.has(project.id)) continue;
      projects.set(project.id, {
        id: project.id,
        slug: project.slug,
        name: { vi: project.name_vi, en: project.name_en },
      });
    }
  }
  return {
    sites: sites.map((s) => ({
      id: s.id,
      code: s.code,
      name: { vi: s.name_vi, en: s.name_en },
      project_id: s.project_id,
      communes: communes.filter((c) => c.site_id === s.id).map(({ site_id: _, ...c }) => c),
    })),
    staff: [...staff.values()],
    projects: [...projects.values()],
  };
}
