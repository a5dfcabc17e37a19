// Draws every row of the demo data set in memory, from fixed seeds: the same reference places
// give the same rows (ids included) on every run. Nothing here touches the database.
import type { Insertable } from "kysely";
import type { DB } from "../db/schema.js";
import { buildClients, type DemoClient } from "./clients.js";
import { buildContacts, buildCrossSiteContact } from "./contacts.js";
import { buildDistributions } from "./distributions.js";
import { buildGroupSessions } from "./group-sessions.js";
import { buildOrganisations } from "./organisations.js";
import { condomsTotal, crossSiteClient, sitePlans } from "./plan.js";
import { randomFor } from "./random.js";
import { buildReferrals } from "./referrals.js";
import { buildSites, type DemoDistrict } from "./sites.js";
import { buildTeam } from "./staff.js";
import { buildSupervisionVisits } from "./supervision.js";
import { buildTrainings } from "./trainings.js";
import { buildTraps } from "./traps.js";

/** The tables the demo fills, in an order that satisfies their foreign keys. */
export const demoTables = [
  "organisations",
  "projects",
  "project_organisations",
  "sites",
  "site_communes",
  "staff",
  "staff_sites",
  "clients",
  "contacts",
  "group_sessions",
  "group_attendances",
  "referrals",
  "commodity_distributions",
  "trainings",
  "training_participants",
  "supervision_visits",
] as const satisfies readonly (keyof DB)[];
export type DemoTable = (typeof demoTables)[number];

export type DemoRows = { [T in DemoTable]: Insertable<DB[T]>[] };

export function buildDemoRows(districts: readonly DemoDistrict[]): DemoRows {
  const { organisations, project, projectOrganisations, implementerId } = buildOrganisations(
    randomFor("organisations"),
  );
  const {
    sites,
    rows: siteRows,
    communeRows,
  } = buildSites(randomFor("sites"), project.id, sitePlans, districts);
  const team = buildTeam(randomFor("staff"), implementerId, sites);

  const uics = new Set<string>();
  const clientsBySite = new Map(
    sites.map((site) => [site, buildClients(randomFor(`clients:${site.plan.code}`), site, uics)]),
  );
  const clients: DemoClient[] = [...clientsBySite.values()].flat();
  const contacts = sites.flatMap((site) =>
    buildContacts(randomFor(`contacts:${site.plan.code}`), site, clientsBySite.get(site)!, team),
  );
  const home = sites.find((s) => s.plan.code === crossSiteClient.homeSite)!;
  const away = sites.find((s) => s.plan.code === crossSiteClient.alsoContactedAt)!;
  contacts.push(
    buildCrossSiteContact(
      randomFor("contacts:cross-site"),
      contacts.filter((c) => c.site === home),
      away,
      team,
    ),
  );
  const sessions = sites.flatMap((site) =>
    buildGroupSessions(
      randomFor(`sessions:${site.plan.code}`),
      site,
      clientsBySite.get(site)!,
      team,
    ),
  );
  const referrals = sites.flatMap((site) =>
    buildReferrals(randomFor(`referrals:${site.plan.code}`), site, contacts),
  );
  const distributions = buildDistributions(
    randomFor("distributions"),
    contacts,
    sessions,
    condomsTotal,
  );
  const trainings = buildTrainings(randomFor("trainings"), project.id, sites, team);
  const traps = buildTraps(randomFor("traps"), {
    sites,
    team,
    contacts,
    sessions,
    referrals,
    distributions,
  });

  return {
    organisations,
    projects: [project],
    project_organisations: projectOrganisations,
    sites: siteRows,
    site_communes: communeRows,
    staff: team.rows,
    staff_sites: team.siteRows,
    clients: [...clients.map((c) => c.row), ...traps.clients],
    contacts: [...contacts, ...traps.contacts].map((c) => c.row),
    group_sessions: sessions.map((s) => s.row),
    group_attendances: [...sessions.flatMap((s) => s.attendanceRows), ...traps.attendances],
    referrals: [...referrals, ...traps.referrals].map((r) => r.row),
    commodity_distributions: [...distributions, ...traps.distributions],
    trainings: trainings.rows,
    training_participants: trainings.participantRows,
    supervision_visits: buildSupervisionVisits(randomFor("supervision"), sites),
  };
}
