// Outreach contacts: every client's first contact (the day they were registered, at home), a few
// second contacts, and the one Điện Biên district client whom the city team met as well.
import type { Insertable } from "kysely";
import type { ContactsTable, DateString } from "../db/schema.js";
import { addDays, drawFieldDate, earlier, period } from "./calendar.js";
import type { DemoClient } from "./clients.js";
import type { Random } from "./random.js";
import { type DemoSite, drawCommune } from "./sites.js";
import { type DemoStaff, type DemoTeam, drawWorker } from "./staff.js";
import { type Stamp, stamp, stampAfter } from "./stamp.js";

export interface DemoContact {
  id: string;
  client: DemoClient;
  site: DemoSite;
  staff: DemoStaff;
  date: DateString;
  createdAt: Date;
  row: Insertable<ContactsTable>;
}

/** What a contact covered, in the order a worker's form lists them. */
const topicOrder = ["hiv_prevention", "condom_use", "hiv_testing", "sti", "srh", "mmt"] as const;

function drawTopics(random: Random, client: DemoClient, first: boolean): string[] {
  const chances: Record<(typeof topicOrder)[number], number> = {
    hiv_prevention: first ? 1 : 0.5,
    condom_use: 0.7,
    hiv_testing: first ? 0.8 : 0.4,
    sti: 0.25,
    srh: client.sex === "female" ? 0.3 : 0,
    mmt: client.populationGroup === "partner_pwud" ? 0.2 : 0.7,
  };
  const topics = topicOrder.filter((topic) => random.chance(chances[topic]));
  return topics.length > 0 ? topics : ["hiv_prevention"];
}

export function contactRow(
  random: Random,
  client: DemoClient,
  at: { site: DemoSite; staff: DemoStaff; date: DateString; communeId: string; stamp: Stamp },
  first: boolean,
): DemoContact {
  return {
    id: at.stamp.id,
    client,
    site: at.site,
    staff: at.staff,
    date: at.date,
    createdAt: at.stamp.created_at,
    row: {
      ...at.stamp,
      site_id: at.site.id,
      client_id: client.id,
      staff_id: at.staff.id,
      contact_date: at.date,
      commune_id: at.communeId,
      topics: drawTopics(random, client, first),
      created_by: null,
      voided_at: null,
      void_reason: null,
    },
  };
}

/** A date for a follow-up one to six weeks after `date`, within the period. */
function drawFollowUpDate(random: Random, date: DateString): DateString {
  return drawFieldDate(random, addDays(date, 7), earlier(addDays(date, 42), period.to));
}

/** The site's contacts: one per client on registration, then the planned second contacts. */
export function buildContacts(
  random: Random,
  site: DemoSite,
  clients: readonly DemoClient[],
  team: DemoTeam,
): DemoContact[] {
  const firsts = clients.map((client) =>
    contactRow(
      random,
      client,
      {
        site,
        staff: drawWorker(random, team, site, client.firstContactOn),
        date: client.firstContactOn,
        communeId: client.home.id,
        stamp: stampAfter(random, client.row.created_at, random.int(1, 6)),
      },
      true,
    ),
  );
  const followable = clients.filter((c) => c.firstContactOn <= addDays(period.to, -10));
  const seconds = random.sample(followable, site.plan.secondContacts).map((client) => {
    const date = drawFollowUpDate(random, client.firstContactOn);
    return contactRow(
      random,
      client,
      {
        site,
        staff: drawWorker(random, team, site, date),
        date,
        communeId: (random.chance(0.7) ? client.home : drawCommune(random, site)).id,
        stamp: stamp(random, date),
      },
      false,
    );
  });
  return [...firsts, ...seconds];
}

/**
 * A contact by another site's team (the client came to the city): the client is then counted at
 * both sites and once in the project.
 */
export function buildCrossSiteContact(
  random: Random,
  homeContacts: readonly DemoContact[],
  at: DemoSite,
  team: DemoTeam,
): DemoContact {
  const contactsPerClient = new Map<DemoClient, number>();
  for (const c of homeContacts)
    contactsPerClient.set(c.client, (contactsPerClient.get(c.client) ?? 0) + 1);
  const candidates = [...contactsPerClient]
    .filter(([client, count]) => count === 1 && client.firstContactOn <= "2011-09-30")
    .map(([client]) => client);
  const client = random.pick(candidates);
  const date = drawFollowUpDate(random, client.firstContactOn);
  return contactRow(
    random,
    client,
    {
      site: at,
      staff: drawWorker(random, team, at, date),
      date,
      communeId: drawCommune(random, at).id,
      stamp: stamp(random, date),
    },
    false,
  );
}
