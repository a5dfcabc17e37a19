// The words of a project that a report prints around its figures: the summary and the narrative
// sections (the projects table's *_vi/*_en columns, split as the project page splits them), the
// implementing organisation, and the sponsors and partners. Read for any project, published or
// not: staff report on projects before they are published.
import type { Db } from "../../db/connection.js";
import { narrativeFields } from "../../db/schema.js";
import { AppError } from "../../lib/errors.js";
import {
  type Localised,
  listProjectOrganisations,
  type OrganisationView,
  type ProjectView,
  splitNarrative,
} from "../../programmes/service.js";

export interface ReportNarrative {
  summary: Localised;
  /** Prose sections as paragraphs; list sections as items. */
  sections: ProjectView["sections"];
  implementer: OrganisationView | undefined;
  sponsors: OrganisationView[];
  partners: OrganisationView[];
}

async function findProjectTexts(db: Db, projectId: string) {
  return db
    .selectFrom("projects as p")
    .leftJoin("organisations as o", "o.id", "p.implementer_id")
    .selectAll("p")
    .select([
      "o.slug as implementer_slug",
      "o.short_name as implementer_short_name",
      "o.name_vi as implementer_name_vi",
      "o.name_en as implementer_name_en",
      "o.about_vi as implementer_about_vi",
      "o.about_en as implementer_about_en",
      "o.website as implementer_website",
    ])
    .where("p.id", "=", projectId)
    .executeTakeFirst();
}

type OrganisationRow = Awaited<ReturnType<typeof listProjectOrganisations>>[number];

const organisationView = (row: OrganisationRow): OrganisationView => ({
  slug: row.slug,
  shortName: row.short_name,
  name: { vi: row.name_vi, en: row.name_en },
  about: { vi: row.about_vi, en: row.about_en },
  website: row.website,
});

export async function loadReportNarrative(db: Db, projectId: string): Promise<ReportNarrative> {
  const [project, organisations] = await Promise.all([
    findProjectTexts(db, projectId),
    listProjectOrganisations(db, [projectId]),
  ]);
  if (!project) throw new AppError("not_found", { detail: `no project ${projectId}` });
  const sections = {} as ReportNarrative["sections"];
  for (const field of narrativeFields) {
    sections[field] = {
      vi: splitNarrative(field, project[`${field}_vi`]),
      en: splitNarrative(field, project[`${field}_en`]),
    };
  }
  const implementer =
    project.implementer_slug === null
      ? undefined
      : {
          slug: project.implementer_slug,
          shortName: project.implementer_short_name ?? "",
          name: { vi: project.implementer_name_vi ?? "", en: project.implementer_name_en ?? "" },
          about: { vi: project.implementer_about_vi ?? "", en: project.implementer_about_en ?? "" },
          website: project.implementer_website,
        };
  return {
    summary: { vi: project.summary_vi, en: project.summary_en },
    sections,
    implementer,
    sponsors: organisations.filter((o) => o.role === "sponsor").map(organisationView),
    partners: organisations.filter((o) => o.role !== "sponsor").map(organisationView),
  };
}
