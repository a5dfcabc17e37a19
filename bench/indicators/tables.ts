// How the drawn records (typed arrays of indexes and day numbers) become table rows: one column
// of SQL per column of the table, fed by one parameter array each (load.ts).
import {
  items,
  populationGroups,
  services,
  sexes,
  testResults,
} from "../../src/sync/vocabulary.js";
import {
  type Attendances,
  type Distributions,
  type Referrals,
  type Sessions,
  sessionTopics,
} from "./activities.js";
import { sqlDateOfDay } from "./calendar.js";
import { type Column, sqlTimestamp, type TableRows } from "./load.js";
import { type Clients, type Contacts, topicsText } from "./people.js";
import type { Programme } from "./setup.js";

const DAY_MS = 86_400_000;
const dateColumn = (name: string, day: (i: number) => number | null): Column => ({
  name,
  type: "int4",
  as: sqlDateOfDay,
  value: day,
});
const idColumn = (name: string, id: (i: number) => string | null): Column => ({
  name,
  type: "uuid",
  value: id,
});

/** created_at, updated_at, voided_at, void_reason: a voided record was voided 1–14 days later. */
function recordTimes(ms: Float64Array, voided: Uint8Array, reason: string): Column[] {
  const voidedAt = (i: number) => (voided[i] ? ms[i]! + (1 + (i % 14)) * DAY_MS : null);
  return [
    { name: "created_at", type: "float8", as: sqlTimestamp, value: (i) => ms[i] },
    { name: "updated_at", type: "float8", as: sqlTimestamp, value: (i) => voidedAt(i) ?? ms[i] },
    { name: "voided_at", type: "float8", as: sqlTimestamp, value: voidedAt },
    { name: "void_reason", type: "text", value: (i) => (voided[i] ? reason : null) },
  ];
}

export function clientRows(p: Programme, c: Clients): TableRows {
  return {
    table: "clients",
    count: c.count,
    columns: [
      idColumn("id", (i) => c.ids[i]!),
      idColumn("site_id", (i) => p.sites[c.site[i]!]!.id),
      { name: "uic", type: "text", value: (i) => c.uics[i] },
      { name: "sex", type: "text", value: (i) => sexes[c.sex[i]!] },
      { name: "birth_year", type: "int4", value: (i) => c.birthYear[i] },
      { name: "population_group", type: "text", value: (i) => populationGroups[c.group[i]!] },
      idColumn("home_commune_id", (i) => p.communes[c.homeCommune[i]!] ?? null),
      dateColumn("registered_on", (i) => c.registeredDay[i]!),
      ...recordTimes(c.ms, c.voided, "Trùng với khách hàng khác"),
    ],
  };
}

export function contactRows(p: Programme, c: Clients, x: Contacts): TableRows {
  return {
    table: "contacts",
    count: x.count,
    columns: [
      idColumn("id", (i) => x.ids[i]!),
      idColumn("site_id", (i) => p.sites[x.site[i]!]!.id),
      idColumn("client_id", (i) => c.ids[x.client[i]!]!),
      idColumn("staff_id", (i) => p.staff[x.staff[i]!]!.id),
      dateColumn("contact_date", (i) => x.day[i]!),
      idColumn("commune_id", (i) => p.communes[x.commune[i]!] ?? null),
      {
        name: "topics",
        type: "text",
        as: (e) => `string_to_array(${e}, ',')`,
        value: (i) => topicsText(x.topics[i]!),
      },
      ...recordTimes(x.ms, x.voided, "Nhập nhầm"),
    ],
  };
}

export function sessionRows(p: Programme, g: Sessions): TableRows {
  return {
    table: "group_sessions",
    count: g.count,
    columns: [
      idColumn("id", (i) => g.ids[i]!),
      idColumn("site_id", (i) => p.sites[g.site[i]!]!.id),
      dateColumn("held_on", (i) => g.day[i]!),
      idColumn("commune_id", (i) => p.communes[g.commune[i]!] ?? null),
      idColumn("facilitator_id", (i) => p.staff[g.facilitator[i]!]!.id),
      { name: "topic", type: "text", value: (i) => sessionTopics[g.topic[i]!] },
      ...recordTimes(g.ms, g.voided, "Buổi họp không diễn ra"),
    ],
  };
}

export function attendanceRows(p: Programme, c: Clients, g: Sessions, a: Attendances): TableRows {
  return {
    table: "group_attendances",
    count: a.count,
    columns: [
      idColumn("id", (i) => a.ids[i]!),
      idColumn("site_id", (i) => p.sites[g.site[a.session[i]!]!]!.id),
      idColumn("session_id", (i) => g.ids[a.session[i]!]!),
      idColumn("client_id", (i) => c.ids[a.client[i]!]!),
      ...recordTimes(a.ms, a.voided, "Nhập nhầm"),
    ],
  };
}

const facilities = [
  "Phòng tư vấn xét nghiệm tự nguyện",
  "Phòng khám các bệnh lây truyền qua đường tình dục",
  "Cơ sở điều trị methadone",
  "Phòng khám ngoại trú (OPC)",
  "Phòng khám PrEP",
  "Khoa sức khỏe sinh sản",
];

export function referralRows(p: Programme, c: Clients, r: Referrals): TableRows {
  const orNull = (day: number) => (day < 0 ? null : day);
  return {
    table: "referrals",
    count: r.count,
    columns: [
      idColumn("id", (i) => r.ids[i]!),
      idColumn("site_id", (i) => p.sites[r.site[i]!]!.id),
      idColumn("client_id", (i) => c.ids[r.client[i]!]!),
      idColumn("referred_by", (i) => p.staff[r.staff[i]!]!.id),
      { name: "service", type: "text", value: (i) => services[r.service[i]!] },
      { name: "facility", type: "text", value: (i) => facilities[r.service[i]!] },
      dateColumn("referred_on", (i) => r.referredDay[i]!),
      dateColumn("arrived_on", (i) => orNull(r.arrivedDay[i]!)),
      { name: "result", type: "text", value: (i) => testResults[r.result[i]!] ?? null },
      dateColumn("result_on", (i) => orNull(r.resultDay[i]!)),
      ...recordTimes(r.ms, r.voided, "Nhập nhầm"),
    ],
  };
}

export function distributionRows(
  p: Programme,
  c: Clients,
  x: Contacts,
  g: Sessions,
  d: Distributions,
): TableRows {
  return {
    table: "commodity_distributions",
    count: d.count,
    columns: [
      idColumn("id", (i) => d.ids[i]!),
      idColumn("site_id", (i) => p.sites[d.site[i]!]!.id),
      { name: "item", type: "text", value: (i) => items[d.item[i]!] },
      { name: "quantity", type: "int4", value: (i) => d.quantity[i] },
      dateColumn("distributed_on", (i) => d.day[i]!),
      idColumn("client_id", (i) => c.ids[d.client[i]!] ?? null),
      idColumn("contact_id", (i) => x.ids[d.contact[i]!] ?? null),
      idColumn("group_session_id", (i) => g.ids[d.session[i]!] ?? null),
      idColumn("staff_id", (i) => p.staff[d.staff[i]!]!.id),
      ...recordTimes(d.ms, d.voided, "Nhập nhầm"),
    ],
  };
}
