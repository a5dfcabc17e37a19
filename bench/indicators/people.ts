// Clients and their outreach contacts, drawn column by column into typed arrays (a million
// contacts as objects would cost gigabytes). Both are sorted by the moment they were saved before
// ids are given, so ids are time-ordered as UUIDv7s from devices would be.
//
// Clients: a population group with its usual sex and age, a home site by the site's size, a home
// commune in the site's area (5% unknown), registered at their first contact; 5% are also seen at
// a neighbouring site; 0.5% are voided (duplicates). Contacts: 1–40 per client (about 10 on
// average, a third seen once), spread from registration on, mostly by the client's own worker, in
// a commune of the site's area (5% unrecorded); 1% voided.
import type { PopulationGroup, Sex } from "../../src/db/schema.js";
import type { Random } from "../../src/demo/random.js";
import { buildUic } from "../../src/people/uic.js";
import { populationGroups, sexes, topics as topicList } from "../../src/sync/vocabulary.js";
import {
  byMoment,
  DAYS,
  fieldDays,
  idAt,
  momentOfDay,
  normal,
  reorder,
  WeightedIndex,
} from "./calendar.js";
import type { Programme } from "./setup.js";

export interface Clients {
  count: number;
  ids: string[];
  uics: string[];
  site: Uint8Array;
  /** Index of a second site, or -1. */
  secondSite: Int16Array;
  worker: Int16Array;
  sex: Uint8Array;
  group: Uint8Array;
  birthYear: Uint16Array;
  /** Index into Programme.communes, or -1 when not recorded. */
  homeCommune: Int16Array;
  registeredDay: Uint16Array;
  ms: Float64Array;
  voided: Uint8Array;
}

export interface Contacts {
  count: number;
  ids: string[];
  client: Int32Array;
  site: Uint8Array;
  staff: Int16Array;
  day: Uint16Array;
  commune: Int16Array;
  /** Bit i set: topic i of the vocabulary's list was covered. */
  topics: Uint8Array;
  ms: Float64Array;
  voided: Uint8Array;
}

type Group = (typeof populationGroups)[number];
const groupShares: Record<Group, number> = {
  partner_pwud: 0.22,
  pwud: 0.28,
  pwid: 0.18,
  sex_worker: 0.12,
  msm: 0.1,
  transgender: 0.03,
  other: 0.07,
};
/** Chances of female, male, other (as registered) in each group. */
const sexShares: Record<Group, [number, number, number]> = {
  partner_pwud: [0.95, 0.05, 0],
  pwud: [0.12, 0.88, 0],
  pwid: [0.08, 0.92, 0],
  sex_worker: [0.96, 0, 0.04],
  msm: [0, 1, 0],
  transgender: [0.1, 0.1, 0.8],
  other: [0.5, 0.5, 0],
};
const meanBirthYear: Record<Group, number> = {
  partner_pwud: 1985,
  pwud: 1983,
  pwid: 1981,
  sex_worker: 1994,
  msm: 1995,
  transgender: 1996,
  other: 1988,
};
const groupPick = new WeightedIndex(populationGroups.map((g) => groupShares[g]));
const sexPicks = populationGroups.map((g) => new WeightedIndex(sexShares[g]));

// Parents' given names build the UIC (src/people/uic.ts); they are never stored.
const mothers =
  "Hoa Lan Mai Thu Hương Hạnh Nga Thảo Liên Hiền Dung Yến Xuân Oanh Phương Ngọc Tuyết Loan Cúc Đào Vân Nhung Thủy Hằng Bích Ban Ngân Xiêng Pọm Ương Piêng Khăm Lả Mỷ Dợ Chá Sua Ly".split(
    " ",
  );
const fathers =
  "Thanh Hùng Dũng Minh Tuấn Văn Quang Long Sơn Hải Bình Đức Cường Tiến Chiến Thắng Hoàn Lợi Khăm Bun Xôm Pánh Inh Ơn Phong Kẻo Pao Sềnh Chứ Dế Lử Dình Eng Ánh Yên".split(
    " ",
  );

/**
 * A UIC not yet taken: the scheme's code, with a counter appended when another client already has
 * it — 100,000 people overflow the scheme's combinations, as large programmes find.
 */
function uniqueUic(random: Random, sex: Sex, birthYear: number, taken: Set<string>): string {
  const base = buildUic({
    motherGivenName: random.pick(mothers),
    fatherGivenName: random.pick(fathers),
    sex,
    birthYear,
  });
  let uic = base;
  for (let k = 1; taken.has(uic); k++) uic = `${base}${k}`;
  taken.add(uic);
  return uic;
}

export function drawClients(random: Random, programme: Programme): Clients {
  const n = programme.size.clients;
  const ms = new Float64Array(n);
  const registeredDay = new Uint16Array(n);
  // Registration moments first, sorted, so client i is the i-th registered.
  const days = Array.from({ length: n }, () => fieldDays.draw(random)).sort((a, b) => a - b);
  for (let i = 0; i < n; i++) {
    registeredDay[i] = days[i]!;
    ms[i] = momentOfDay(random, days[i]!);
  }
  const order = byMoment(ms);
  const clients: Clients = {
    count: n,
    ids: new Array(n),
    uics: new Array(n),
    site: new Uint8Array(n),
    secondSite: new Int16Array(n),
    worker: new Int16Array(n),
    sex: new Uint8Array(n),
    group: new Uint8Array(n),
    birthYear: new Uint16Array(n),
    homeCommune: new Int16Array(n),
    registeredDay: new Uint16Array(n),
    ms: new Float64Array(n),
    voided: new Uint8Array(n),
  };
  const taken = new Set<string>();
  const sites = programme.sites;
  for (let i = 0; i < n; i++) {
    const from = order[i]!;
    clients.ms[i] = ms[from]!;
    clients.registeredDay[i] = registeredDay[from]!;
    clients.ids[i] = idAt(random, clients.ms[i]!);
    const s = programme.sitePick.draw(random);
    const site = sites[s]!;
    clients.site[i] = s;
    clients.secondSite[i] = random.chance(0.05) ? (s + random.int(1, 2)) % sites.length : -1;
    clients.worker[i] = random.pick(site.workers);
    const group = groupPick.draw(random);
    const sex = sexPicks[group]!.draw(random);
    const year = Math.round(normal(random, meanBirthYear[populationGroups[group]!], 8));
    clients.group[i] = group;
    clients.sex[i] = sex;
    clients.birthYear[i] = Math.min(2005, Math.max(1950, year));
    clients.homeCommune[i] = random.chance(0.05) ? -1 : site.area[site.areaPick.draw(random)]!;
    clients.uics[i] = uniqueUic(random, sexes[sex]!, clients.birthYear[i]!, taken);
    clients.voided[i] = random.chance(0.005) ? 1 : 0;
  }
  return clients;
}

export const sexOf = (clients: Clients, i: number): Sex => sexes[clients.sex[i]!]!;
export const groupOf = (clients: Clients, i: number): PopulationGroup =>
  populationGroups[clients.group[i]!]!;

/** Topic chances at a contact (first contacts cover HIV prevention always). */
function drawTopics(random: Random, first: boolean, female: boolean, usesDrugs: boolean): number {
  const chances = [
    first ? 1 : 0.5, // hiv_prevention
    0.7, // condom_use
    first ? 0.8 : 0.4, // hiv_testing
    0.25, // sti
    female ? 0.3 : 0, // srh
    usesDrugs ? 0.6 : 0.05, // mmt
    usesDrugs ? 0.5 : 0, // harm_reduction
    0.05, // other
  ];
  let mask = 0;
  chances.forEach((chance, t) => {
    if (random.chance(chance)) mask |= 1 << t;
  });
  return mask || 1;
}

/** The topics column as text ("a,b"): SQL splits it, since unnest cannot take an array of arrays. */
export const topicsText = (mask: number) => topicList.filter((_, t) => mask & (1 << t)).join(",");

export function drawContacts(random: Random, programme: Programme, clients: Clients): Contacts {
  const max = programme.size.maxContactsPerClient;
  // n = 1 + ⌊40·u^3.2⌋: about 10 contacts on average, a third of clients seen once.
  const perClient = new Uint8Array(clients.count);
  let total = 0;
  for (let i = 0; i < clients.count; i++) {
    const room = 1 + Math.floor((DAYS - 1 - clients.registeredDay[i]!) / 5);
    perClient[i] = Math.min(max, room, 1 + Math.floor(max * random.float() ** 3.2));
    total += perClient[i]!;
  }
  const raw = {
    client: new Int32Array(total),
    site: new Uint8Array(total),
    staff: new Int16Array(total),
    day: new Uint16Array(total),
    commune: new Int16Array(total),
    topics: new Uint8Array(total),
    ms: new Float64Array(total),
    voided: new Uint8Array(total),
  };
  const sites = programme.sites;
  let k = 0;
  for (let i = 0; i < clients.count; i++) {
    const n = perClient[i]!;
    const first = clients.registeredDay[i]!;
    const span = Math.min((n - 1) * random.int(7, 45), DAYS - 1 - first);
    const group = groupOf(clients, i);
    const usesDrugs = group === "pwud" || group === "pwid";
    for (let j = 0; j < n; j++, k++) {
      const day =
        j === 0
          ? first
          : Math.min(
              first + span,
              Math.max(
                first + 1,
                first + Math.round((span * (j - 0.5 + random.float())) / (n - 1)),
              ),
            );
      const second = clients.secondSite[i]!;
      const s = j > 0 && second >= 0 && random.chance(0.35) ? second : clients.site[i]!;
      const site = sites[s]!;
      raw.client[k] = i;
      raw.site[k] = s;
      raw.staff[k] =
        s === clients.site[i] && random.chance(0.8)
          ? clients.worker[i]!
          : random.pick(site.workers);
      raw.day[k] = day;
      raw.commune[k] = random.chance(0.05) ? -1 : site.area[site.areaPick.draw(random)]!;
      raw.topics[k] = drawTopics(random, j === 0, clients.sex[i] === 0, usesDrugs);
      // The first contact is the registration itself, a minute after the client was saved.
      raw.ms[k] = j === 0 ? clients.ms[i]! + 60_000 : momentOfDay(random, day);
      raw.voided[k] = random.chance(0.01) ? 1 : 0;
    }
  }
  const contacts: Contacts = {
    count: total,
    ids: new Array(total),
    ...reorder(raw, byMoment(raw.ms)),
  };
  for (let x = 0; x < total; x++) contacts.ids[x] = idAt(random, contacts.ms[x]!);
  return contacts;
}
