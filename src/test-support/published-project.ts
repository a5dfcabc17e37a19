// For the website's tests only: a small published project with the seed's full texts and a few
// records at two sites, so the pages have every section and known figures to show. One site
// reaches only 3 people, a figure the public page must withhold. Needs the reference places.
import type { Insertable } from "kysely";
import type { Db } from "../db/connection.js";
import type { ProjectsTable } from "../db/schema.js";
import { seedTexts } from "../demo/seed-texts.js";
import { newId } from "../lib/ids.js";

export interface FixtureOptions {
  slug: string;
  status?: "draft" | "published";
}

/** What the fixture's published project should show, computed by hand from the rows below. */
export const fixtureFigures = {
  peopleReached: 15,
  contacts: 18,
  groupSessions: 2,
  attendances: 7,
  hivTestVisits: 6,
  condoms: 1200,
  trainings: 1,
  peopleTrained: 3,
  coachingRounds: 3,
  /** Site "DBP" (Điện Biên Phủ city): 12 people in 3 of its 9 wards and communes; estimate 180. */
  city: { people: 12, communes: "3/9", reach: "7%" },
  /** Site "TG" (Tuần Giáo district): 3 people, withheld, so reach is only "under 5/270"; 2 of 14 communes. */
  tuanGiao: { people: 3, communes: "2/14", estimate: "270", reach: "<2%" },
} as const;

const paragraphs = (texts: { vi: string; en: string }[], locale: "vi" | "en") =>
  texts.map((text) => text[locale]).join("\n\n");
const lines = (texts: { vi: string; en: string }[], locale: "vi" | "en") =>
  texts.map((text) => text[locale]).join("\n");

async function placeId(db: Db, level: "district" | "commune", code: string): Promise<string> {
  const row = await db
    .selectFrom("places")
    .select("id")
    .where("level", "=", level)
    .where("code", "=", code)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function communesOf(db: Db, districtId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("places")
    .select("id")
    .where("parent_id", "=", districtId)
    .orderBy("code")
    .execute();
  return rows.map((r) => r.id);
}

async function organisation(
  db: Db,
  slug: string,
  values: { short: string; vi: string; en: string; kind: string },
) {
  const existing = await db
    .selectFrom("organisations")
    .select("id")
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (existing) return existing.id;
  const row = await db
    .insertInto("organisations")
    .values({
      slug,
      short_name: values.short,
      name_vi: values.vi,
      name_en: values.en,
      kind: values.kind as "implementer" | "sponsor" | "government_partner",
      about_vi: values.kind === "implementer" ? seedTexts.organisation.about.vi : "",
      about_en: values.kind === "implementer" ? seedTexts.organisation.about.en : "",
      website: values.kind === "sponsor" ? "https://www.fhi360.org/" : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts the project (and its organisations, once); returns the project's id. */
export async function insertProjectFixture(
  db: Db,
  { slug, status = "published" }: FixtureOptions,
): Promise<string> {
  const { organisation: org, sponsor, partner, project: texts } = seedTexts;
  const implementerId = await organisation(db, "scdi", {
    short: org.shortName,
    ...org.name,
    kind: "implementer",
  });
  const sponsorId = await organisation(db, "fhi", {
    short: sponsor.shortName,
    ...sponsor.name,
    kind: "sponsor",
  });
  const partnerId = await organisation(db, "pac-dien-bien", {
    short: partner.shortName,
    ...partner.name,
    kind: "government_partner",
  });

  const project: Insertable<ProjectsTable> = {
    slug,
    implementer_id: implementerId,
    status,
    starts_on: "2011-07-01",
    ends_on: "2011-10-31",
    published_on: "2018-09-18",
    name_vi: texts.name.vi,
    name_en: texts.name.en,
    summary_vi: texts.summary.vi,
    summary_en: texts.summary.en,
  };
  for (const locale of ["vi", "en"] as const) {
    project[`background_${locale}`] = paragraphs(texts.background, locale);
    project[`objectives_${locale}`] = paragraphs(texts.objectives, locale);
    project[`target_populations_${locale}`] = paragraphs(texts.targetPopulations, locale);
    project[`locations_${locale}`] = paragraphs(texts.locations, locale);
    project[`enablers_${locale}`] = lines(texts.enablers, locale);
    project[`difficulties_${locale}`] = lines(texts.difficulties, locale);
    project[`lessons_${locale}`] = lines(texts.lessons, locale);
    project[`recommendations_${locale}`] = lines(texts.recommendations, locale);
  }
  const { id: projectId } = await db
    .insertInto("projects")
    .values(project)
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("project_organisations")
    .values([
      { project_id: projectId, organisation_id: sponsorId, role: "sponsor" },
      { project_id: projectId, organisation_id: partnerId, role: "government_partner" },
    ])
    .execute();

  const city = await insertSite(db, projectId, {
    code: "DBP",
    district: "094",
    vi: "Thành phố Điện Biên Phủ",
    en: "Dien Bien Phu city",
    estimate: 180,
  });
  const tuanGiao = await insertSite(db, projectId, {
    code: "TG",
    district: "099",
    vi: "Huyện Tuần Giáo",
    en: "Tuan Giao district",
    estimate: 270,
  });
  const staff = await insertStaff(db, implementerId, [city.id, city.id, tuanGiao.id]);

  // 12 people in the city (3 of them seen twice) over 3 communes; 3 people in Tuần Giáo over 2.
  const cityClients = await insertClients(db, slug, city, 12, [0, 1, 2], staff[0]!);
  await insertContacts(db, city, cityClients.slice(0, 3), [0], staff[0]!, "2011-09-05");
  await insertClients(db, `${slug}tg`, tuanGiao, 3, [0, 1], staff[2]!);

  const sessions = [newId(), newId()];
  await db
    .insertInto("group_sessions")
    .values(
      sessions.map((id, i) => ({
        id,
        site_id: city.id,
        held_on: `2011-08-1${i}`,
        commune_id: city.communes[0]!,
      })),
    )
    .execute();
  await db
    .insertInto("group_attendances")
    .values(
      cityClients.slice(0, 7).map((clientId, i) => ({
        id: newId(),
        site_id: city.id,
        session_id: sessions[i < 5 ? 0 : 1]!,
        client_id: clientId,
      })),
    )
    .execute();
  await db
    .insertInto("referrals")
    .values(
      cityClients.slice(0, 6).map((clientId) => ({
        id: newId(),
        site_id: city.id,
        client_id: clientId,
        service: "hiv_test" as const,
        referred_on: "2011-08-20",
        arrived_on: "2011-08-22",
      })),
    )
    .execute();
  await db
    .insertInto("commodity_distributions")
    .values([
      {
        id: newId(),
        site_id: city.id,
        item: "condom",
        quantity: 1000,
        distributed_on: "2011-08-01",
      },
      {
        id: newId(),
        site_id: tuanGiao.id,
        item: "condom",
        quantity: 200,
        distributed_on: "2011-08-02",
      },
    ])
    .execute();

  const trainingId = newId();
  await db
    .insertInto("trainings")
    .values([
      {
        id: trainingId,
        project_id: projectId,
        kind: "initial",
        title: "Tập huấn ban đầu",
        starts_on: "2011-07-05",
        ends_on: "2011-07-07",
      },
      ...[city.id, city.id, tuanGiao.id].map((siteId, i) => ({
        id: newId(),
        project_id: projectId,
        site_id: siteId,
        kind: "coaching" as const,
        title: "Cầm tay chỉ việc",
        starts_on: `2011-09-1${i}`,
        ends_on: `2011-09-1${i}`,
      })),
    ])
    .execute();
  await db
    .insertInto("training_participants")
    .values(staff.map((staffId) => ({ id: newId(), training_id: trainingId, staff_id: staffId })))
    .execute();
  return projectId;
}

interface FixtureSite {
  id: string;
  communes: string[];
}

async function insertSite(
  db: Db,
  projectId: string,
  site: { code: string; district: string; vi: string; en: string; estimate: number | null },
): Promise<FixtureSite> {
  const districtId = await placeId(db, "district", site.district);
  const { id } = await db
    .insertInto("sites")
    .values({
      project_id: projectId,
      place_id: districtId,
      code: site.code,
      name_vi: site.vi,
      name_en: site.en,
      population_size_estimate: site.estimate,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const communes = await communesOf(db, districtId);
  await db
    .insertInto("site_communes")
    .values(communes.map((placeId) => ({ site_id: id, place_id: placeId })))
    .execute();
  return { id, communes };
}

async function insertStaff(db: Db, organisationId: string, siteIds: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, siteId] of siteIds.entries()) {
    const { id } = await db
      .insertInto("staff")
      .values({
        organisation_id: organisationId,
        display_name: `TCV ${i + 1}`,
        role: "outreach_worker",
        starts_on: "2011-07-01",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("staff_sites").values({ site_id: siteId, staff_id: id }).execute();
    ids.push(id);
  }
  return ids;
}

/** `count` clients, each with one contact, spread over the site's communes at these indexes. */
async function insertClients(
  db: Db,
  prefix: string,
  site: FixtureSite,
  count: number,
  communeIndexes: number[],
  staffId: string,
): Promise<string[]> {
  const ids = Array.from({ length: count }, () => newId());
  const uicPrefix = prefix
    .replace(/[^a-z0-9]/gi, "")
    .toUpperCase()
    .slice(0, 12);
  await db
    .insertInto("clients")
    .values(
      ids.map((id, i) => ({
        id,
        site_id: site.id,
        uic: `${uicPrefix}${String(i).padStart(3, "0")}`,
        sex: "female" as const,
        birth_year: 1985,
        population_group: "partner_pwud" as const,
        registered_on: "2011-07-10",
      })),
    )
    .execute();
  await insertContacts(db, site, ids, communeIndexes, staffId, "2011-07-10");
  return ids;
}

async function insertContacts(
  db: Db,
  site: FixtureSite,
  clientIds: string[],
  communeIndexes: number[],
  staffId: string,
  on: string,
): Promise<void> {
  await db
    .insertInto("contacts")
    .values(
      clientIds.map((clientId, i) => ({
        id: newId(),
        site_id: site.id,
        client_id: clientId,
        staff_id: staffId,
        contact_date: on,
        commune_id: site.communes[communeIndexes[i % communeIndexes.length]!]!,
      })),
    )
    .execute();
}
