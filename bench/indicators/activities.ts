// Group meetings with their attendance, referrals to the six services, and commodities handed out,
// drawn on top of the clients and contacts (people.ts), in typed arrays, sorted by the moment they
// were saved.
//
// Group meetings: at a site in proportion to its size, in a commune of its area; 3–17 clients of
// the site who were registered by then attend (about 10). Referrals: 60% to HIV testing, made
// during a contact (82% arrive, within two weeks; of the tests, 2% positive, 0.3% indeterminate);
// 85% of positives are referred on to ART; the rest to STI, methadone, PrEP or sexual and
// reproductive health (55% arrive). Commodities: 75% handed out at a contact, 15% at a group
// meeting, 10% at events; condoms most. About 1% of each is voided (0.5% of meetings).
import type { Random } from "../../src/demo/random.js";
import { byMoment, DAYS, fieldDays, idAt, momentOfDay, reorder } from "./calendar.js";
import type { Clients, Contacts } from "./people.js";
import type { Programme } from "./setup.js";

export interface Sessions {
  count: number;
  ids: string[];
  site: Uint8Array;
  day: Uint16Array;
  commune: Int16Array;
  facilitator: Int16Array;
  topic: Uint8Array;
  ms: Float64Array;
  voided: Uint8Array;
}

export interface Attendances {
  count: number;
  ids: string[];
  session: Int32Array;
  client: Int32Array;
  ms: Float64Array;
  voided: Uint8Array;
}

export const sessionTopics = [
  "Phòng tránh HIV",
  "Sử dụng bao cao su đúng cách",
  "Xét nghiệm HIV",
  "Điều trị methadone",
  "Sức khỏe sinh sản",
  "Giảm tác hại",
] as const;

export function drawSessions(random: Random, programme: Programme): Sessions {
  const n = programme.size.groupSessions;
  const raw = {
    site: new Uint8Array(n),
    day: new Uint16Array(n),
    commune: new Int16Array(n),
    facilitator: new Int16Array(n),
    topic: new Uint8Array(n),
    ms: new Float64Array(n),
    voided: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const s = programme.sitePick.draw(random);
    const site = programme.sites[s]!;
    raw.site[i] = s;
    raw.day[i] = fieldDays.draw(random);
    raw.commune[i] = random.chance(0.03) ? -1 : site.area[site.areaPick.draw(random)]!;
    raw.facilitator[i] = random.chance(0.8) ? random.pick(site.workers) : site.coordinator;
    raw.topic[i] = random.int(0, sessionTopics.length - 1);
    raw.ms[i] = momentOfDay(random, raw.day[i]!);
    raw.voided[i] = random.chance(0.005) ? 1 : 0;
  }
  const sessions: Sessions = { count: n, ids: new Array(n), ...reorder(raw, byMoment(raw.ms)) };
  for (let i = 0; i < n; i++) sessions.ids[i] = idAt(random, sessions.ms[i]!);
  return sessions;
}

/** Each site's clients in registration order (clients are numbered in that order). */
function clientsBySite(programme: Programme, clients: Clients): Int32Array[] {
  const lists: number[][] = programme.sites.map(() => []);
  for (let i = 0; i < clients.count; i++) lists[clients.site[i]!]!.push(i);
  return lists.map((list) => Int32Array.from(list));
}

/** How many of `list` (ascending client numbers) were registered before `ms`. */
function registeredBefore(list: Int32Array, clients: Clients, ms: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (clients.ms[list[mid]!]! < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function drawAttendances(
  random: Random,
  programme: Programme,
  clients: Clients,
  sessions: Sessions,
): Attendances {
  const bySite = clientsBySite(programme, clients);
  const session: number[] = [];
  const client: number[] = [];
  for (let g = 0; g < sessions.count; g++) {
    const list = bySite[sessions.site[g]!]!;
    const available = registeredBefore(list, clients, sessions.ms[g]!);
    const wanted = Math.min(available, random.int(3, 17));
    const chosen = new Set<number>();
    while (chosen.size < wanted) chosen.add(list[random.int(0, available - 1)]!);
    for (const c of chosen) {
      session.push(g);
      client.push(c);
    }
  }
  const n = session.length;
  const attendances: Attendances = {
    count: n,
    ids: new Array(n),
    session: Int32Array.from(session),
    client: Int32Array.from(client),
    ms: new Float64Array(n),
    voided: new Uint8Array(n),
  };
  // Written by the facilitator within two hours of the meeting's record, in meeting order.
  for (let a = 0; a < n; a++) {
    attendances.ms[a] = sessions.ms[attendances.session[a]!]! + random.int(1, 7_200_000);
    attendances.voided[a] = random.chance(0.01) ? 1 : 0;
  }
  const sorted = {
    ...attendances,
    ...reorder(
      {
        session: attendances.session,
        client: attendances.client,
        ms: attendances.ms,
        voided: attendances.voided,
      },
      byMoment(attendances.ms),
    ),
  };
  for (let a = 0; a < n; a++) sorted.ids[a] = idAt(random, sorted.ms[a]!);
  return sorted;
}

export interface Referrals {
  count: number;
  ids: string[];
  client: Int32Array;
  site: Uint8Array;
  staff: Int16Array;
  /** Index into the vocabulary's services. */
  service: Uint8Array;
  referredDay: Uint16Array;
  /** -1: not (yet) arrived. */
  arrivedDay: Int16Array;
  /** -1: no result; else an index into the vocabulary's test results. */
  result: Int8Array;
  resultDay: Int16Array;
  ms: Float64Array;
  voided: Uint8Array;
}

/** Indexes into src/sync/vocabulary.ts's `services` and `testResults`. */
const HIV_TEST = 0;
const ART = 3;
const otherServices = [1, 2, 4, 5]; // sti, mmt, prep, srh
const NEGATIVE = 0;
const POSITIVE = 1;
const INDETERMINATE = 2;

/** A contact that was not voided, at random. */
function liveContact(random: Random, contacts: Contacts): number {
  for (;;) {
    const x = random.int(0, contacts.count - 1);
    if (!contacts.voided[x]) return x;
  }
}

export function drawReferrals(random: Random, programme: Programme, contacts: Contacts): Referrals {
  const rows: {
    client: number;
    site: number;
    staff: number;
    service: number;
    referred: number;
    arrived: number;
    result: number;
    resultDay: number;
    ms: number;
  }[] = [];
  const total = programme.size.referrals;
  const last = DAYS - 1;
  const fromContact = (service: number, arrivalChance: number, maxWait: number) => {
    const x = liveContact(random, contacts);
    const referred = contacts.day[x]!;
    const wait = random.chance(0.4) ? 0 : random.int(1, maxWait);
    const arrived = random.chance(arrivalChance) && referred + wait <= last ? referred + wait : -1;
    const row = {
      client: contacts.client[x]!,
      site: contacts.site[x]!,
      staff: contacts.staff[x]!,
      service,
      referred,
      arrived,
      result: -1,
      resultDay: -1,
      ms: contacts.ms[x]! + random.int(120_000, 1_800_000),
    };
    rows.push(row);
    return row;
  };
  const tests = Math.round(total * 0.6);
  for (let t = 0; t < tests; t++) {
    const test = fromContact(HIV_TEST, 0.82, 14);
    if (test.arrived < 0) continue;
    const draw = random.float();
    test.result = draw < 0.02 ? POSITIVE : draw < 0.023 ? INDETERMINATE : NEGATIVE;
    const resultDay = test.arrived + (random.chance(0.7) ? 0 : random.int(1, 7));
    test.resultDay = Math.min(resultDay, last);
    if (test.result !== POSITIVE || !random.chance(0.85)) continue;
    const referred = test.resultDay + random.int(0, 7);
    if (referred > last) continue;
    const arrivedDay = referred + random.int(0, 30);
    rows.push({
      ...test,
      service: ART,
      referred,
      arrived: random.chance(0.9) && arrivedDay <= last ? arrivedDay : -1,
      result: -1,
      resultDay: -1,
      ms: momentOfDay(random, referred),
    });
  }
  while (rows.length < total) fromContact(random.pick(otherServices), 0.55, 21);

  const n = rows.length;
  const raw = {
    client: Int32Array.from(rows, (r) => r.client),
    site: Uint8Array.from(rows, (r) => r.site),
    staff: Int16Array.from(rows, (r) => r.staff),
    service: Uint8Array.from(rows, (r) => r.service),
    referredDay: Uint16Array.from(rows, (r) => r.referred),
    arrivedDay: Int16Array.from(rows, (r) => r.arrived),
    result: Int8Array.from(rows, (r) => r.result),
    resultDay: Int16Array.from(rows, (r) => r.resultDay),
    ms: Float64Array.from(rows, (r) => r.ms),
    voided: Uint8Array.from(rows, () => (random.chance(0.01) ? 1 : 0)),
  };
  const referrals: Referrals = { count: n, ids: new Array(n), ...reorder(raw, byMoment(raw.ms)) };
  for (let r = 0; r < n; r++) referrals.ids[r] = idAt(random, referrals.ms[r]!);
  return referrals;
}

export interface Distributions {
  count: number;
  ids: string[];
  site: Uint8Array;
  /** Index into the vocabulary's items. */
  item: Uint8Array;
  quantity: Uint16Array;
  day: Uint16Array;
  client: Int32Array;
  contact: Int32Array;
  session: Int32Array;
  staff: Int16Array;
  ms: Float64Array;
  voided: Uint8Array;
}

/** condom, lubricant, needle_syringe, test_kit, leaflet: shares and usual quantities. */
const itemShares = [0.65, 0.12, 0.1, 0.05, 0.08];
const itemQuantities = [[5, 10, 10, 20, 30, 50], [5, 10, 20], [5, 10, 20, 50], [1], [1, 2, 3]];

export function drawDistributions(
  random: Random,
  programme: Programme,
  contacts: Contacts,
  sessions: Sessions,
): Distributions {
  const n = programme.size.distributions;
  const raw = {
    site: new Uint8Array(n),
    item: new Uint8Array(n),
    quantity: new Uint16Array(n),
    day: new Uint16Array(n),
    client: new Int32Array(n).fill(-1),
    contact: new Int32Array(n).fill(-1),
    session: new Int32Array(n).fill(-1),
    staff: new Int16Array(n),
    ms: new Float64Array(n),
    voided: new Uint8Array(n),
  };
  for (let d = 0; d < n; d++) {
    const where = random.float();
    if (where < 0.75) {
      const x = liveContact(random, contacts);
      raw.contact[d] = x;
      raw.client[d] = contacts.client[x]!;
      raw.site[d] = contacts.site[x]!;
      raw.staff[d] = contacts.staff[x]!;
      raw.day[d] = contacts.day[x]!;
      raw.ms[d] = contacts.ms[x]! + random.int(60_000, 1_200_000);
    } else if (where < 0.9) {
      const g = random.int(0, sessions.count - 1);
      raw.session[d] = g;
      raw.site[d] = sessions.site[g]!;
      raw.staff[d] = sessions.facilitator[g]!;
      raw.day[d] = sessions.day[g]!;
      raw.ms[d] = sessions.ms[g]! + random.int(60_000, 7_200_000);
    } else {
      const s = programme.sitePick.draw(random);
      raw.site[d] = s;
      raw.staff[d] = random.pick(programme.sites[s]!.workers);
      raw.day[d] = fieldDays.draw(random);
      raw.ms[d] = momentOfDay(random, raw.day[d]!);
    }
    let item = 0;
    for (let point = random.float(); item < itemShares.length - 1; item++) {
      point -= itemShares[item]!;
      if (point < 0) break;
    }
    raw.item[d] = item;
    raw.quantity[d] = random.pick(itemQuantities[item]!);
    raw.voided[d] = random.chance(0.01) ? 1 : 0;
  }
  const distributions: Distributions = {
    count: n,
    ids: new Array(n),
    ...reorder(raw, byMoment(raw.ms)),
  };
  for (let d = 0; d < n; d++) distributions.ids[d] = idAt(random, distributions.ms[d]!);
  return distributions;
}
