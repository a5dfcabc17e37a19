// Records that must not count, as real data always holds them: entries voided by the workers who
// made them (a contact entered twice, one in the wrong commune, a client registered twice, a
// duplicate attendance, referral and hand-out), and follow-ups just after the period. Indicators
// that forget to filter voided records or the period give wrong figures on these.
import type { Insertable } from "kysely";
import type { ClientsTable, GroupAttendancesTable } from "../db/schema.js";
import { addDays, drawFieldDate, period } from "./calendar.js";
import type { DemoClient } from "./clients.js";
import { contactRow, type DemoContact } from "./contacts.js";
import { type DistributionRow, distributionAtContact } from "./distributions.js";
import type { DemoGroupSession } from "./group-sessions.js";
import type { Random } from "./random.js";
import { type DemoReferral, referralRow } from "./referrals.js";
import { type DemoSite, drawCommune } from "./sites.js";
import { type DemoTeam, drawWorker } from "./staff.js";
import { stamp, stampAfter, voided } from "./stamp.js";

export interface TrapInput {
  sites: readonly DemoSite[];
  team: DemoTeam;
  contacts: readonly DemoContact[];
  sessions: readonly DemoGroupSession[];
  referrals: readonly DemoReferral[];
  distributions: readonly DistributionRow[];
}

export interface Traps {
  clients: Insertable<ClientsTable>[];
  contacts: DemoContact[];
  attendances: Insertable<GroupAttendancesTable>[];
  referrals: DemoReferral[];
  distributions: DistributionRow[];
}

/** Records voided the day after they were made must be made before the last day of the period. */
const beforeLastDay = (date: string | null | undefined): boolean => !!date && date < period.to;

function siteOf(sites: readonly DemoSite[], code: string): DemoSite {
  const site = sites.find((s) => s.plan.code === code);
  if (!site) throw new Error(`no site ${code}`);
  return site;
}

/** A copy of a contact saved again a few minutes later (perhaps with another commune), voided the next day. */
function enteredTwice(
  random: Random,
  original: DemoContact,
  reason: string,
  communeId?: string,
): DemoContact {
  const copy = contactRow(
    random,
    original.client,
    {
      site: original.site,
      staff: original.staff,
      date: original.date,
      communeId: communeId ?? original.row.commune_id!,
      stamp: stampAfter(random, original.createdAt, random.int(3, 20)),
    },
    false,
  );
  copy.row = {
    ...copy.row,
    topics: original.row.topics,
    ...voided(random, addDays(original.date, 1), reason),
  };
  return copy;
}

function voidedContacts(random: Random, input: TrapInput): DemoContact[] {
  const pickAt = (site: DemoSite) =>
    random.pick(input.contacts.filter((c) => c.site === site && beforeLastDay(c.date)));
  const district = siteOf(input.sites, "DB");
  const uncovered = district.area.filter((a) => !district.covered.some((c) => c.id === a.id));
  return [
    enteredTwice(random, pickAt(siteOf(input.sites, "DBP")), "entered twice"),
    enteredTwice(random, pickAt(siteOf(input.sites, "TG")), "entered twice"),
    enteredTwice(random, pickAt(district), "wrong commune", random.pick(uncovered).id),
  ];
}

/** A Tuần Giáo client registered again by another worker a few days later, under the same UIC. */
function duplicateRegistration(
  random: Random,
  input: TrapInput,
): { client: DemoClient; contact: DemoContact } {
  const tuanGiao = siteOf(input.sites, "TG");
  const first = random.pick(
    input.contacts.filter((c) => c.site === tuanGiao && c.date <= "2011-10-15"),
  );
  const againOn = drawFieldDate(random, addDays(first.date, 2), addDays(first.date, 10));
  const saved = stamp(random, againOn);
  const client: DemoClient = {
    ...first.client,
    id: saved.id,
    firstContactOn: againOn,
    row: {
      ...first.client.row,
      ...saved,
      registered_on: againOn,
      ...voided(random, addDays(againOn, 3), "duplicate client registration"),
    },
  };
  const contact = contactRow(
    random,
    client,
    {
      site: tuanGiao,
      staff: drawWorker(random, input.team, tuanGiao, againOn),
      date: againOn,
      communeId: client.home.id,
      stamp: stampAfter(random, saved.created_at, 2),
    },
    true,
  );
  contact.row = {
    ...contact.row,
    ...voided(random, addDays(againOn, 3), "client registered twice"),
  };
  return { client, contact };
}

function voidedAttendance(random: Random, sessions: readonly DemoGroupSession[]) {
  const session = random.pick(sessions);
  return {
    ...random.pick(session.attendanceRows),
    ...stampAfter(random, session.createdAt, 45),
    ...voided(random, addDays(session.heldOn, 1), "entered twice"),
  };
}

function voidedTest(random: Random, referrals: readonly DemoReferral[]): DemoReferral {
  const test = random.pick(
    referrals.filter((r) => r.row.result === "negative" && beforeLastDay(r.row.arrived_on)),
  );
  const again = referralRow(random, test.contact, "hiv_test", test.row.referred_on, {
    arrivedOn: test.row.arrived_on!,
    result: "negative",
  });
  again.row = {
    ...again.row,
    ...voided(random, addDays(test.row.arrived_on!, 1), "entered twice"),
  };
  return again;
}

function voidedHandOut(random: Random, input: TrapInput): DistributionRow {
  const handOut = random.pick(
    input.distributions.filter(
      (d) => d.item === "condom" && d.contact_id && beforeLastDay(d.distributed_on),
    ),
  );
  const contact = input.contacts.find((c) => c.id === handOut.contact_id)!;
  return {
    ...distributionAtContact(random, contact, "condom", handOut.quantity),
    ...voided(random, addDays(contact.date, 1), "entered twice"),
  };
}

/** Follow-ups in the first week after the period, one at each site. */
function followUpsAfter(random: Random, input: TrapInput): DemoContact[] {
  return input.sites.map((site) => {
    const client = random.pick(
      input.contacts.filter((c) => c.site === site && c.client.site === site),
    ).client;
    const date = drawFieldDate(random, addDays(period.to, 1), addDays(period.to, 8));
    const staff = drawWorker(random, input.team, site, date);
    const communeId = drawCommune(random, site).id;
    return contactRow(
      random,
      client,
      { site, staff, date, communeId, stamp: stamp(random, date) },
      false,
    );
  });
}

/** Referred to testing at the end of October, tested in November: not a VCT visit of the period. */
function testedAfter(random: Random, input: TrapInput): DemoReferral {
  const tested = new Set(
    input.referrals.filter((r) => r.service === "hiv_test").map((r) => r.client),
  );
  const late = random.pick(
    input.contacts.filter(
      (c) => c.date >= "2011-10-24" && c.date <= period.to && !tested.has(c.client),
    ),
  );
  return referralRow(random, late, "hiv_test", late.date, {
    arrivedOn: addDays(period.to, random.int(2, 6)),
    result: "negative",
  });
}

export function buildTraps(random: Random, input: TrapInput): Traps {
  const duplicate = duplicateRegistration(random, input);
  const followUps = followUpsAfter(random, input);
  return {
    clients: [duplicate.client.row],
    contacts: [...voidedContacts(random, input), duplicate.contact, ...followUps],
    attendances: [voidedAttendance(random, input.sessions)],
    referrals: [voidedTest(random, input.referrals), testedAfter(random, input)],
    distributions: [
      voidedHandOut(random, input),
      distributionAtContact(random, followUps.at(-1)!, "condom", 4),
    ],
  };
}
