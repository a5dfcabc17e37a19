// The clients each site registered: mostly women who are the primary partners of men who use
// drugs, and some of those men, referred through their partners. Each client is registered on
// the day of their first contact, lives in a commune the team covered and is known by a UIC only.
import type { Insertable } from "kysely";
import type { ClientsTable, DateString, PopulationGroup, Sex } from "../db/schema.js";
import { drawFieldDate, period } from "./calendar.js";
import type { Random } from "./random.js";
import { type DemoCommune, type DemoSite, drawCommune } from "./sites.js";
import { stamp } from "./stamp.js";
import { drawUic } from "./uic.js";

export interface DemoClient {
  id: string;
  site: DemoSite;
  sex: Sex;
  populationGroup: PopulationGroup;
  home: DemoCommune;
  firstContactOn: DateString;
  row: Insertable<ClientsTable> & { id: string; created_at: Date };
}

function drawSex(random: Random): Sex {
  return random.chance(0.12) ? "male" : "female";
}

function drawPopulationGroup(random: Random, sex: Sex): PopulationGroup {
  if (sex === "male") return random.chance(0.6) ? "pwid" : "pwud";
  return random.chance(0.04) ? "pwud" : "partner_pwud";
}

/** Most clients were born 1975–1990 (their partners a little earlier); a few are older or younger. */
function drawBirthYear(random: Random, sex: Sex): number {
  const shift = sex === "male" ? -4 : 0;
  if (random.chance(0.8)) return random.int(1975 + shift, 1990 + shift);
  return random.int(1960, 1995 + shift);
}

/**
 * The site's clients, in order of registration. The first few live in each covered commune in
 * turn, so every covered commune has clients; the rest live where the work was busiest.
 */
export function buildClients(random: Random, site: DemoSite, uics: Set<string>): DemoClient[] {
  const drafts = Array.from({ length: site.plan.clients }, (_, i) => {
    const sex = drawSex(random);
    const birthYear = drawBirthYear(random, sex);
    return {
      sex,
      birthYear,
      populationGroup: drawPopulationGroup(random, sex),
      home: site.covered[i] ?? drawCommune(random, site),
      firstContactOn: drawFieldDate(random, site.plan.fieldWorkStarts, period.to),
      uic: drawUic(random, sex, birthYear, uics),
    };
  });
  drafts.sort((a, b) => a.firstContactOn.localeCompare(b.firstContactOn));
  return drafts.map((draft) => {
    const { id, created_at, updated_at } = stamp(random, draft.firstContactOn);
    return {
      id,
      site,
      sex: draft.sex,
      populationGroup: draft.populationGroup,
      home: draft.home,
      firstContactOn: draft.firstContactOn,
      row: {
        id,
        site_id: site.id,
        uic: draft.uic,
        sex: draft.sex,
        birth_year: draft.birthYear,
        population_group: draft.populationGroup,
        home_commune_id: draft.home.id,
        name_encrypted: null,
        phone_encrypted: null,
        registered_on: draft.firstContactOn,
        created_at,
        updated_at,
        created_by: null,
        voided_at: null,
        void_reason: null,
      },
    };
  });
}
