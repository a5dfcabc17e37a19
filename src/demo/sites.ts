// The project's three sites, each working in one district as it was in 2011: its area is every
// commune of the district valid at the start of the project, of which the team covered some.
import type { Insertable } from "kysely";
import type { Db } from "../db/connection.js";
import type { SiteCommunesTable, SitesTable } from "../db/schema.js";
import { findPlaceByCode, listChildPlaces } from "../places/queries.js";
import { period } from "./calendar.js";
import { setUpDate } from "./organisations.js";
import type { SitePlan } from "./plan.js";
import type { Random } from "./random.js";
import { stamp } from "./stamp.js";

export interface DemoCommune {
  id: string;
  code: string;
  weight: number;
}

export interface DemoDistrict {
  id: string;
  code: string;
  /** Communes valid on the first day of the project, by code. */
  communes: { id: string; code: string }[];
}

export interface DemoSite {
  id: string;
  plan: SitePlan;
  /** Every commune of the site's district in 2011: its catchment area. */
  area: { id: string; code: string }[];
  /** The communes where the team worked, with how much of its work happened in each. */
  covered: DemoCommune[];
}

/** The districts of the plan and their communes, as loaded by the places module. */
export async function readDistricts(db: Db, plans: readonly SitePlan[]): Promise<DemoDistrict[]> {
  const districts: DemoDistrict[] = [];
  for (const plan of plans) {
    const district = await findPlaceByCode(db, "district", plan.districtCode, period.from);
    if (!district) {
      throw new Error(`district ${plan.districtCode} is missing: load the reference places first`);
    }
    const communes = await listChildPlaces(db, district.id, period.from);
    districts.push({
      id: district.id,
      code: plan.districtCode,
      communes: communes.map((c) => ({ id: c.id, code: c.code })),
    });
  }
  return districts;
}

export interface DemoSites {
  sites: DemoSite[];
  rows: Insertable<SitesTable>[];
  communeRows: Insertable<SiteCommunesTable>[];
}

export function buildSites(
  random: Random,
  projectId: string,
  plans: readonly SitePlan[],
  districts: readonly DemoDistrict[],
): DemoSites {
  const result: DemoSites = { sites: [], rows: [], communeRows: [] };
  for (const plan of plans) {
    const district = districts.find((d) => d.code === plan.districtCode);
    if (!district) throw new Error(`district ${plan.districtCode} was not read`);
    const id = stamp(random, setUpDate).id;
    const covered = plan.coveredCommunes.map(([code, weight]) => {
      const commune = district.communes.find((c) => c.code === code);
      if (!commune) throw new Error(`commune ${code} is not in district ${district.code} in 2011`);
      return { id: commune.id, code, weight };
    });
    result.sites.push({ id, plan, area: district.communes, covered });
    result.rows.push({
      id,
      project_id: projectId,
      place_id: district.id,
      code: plan.code,
      name_vi: plan.name.vi,
      name_en: plan.name.en,
      population_size_estimate: plan.populationSizeEstimate,
    });
    for (const commune of district.communes) {
      result.communeRows.push({ site_id: id, place_id: commune.id });
    }
  }
  return result;
}

/** A commune where the site worked, busier communes more often. */
export function drawCommune(random: Random, site: DemoSite): DemoCommune {
  return random.weighted(site.covered, (c) => c.weight);
}
