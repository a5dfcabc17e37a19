// The organisations of the seed project and the project itself, with its texts from the seed
// page: SCDI implements it, FHI funds it, the Điện Biên provincial AIDS centre partners in it.
import type { Insertable } from "kysely";
import type { OrganisationsTable, ProjectOrganisationsTable, ProjectsTable } from "../db/schema.js";
import { period } from "./calendar.js";
import type { Random } from "./random.js";
import { type LocalisedText, seedTexts } from "./seed-texts.js";
import { stamp } from "./stamp.js";

export const DEMO_PROJECT_SLUG = "dien-bien";

/** When the records of the set-up (organisations, project, sites, staff) were entered. */
export const setUpDate = "2011-06-20";

export interface DemoOrganisations {
  organisations: Insertable<OrganisationsTable>[];
  project: Insertable<ProjectsTable> & { id: string };
  projectOrganisations: Insertable<ProjectOrganisationsTable>[];
  implementerId: string;
}

/** Prose sections: paragraphs separated by a blank line. */
function paragraphs(texts: readonly LocalisedText[]) {
  return {
    vi: texts.map((t) => t.vi).join("\n\n"),
    en: texts.map((t) => t.en).join("\n\n"),
  };
}

/** List sections: one item per line. */
function items(texts: readonly LocalisedText[]) {
  return {
    vi: texts.map((t) => t.vi).join("\n"),
    en: texts.map((t) => t.en).join("\n"),
  };
}

export function buildOrganisations(random: Random): DemoOrganisations {
  const scdi = stamp(random, setUpDate).id;
  const fhi = stamp(random, setUpDate).id;
  const pac = stamp(random, setUpDate).id;
  const organisation = seedTexts.organisation;
  const organisations: Insertable<OrganisationsTable>[] = [
    {
      id: scdi,
      slug: "scdi",
      short_name: organisation.shortName,
      name_vi: organisation.name.vi,
      name_en: organisation.name.en,
      kind: "implementer",
      about_vi: organisation.about.vi,
      about_en: organisation.about.en,
      website: null,
    },
    {
      id: fhi,
      slug: "fhi",
      short_name: seedTexts.sponsor.shortName,
      name_vi: seedTexts.sponsor.name.vi,
      name_en: seedTexts.sponsor.name.en,
      kind: "sponsor",
      website: null,
    },
    {
      id: pac,
      slug: "dien-bien-pac",
      short_name: seedTexts.partner.shortName,
      name_vi: seedTexts.partner.name.vi,
      name_en: seedTexts.partner.name.en,
      kind: "government_partner",
      website: null,
    },
  ];

  const texts = seedTexts.project;
  const background = paragraphs(texts.background);
  const objectives = paragraphs(texts.objectives);
  const targetPopulations = paragraphs(texts.targetPopulations);
  const locations = paragraphs(texts.locations);
  const enablers = items(texts.enablers);
  const difficulties = items(texts.difficulties);
  const lessons = items(texts.lessons);
  const recommendations = items(texts.recommendations);
  const project = {
    id: stamp(random, setUpDate).id,
    slug: DEMO_PROJECT_SLUG,
    implementer_id: scdi,
    status: "published" as const,
    starts_on: period.from,
    ends_on: period.to,
    published_on: "2018-09-18",
    name_vi: texts.name.vi,
    name_en: texts.name.en,
    summary_vi: texts.summary.vi,
    summary_en: texts.summary.en,
    background_vi: background.vi,
    background_en: background.en,
    objectives_vi: objectives.vi,
    objectives_en: objectives.en,
    target_populations_vi: targetPopulations.vi,
    target_populations_en: targetPopulations.en,
    locations_vi: locations.vi,
    locations_en: locations.en,
    enablers_vi: enablers.vi,
    enablers_en: enablers.en,
    difficulties_vi: difficulties.vi,
    difficulties_en: difficulties.en,
    lessons_vi: lessons.vi,
    lessons_en: lessons.en,
    recommendations_vi: recommendations.vi,
    recommendations_en: recommendations.en,
  } satisfies Insertable<ProjectsTable>;

  return {
    organisations,
    project,
    projectOrganisations: [
      { project_id: project.id, organisation_id: fhi, role: "sponsor" },
      { project_id: project.id, organisation_id: pac, role: "government_partner" },
    ],
    implementerId: scdi,
  };
}
