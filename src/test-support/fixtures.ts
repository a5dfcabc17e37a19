// Small hand-made programmes for tests: one organisation, one published project over
// July–October 2011, two sites in real places with their area communes, and helpers that insert
// field records with sensible defaults.
import type { Db } from "../db/connection.js";
import { newId } from "../lib/ids.js";
import { findPlaceByCode, listChildPlaces } from "../places/queries.js";
import { loadReferencePlaces } from "../places/service.js";

export interface SiteFixture {
  id: string;
  code: string;
  communes: string[];
}

export interface ProjectFixture {
  projectId: string;
  slug: string;
  organisationId: string;
  /** Site A: Điện Biên Phủ city (9 communes in area, estimate 100). */
  siteA: SiteFixture;
  /** Site B: Tuần Giáo district (first 4 communes in area, estimate 50). */
  siteB: SiteFixture;
  staffA: string;
  staffB: string;
}

async function district(db: Db, code: string) {
  const place = await findPlaceByCode(db, "district", code, "2011-07-01");
  if (!place) throw new Error(`district ${code} missing from reference places`);
  return { place, communes: (await listChildPlaces(db, place.id, "2011-07-01")).map((c) => c.id) };
}

export async function insertProjectFixture(db: Db, slug = "test-project"): Promise<ProjectFixture> {
  await loadReferencePlaces(db);
  const organisation = await db
    .insertInto("organisations")
    .values({
      slug: `org-${slug}`,
      short_name: "ORG",
      name_vi: "Tổ chức thử",
      name_en: "Test organisation",
      kind: "implementer",
      website: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const project = await db
    .insertInto("projects")
    .values({
      slug,
      implementer_id: organisation.id,
      status: "published",
      starts_on: "2011-07-01",
      ends_on: "2011-10-31",
      published_on: "2011-11-15",
      name_vi: "Dự án thử",
      name_en: "Test project",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const city = await district(db, "094");
  const tuanGiao = await district(db, "099");
  const makeSite = async (code: string, placeId: string, communes: string[], estimate: number) => {
    const site = await db
      .insertInto("sites")
      .values({
        project_id: project.id,
        place_id: placeId,
        code,
        name_vi: `Địa bàn ${code}`,
        name_en: `Site ${code}`,
        population_size_estimate: estimate,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("site_communes")
      .values(communes.map((place_id) => ({ site_id: site.id, place_id })))
      .execute();
    return { id: site.id, code, communes };
  };
  const siteA = await makeSite("A", city.place.id, city.communes, 100);
  const siteB = await makeSite("B", tuanGiao.place.id, tuanGiao.communes.slice(0, 4), 50);
  const makeStaff = async (name: string, siteId: string) => {
    const staff = await db
      .insertInto("staff")
      .values({
        organisation_id: organisation.id,
        display_name: name,
        role: "outreach_worker",
        starts_on: "2011-06-01",
        ends_on: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("staff_sites").values({ staff_id: staff.id, site_id: siteId }).execute();
    return staff.id;
  };
  return {
    projectId: project.id,
    slug,
    organisationId: organisation.id,
    siteA,
    siteB,
    staffA: await makeStaff("Worker A", siteA.id),
    staffB: await makeStaff("Worker B", siteB.id),
  };
}

const voided = (reason: string | undefined) =>
  reason ? { voided_at: new Date("2011-11-01T00:00:00Z"), void_reason: reason } : {};

let uicCounter = 0;

export async function insertClient(
  db: Db,
  site: SiteFixture,
  options: { birthYear?: number; sex?: "female" | "male"; voided?: string } = {},
) {
  uicCounter += 1;
  const id = newId();
  await db
    .insertInto("clients")
    .values({
      id,
      site_id: site.id,
      uic: `TEST${String(uicCounter).padStart(6, "0")}`,
      sex: options.sex ?? "female",
      birth_year: options.birthYear ?? 1985,
      population_group: "partner_pwud",
      home_commune_id: site.communes[0] ?? null,
      name_encrypted: null,
      phone_encrypted: null,
      registered_on: "2011-07-01",
      created_by: null,
      ...voided(options.voided),
    })
    .execute();
  return id;
}

export async function insertContact(
  db: Db,
  site: SiteFixture,
  clientId: string,
  date: string,
  options: { communeId?: string | null; voided?: string } = {},
) {
  const id = newId();
  await db
    .insertInto("contacts")
    .values({
      id,
      site_id: site.id,
      client_id: clientId,
      staff_id: null,
      contact_date: date,
      commune_id: options.communeId === undefined ? (site.communes[0] ?? null) : options.communeId,
      created_by: null,
      ...voided(options.voided),
    })
    .execute();
  return id;
}

export async function insertGroupSession(
  db: Db,
  site: SiteFixture,
  date: string,
  attendees: string[],
  options: { voided?: string } = {},
) {
  const id = newId();
  await db
    .insertInto("group_sessions")
    .values({
      id,
      site_id: site.id,
      held_on: date,
      commune_id: site.communes[0] ?? null,
      facilitator_id: null,
      created_by: null,
      ...voided(options.voided),
    })
    .execute();
  for (const clientId of attendees) {
    await db
      .insertInto("group_attendances")
      .values({
        id: newId(),
        site_id: site.id,
        session_id: id,
        client_id: clientId,
        created_by: null,
      })
      .execute();
  }
  return id;
}

export async function insertReferral(
  db: Db,
  site: SiteFixture,
  clientId: string,
  options: {
    service?: "hiv_test" | "sti" | "mmt" | "art" | "prep" | "srh";
    referredOn?: string;
    arrivedOn?: string | null;
    /** A test's result, recorded on `resultOn` (default: the day of arrival). */
    result?: "negative" | "positive" | "indeterminate";
    resultOn?: string;
    voided?: string;
  } = {},
) {
  const id = newId();
  await db
    .insertInto("referrals")
    .values({
      id,
      site_id: site.id,
      client_id: clientId,
      referred_by: null,
      service: options.service ?? "hiv_test",
      referred_on: options.referredOn ?? "2011-07-10",
      arrived_on: options.arrivedOn === undefined ? "2011-07-12" : options.arrivedOn,
      result: options.result ?? null,
      result_on: options.result
        ? (options.resultOn ?? (options.arrivedOn === undefined ? "2011-07-12" : options.arrivedOn))
        : null,
      created_by: null,
      ...voided(options.voided),
    })
    .execute();
  return id;
}

export async function insertDistribution(
  db: Db,
  site: SiteFixture,
  quantity: number,
  options: { item?: "condom" | "lubricant"; date?: string; voided?: string } = {},
) {
  await db
    .insertInto("commodity_distributions")
    .values({
      id: newId(),
      site_id: site.id,
      item: options.item ?? "condom",
      quantity,
      distributed_on: options.date ?? "2011-08-01",
      client_id: null,
      contact_id: null,
      group_session_id: null,
      staff_id: null,
      created_by: null,
      ...voided(options.voided),
    })
    .execute();
}

export async function insertTraining(
  db: Db,
  fixture: ProjectFixture,
  participants: string[],
  options: {
    kind?: "initial" | "coaching";
    site?: SiteFixture;
    date?: string;
    voided?: string;
  } = {},
) {
  const id = newId();
  const date = options.date ?? "2011-07-05";
  await db
    .insertInto("trainings")
    .values({
      id,
      project_id: fixture.projectId,
      site_id: options.site?.id ?? null,
      kind: options.kind ?? "initial",
      title: "Training",
      starts_on: date,
      ends_on: date,
      created_by: null,
      ...voided(options.voided),
    })
    .execute();
  for (const staffId of participants) {
    await db
      .insertInto("training_participants")
      .values({ id: newId(), training_id: id, staff_id: staffId, created_by: null })
      .execute();
  }
  return id;
}

/**
 * A small programme with known figures for report tests (July–October 2011):
 * - site A: 5 women born 1985 (25-29), each contacted on 4 July and 15 August, and 2 men born 1993
 *   (15-19) contacted on 4 July; 3 of the women referred to HIV testing and arrived; the first 6
 *   clients at one group meeting on 20 July; 1,234 condoms on 1 August;
 * - site B: 2 women born 1990 (20-24) contacted on 5 September; 100 condoms on 1 September;
 * - one initial training on 5 July with both workers.
 * So: people reached 9 (A 7, B 2; women 7, men 2), contacts 14 (July 7, August 5, September 2),
 * 1 group meeting with 6 attendances, 3 visits to HIV testing, 1,334 condoms, 2 people trained.
 */
export async function insertReportRecords(db: Db, fixture: ProjectFixture): Promise<void> {
  const { siteA, siteB } = fixture;
  const womenA: string[] = [];
  for (let i = 0; i < 5; i += 1) {
    const client = await insertClient(db, siteA, { sex: "female", birthYear: 1985 });
    await insertContact(db, siteA, client, "2011-07-04");
    await insertContact(db, siteA, client, "2011-08-15");
    womenA.push(client);
  }
  const menA: string[] = [];
  for (let i = 0; i < 2; i += 1) {
    const client = await insertClient(db, siteA, { sex: "male", birthYear: 1993 });
    await insertContact(db, siteA, client, "2011-07-04");
    menA.push(client);
  }
  for (const client of womenA.slice(0, 3)) await insertReferral(db, siteA, client);
  await insertGroupSession(db, siteA, "2011-07-20", [...womenA, ...menA].slice(0, 6));
  await insertDistribution(db, siteA, 1234, { date: "2011-08-01" });
  for (let i = 0; i < 2; i += 1) {
    const client = await insertClient(db, siteB, { sex: "female", birthYear: 1990 });
    await insertContact(db, siteB, client, "2011-09-05");
  }
  await insertDistribution(db, siteB, 100, { date: "2011-09-01" });
  await insertTraining(db, fixture, [fixture.staffA, fixture.staffB]);
}
