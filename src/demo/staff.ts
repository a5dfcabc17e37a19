// SCDI's field team of the seed project: at each site one coordinator (điều phối viên, ĐPV) and
// outreach workers (tiếp cận viên, TCV), 19 people in all. Staff are shown by role codes, never by
// invented personal names. One Tuần Giáo worker leaves before the end (the seed's turnover).
import type { Insertable } from "kysely";
import type { DateString, StaffRole, StaffSitesTable, StaffTable } from "../db/schema.js";
import { period } from "./calendar.js";
import { setUpDate } from "./organisations.js";
import { departure } from "./plan.js";
import type { Random } from "./random.js";
import type { DemoSite } from "./sites.js";
import { stamp } from "./stamp.js";

export interface DemoStaff {
  id: string;
  site: DemoSite;
  role: StaffRole;
  startsOn: DateString;
  endsOn: DateString | null;
}

export interface DemoTeam {
  staff: DemoStaff[];
  rows: Insertable<StaffTable>[];
  siteRows: Insertable<StaffSitesTable>[];
}

export function buildTeam(
  random: Random,
  organisationId: string,
  sites: readonly DemoSite[],
): DemoTeam {
  const team: DemoTeam = { staff: [], rows: [], siteRows: [] };
  const add = (site: DemoSite, role: StaffRole, displayName: string, endsOn: DateString | null) => {
    const member: DemoStaff = {
      id: stamp(random, setUpDate).id,
      site,
      role,
      startsOn: period.from,
      endsOn,
    };
    team.staff.push(member);
    team.rows.push({
      id: member.id,
      organisation_id: organisationId,
      display_name: displayName,
      role,
      starts_on: member.startsOn,
      ends_on: endsOn,
    });
    team.siteRows.push({ staff_id: member.id, site_id: site.id });
  };
  for (const site of sites) {
    add(site, "coordinator", `ĐPV ${site.plan.shortName}`, null);
    for (let n = 1; n <= site.plan.outreachWorkers; n++) {
      const leaves = site.plan.code === departure.site && n === departure.outreachWorker;
      add(
        site,
        "outreach_worker",
        `TCV ${site.plan.shortName} ${n}`,
        leaves ? departure.lastDay : null,
      );
    }
  }
  return team;
}

function worksOn(member: DemoStaff, date: DateString): boolean {
  return member.startsOn <= date && (member.endsOn === null || date <= member.endsOn);
}

/** The site's staff still working there on a date. */
export function staffOn(team: DemoTeam, site: DemoSite, date: DateString): DemoStaff[] {
  return team.staff.filter((m) => m.site === site && worksOn(m, date));
}

export function coordinatorOf(team: DemoTeam, site: DemoSite): DemoStaff {
  const coordinator = team.staff.find((m) => m.site === site && m.role === "coordinator");
  if (!coordinator) throw new Error(`site ${site.plan.code} has no coordinator`);
  return coordinator;
}

/** Who meets a client on a date: mostly an outreach worker, sometimes the coordinator. */
export function drawWorker(
  random: Random,
  team: DemoTeam,
  site: DemoSite,
  date: DateString,
): DemoStaff {
  const workers = staffOn(team, site, date).filter((m) => m.role === "outreach_worker");
  if (workers.length === 0 || random.chance(0.08)) return coordinatorOf(team, site);
  return random.pick(workers);
}
