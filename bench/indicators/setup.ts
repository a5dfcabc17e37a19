// The programme's frame: its organisations, one published project, 60 sites on reference places,
// each with 5–15 communes in its area and a population size estimate, and the team (~300 staff).
//
// Places: the reference data (src/places) holds Điện Biên's 9 districts, and communes for 3 of
// them (42). A project may have one site per place (unique (project_id, place_id)), so sites 1–51
// sit on the 9 districts and the 42 communes, and the other 9 on synthetic districts of a synthetic
// province (code 99, "… (benchmark)"), added to this benchmark database only. Areas are drawn from
// the 42 real communes, the site's own district's first, so neighbouring sites share communes.
import { sql } from "kysely";
import type { Db } from "../../src/db/connection.js";
import type { StaffRole } from "../../src/db/schema.js";
import type { Random } from "../../src/demo/random.js";
import { loadReferencePlaces } from "../../src/places/service.js";
import { FIRST_DATE, idAt, LAST_DATE, momentOfDay, normal, WeightedIndex } from "./calendar.js";
import type { ProgrammeSize } from "./size.js";

export const BENCH_PROJECT_SLUG = "chuong-trinh-lon";

export interface BenchSite {
  id: string;
  code: string;
  /** Share of the programme's clients who live in its area. */
  weight: number;
  /** Indexes into Programme.communes. */
  area: number[];
  areaPick: WeightedIndex;
  coordinator: number;
  /** Indexes into Programme.staff. */
  workers: number[];
  supervisors: number[];
}

export interface BenchStaff {
  id: string;
  role: StaffRole;
  sites: number[];
}

export interface Programme {
  size: ProgrammeSize;
  projectId: string;
  organisationId: string;
  /** Place ids of the communes that sites' areas use. */
  communes: string[];
  sites: BenchSite[];
  sitePick: WeightedIndex;
  staff: BenchStaff[];
}

interface PlaceRow {
  id: string;
  code: string;
  level: string;
  name: string;
  parent_id: string | null;
}

/** Days before the programme: when the frame was entered. */
const SET_UP_DAY = -30;

async function readPlaces(db: Db) {
  await loadReferencePlaces(db);
  const { rows } = await sql<PlaceRow>`
    select id, code, level, name, parent_id from places
     where level in ('district', 'commune') order by level desc, code`.execute(db);
  const districts = rows.filter((p) => p.level === "district");
  const communes = rows.filter((p) => p.level === "commune");
  if (communes.length < 15) throw new Error("the reference places hold too few communes");
  return { districts, communes };
}

async function addSyntheticDistricts(db: Db, count: number): Promise<PlaceRow[]> {
  if (count <= 0) return [];
  const province = await sql<{ id: string }>`
    insert into places (code, level, kind, name) values ('99', 'province', 'tỉnh', 'Tỉnh mô phỏng (benchmark)')
    returning id`.execute(db);
  const provinceId = province.rows[0]!.id;
  const { rows } = await sql<PlaceRow>`
    insert into places (code, level, kind, name, parent_id)
    select (990 + n)::text, 'district', 'huyện', 'Huyện mô phỏng ' || n || ' (benchmark)', ${provinceId}::uuid
      from generate_series(1, ${count}::int) as n
    returning id, code, level, name, parent_id`.execute(db);
  return rows;
}

/** The site's area: communes of its own district first, then any. */
function drawArea(random: Random, place: PlaceRow, communes: PlaceRow[]): number[] {
  const district = place.level === "district" ? place.id : place.parent_id;
  const all = communes.map((_, i) => i);
  const own = random.shuffle(all.filter((i) => communes[i]!.parent_id === district));
  const others = random.shuffle(all.filter((i) => communes[i]!.parent_id !== district));
  const self = communes.findIndex((c) => c.id === place.id);
  const ordered =
    self >= 0 ? [self, ...own.filter((i) => i !== self), ...others] : [...own, ...others];
  return ordered.slice(0, random.int(5, 15));
}

export async function setUpProgramme(
  db: Db,
  size: ProgrammeSize,
  random: Random,
): Promise<Programme> {
  const { districts, communes } = await readPlaces(db);
  const real = [...districts, ...communes];
  const places = [...real, ...(await addSyntheticDistricts(db, size.sites - real.length))];
  const setUpMs = () => momentOfDay(random, SET_UP_DAY);

  const organisations = [
    [
      "to-chuc-thuc-hien",
      "TCTH",
      "Tổ chức thực hiện (benchmark)",
      "Implementer (benchmark)",
      "implementer",
    ],
    ["nha-tai-tro", "NTT", "Nhà tài trợ (benchmark)", "Donor (benchmark)", "sponsor"],
    [
      "trung-tam-aids",
      "TTAIDS",
      "Trung tâm Phòng chống HIV/AIDS tỉnh (benchmark)",
      "Provincial AIDS Centre (benchmark)",
      "government_partner",
    ],
  ] as const;
  const organisationIds = organisations.map(() => idAt(random, setUpMs()));
  await db
    .insertInto("organisations")
    .values(
      organisations.map(([slug, short_name, name_vi, name_en, kind], i) => ({
        id: organisationIds[i],
        slug,
        short_name,
        name_vi,
        name_en,
        kind,
      })),
    )
    .execute();
  const organisationId = organisationIds[0]!;
  const projectId = idAt(random, setUpMs());
  await db
    .insertInto("projects")
    .values({
      id: projectId,
      slug: BENCH_PROJECT_SLUG,
      implementer_id: organisationId,
      status: "published",
      starts_on: FIRST_DATE,
      ends_on: LAST_DATE,
      published_on: FIRST_DATE,
      name_vi: "Chương trình dự phòng HIV quy mô lớn (dữ liệu benchmark)",
      name_en: "Large HIV prevention programme (benchmark data)",
      summary_vi: "Dữ liệu sinh tự động để đo tốc độ các chỉ số.",
      summary_en: "Generated data for timing the indicators.",
    })
    .execute();
  await db
    .insertInto("project_organisations")
    .values([
      { project_id: projectId, organisation_id: organisationIds[1]!, role: "sponsor" },
      { project_id: projectId, organisation_id: organisationIds[2]!, role: "government_partner" },
    ])
    .execute();

  const sites: BenchSite[] = [];
  for (let s = 0; s < size.sites; s++) {
    const area = drawArea(random, places[s]!, communes);
    sites.push({
      id: idAt(random, setUpMs()),
      code: `S${String(s + 1).padStart(2, "0")}`,
      weight: Math.exp(normal(random, 0, 0.5)),
      area,
      areaPick: new WeightedIndex(area.map(() => 0.2 + random.float())),
      coordinator: -1,
      workers: [],
      supervisors: [],
    });
  }
  const totalWeight = sites.reduce((sum, s) => sum + s.weight, 0);
  await db
    .insertInto("sites")
    .values(
      sites.map((site, s) => {
        const expectedClients = (size.clients * site.weight) / totalWeight;
        return {
          id: site.id,
          project_id: projectId,
          place_id: places[s]!.id,
          code: site.code,
          name_vi: `Nhóm ${places[s]!.name}`,
          name_en: `${places[s]!.name} team`,
          population_size_estimate:
            Math.round((expectedClients * (1.4 + 1.6 * random.float())) / 10) * 10,
        };
      }),
    )
    .execute();
  await db
    .insertInto("site_communes")
    .values(
      sites.flatMap((site) =>
        site.area.map((c) => ({ site_id: site.id, place_id: communes[c]!.id })),
      ),
    )
    .execute();

  const staff = buildTeam(random, size, sites, setUpMs);
  await db
    .insertInto("staff")
    .values(
      staff.map((member, i) => ({
        id: member.id,
        organisation_id: organisationId,
        display_name: `${roleNames[member.role]} ${i + 1}`,
        role: member.role,
        starts_on: "2020-12-01",
      })),
    )
    .execute();
  await db
    .insertInto("staff_sites")
    .values(staff.flatMap((m) => m.sites.map((s) => ({ staff_id: m.id, site_id: sites[s]!.id }))))
    .execute();

  return {
    size,
    projectId,
    organisationId,
    communes: communes.map((c) => c.id),
    sites,
    sitePick: new WeightedIndex(sites.map((s) => s.weight)),
    staff,
  };
}

/** Staff appear by role and number, never by invented personal names. */
const roleNames: Record<StaffRole, string> = {
  outreach_worker: "Tiếp cận viên",
  coordinator: "Điều phối viên",
  supervisor: "Giám sát viên",
  programme_officer: "Cán bộ chương trình",
};

/**
 * One coordinator per site, outreach workers in proportion to the site's size (at least two),
 * supervisors who each cover a run of neighbouring sites, programme officers over every site.
 */
function buildTeam(
  random: Random,
  size: ProgrammeSize,
  sites: BenchSite[],
  at: () => number,
): BenchStaff[] {
  const staff: BenchStaff[] = [];
  const add = (role: StaffRole, siteIndexes: number[]) => {
    staff.push({ id: idAt(random, at()), role, sites: siteIndexes });
    return staff.length - 1;
  };
  const totalWeight = sites.reduce((sum, s) => sum + s.weight, 0);
  const spare = size.workers - 2 * sites.length;
  sites.forEach((site, s) => {
    site.coordinator = add("coordinator", [s]);
    const workers = 2 + Math.round((spare * site.weight) / totalWeight);
    for (let w = 0; w < workers; w++) site.workers.push(add("outreach_worker", [s]));
  });
  const perSupervisor = Math.ceil(sites.length / size.supervisors);
  for (let v = 0; v < size.supervisors; v++) {
    const covered = sites.map((_, s) => s).filter((s) => Math.floor(s / perSupervisor) === v);
    const id = add("supervisor", covered);
    for (const s of covered) sites[s]!.supervisors.push(id);
  }
  const all = sites.map((_, s) => s);
  for (let o = 0; o < size.programmeOfficers; o++) add("programme_officer", all);
  return staff;
}
