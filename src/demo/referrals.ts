// Referrals made during contacts: HIV testing (VCT) for most clients, STI, methadone (MMT) and
// sexual and reproductive health services for some, and treatment (ART) for those who tested
// positive. A referral is recorded at the contact; its arrival and result are recorded later.
import type { Insertable } from "kysely";
import type { DateString, ReferralsTable, TestResult } from "../db/schema.js";
import { addDays, period, workingTime } from "./calendar.js";
import type { DemoClient } from "./clients.js";
import type { DemoContact } from "./contacts.js";
import type { DemoService } from "./plan.js";
import type { Random } from "./random.js";
import type { DemoSite } from "./sites.js";
import { stamp, stampAfter } from "./stamp.js";

export interface DemoReferral {
  id: string;
  client: DemoClient;
  contact: DemoContact;
  service: DemoService;
  row: Insertable<ReferralsTable> & { created_at: Date };
}

interface Outcome {
  arrivedOn: DateString | null;
  result?: TestResult;
}

/** The date arrival or result was recorded: never before the referral itself was saved. */
function recordedAt(random: Random, date: DateString, createdAt: Date): Date {
  const at = workingTime(random, date);
  return at > createdAt ? at : new Date(createdAt.getTime() + random.int(5, 90) * 60_000);
}

export function referralRow(
  random: Random,
  contact: DemoContact,
  service: DemoService,
  referredOn: DateString,
  outcome: Outcome,
): DemoReferral {
  // Made during the contact, or (treatment) on a later day when the test result came back.
  const saved =
    referredOn === contact.date
      ? stampAfter(random, contact.createdAt, random.int(2, 10))
      : stamp(random, referredOn);
  const resultOn = outcome.result ? outcome.arrivedOn : null;
  const lastChange = resultOn ?? outcome.arrivedOn;
  return {
    id: saved.id,
    client: contact.client,
    contact,
    service,
    row: {
      ...saved,
      updated_at: lastChange ? recordedAt(random, lastChange, saved.created_at) : saved.created_at,
      site_id: contact.site.id,
      client_id: contact.client.id,
      referred_by: contact.staff.id,
      service,
      facility: contact.site.plan.facilities[service],
      referred_on: referredOn,
      arrived_on: outcome.arrivedOn,
      result: outcome.result ?? null,
      result_on: resultOn,
      created_by: null,
      voided_at: null,
      void_reason: null,
    },
  };
}

/** Days from referral to the testing room: many the same day (mobile VCT), most within a week. */
function drawDelay(random: Random): number {
  const delays = [0, 1, 2, 3, 4, 5, 6, 7, 10, 14];
  const weights = [4, 3, 3, 2, 1.5, 1, 1, 1, 0.5, 0.5];
  return random.weighted(delays, (d) => weights[delays.indexOf(d)]!);
}

function buildHivTests(
  random: Random,
  site: DemoSite,
  firsts: readonly DemoContact[],
): DemoReferral[] {
  const { hivTests, hivTestsPending, positives, linkedToTreatment } = site.plan;
  const arrived: { contact: DemoContact; arrivedOn: DateString }[] = [];
  const notYet: DemoContact[] = [];
  for (const contact of random.shuffle(firsts)) {
    const arrivedOn = addDays(contact.date, drawDelay(random));
    if (arrived.length < hivTests && arrivedOn <= period.to) arrived.push({ contact, arrivedOn });
    else if (contact.date >= "2011-10-10") notYet.push(contact);
  }
  if (arrived.length < hivTests || notYet.length < hivTestsPending) {
    throw new Error(`site ${site.plan.code} has too few contacts for its planned HIV tests`);
  }
  arrived.sort((a, b) => a.arrivedOn.localeCompare(b.arrivedOn));
  const early = arrived.filter((a) => a.arrivedOn <= "2011-10-10");
  const positive = new Set(random.sample(early, positives));
  const tests = arrived.map((a) =>
    referralRow(random, a.contact, "hiv_test", a.contact.date, {
      arrivedOn: a.arrivedOn,
      result: positive.has(a) ? "positive" : "negative",
    }),
  );
  const pending = notYet
    .slice(0, hivTestsPending)
    .map((contact) => referralRow(random, contact, "hiv_test", contact.date, { arrivedOn: null }));
  const treatment = [...positive].map((a, i) => {
    const referredOn = addDays(a.arrivedOn, random.int(0, 2));
    const arrivedOn = i < linkedToTreatment ? addDays(referredOn, random.int(2, 10)) : null;
    return referralRow(random, a.contact, "art", referredOn, { arrivedOn });
  });
  return [...tests, ...pending, ...treatment];
}

const otherServices = {
  sti: { arrives: 0.8, eligible: (_client: DemoClient) => true },
  mmt: {
    arrives: 0.5,
    eligible: (client: DemoClient) => client.populationGroup !== "partner_pwud",
  },
  srh: { arrives: 0.75, eligible: (client: DemoClient) => client.sex === "female" },
} as const;

/** The site's referrals, made during the site's contacts. */
export function buildReferrals(
  random: Random,
  site: DemoSite,
  contacts: readonly DemoContact[],
): DemoReferral[] {
  const atSite = contacts.filter((c) => c.site === site);
  const firsts = atSite.filter((c) => c.client.site === site && c.date === c.client.firstContactOn);
  const referrals = buildHivTests(random, site, firsts);
  for (const service of ["sti", "mmt", "srh"] as const) {
    const { arrives, eligible } = otherServices[service];
    const perClient = new Map<DemoClient, DemoContact>();
    for (const c of atSite) if (eligible(c.client)) perClient.set(c.client, c);
    for (const contact of random.sample(
      [...perClient.values()],
      site.plan.otherReferrals[service],
    )) {
      const arrivedOn = addDays(contact.date, random.int(1, 14));
      const arrived = random.chance(arrives) && arrivedOn <= period.to;
      referrals.push(
        referralRow(random, contact, service, contact.date, {
          arrivedOn: arrived ? arrivedOn : null,
        }),
      );
    }
  }
  return referrals;
}
