// The SQL behind the indicators. A source is one query over the records that feeds several
// indicators: it returns one row per record that could count (in the period, in scope, not
// voided, of a client who is not voided), and each indicator is an aggregate over those rows — so
// a dashboard reads each table once, not once per figure. engine.ts wraps a source with the
// clients' sex, population group and age band and groups it by the requested disaggregations.
//
// Every source selects the same columns:
//   record_type, record_id  the record behind a row (drill-down lists read these)
//   client_id               the client, or null (a group meeting, a training)
//   site_id                 the site the record belongs to (null: a training nobody from a site
//                           attended, counted in the project's total only)
//   commune_id              where it happened; a referral or a distribution has no place of its
//                           own and takes the client's home commune
//   service_on              the date of service, which sets the period, the month and the age
// and the columns of the source-specific dimensions (service, result, modality, testing_status,
// item) and of the measures' filters.
import { type RawBuilder, sql } from "kysely";
import { type Dimension, type IndicatorId, keyPopulations, testModalities } from "./definitions.js";

export interface Scope {
  projectId: string;
  /** Inclusive, YYYY-MM-DD. */
  from: string;
  to: string;
  /** Sites to count; null for every site of the project. */
  siteIds: readonly string[] | null;
  /** Only records that took place in this commune (places.id). */
  communeId: string | null;
}

export interface Measure {
  /** count: the records (non-null `record`); unique: distinct `subject`; sum: of `subject`. */
  kind: "count" | "unique" | "sum";
  /** The record counted, for `count` and for drill-down lists. */
  record: RawBuilder<unknown>;
  recordType: RawBuilder<unknown>;
  subject?: RawBuilder<unknown>;
  /** Only rows where this holds. */
  filter?: RawBuilder<unknown>;
  /** The filter reads the client's sex, population group or birth year (enriched() joins them). */
  readsClient?: boolean;
  /**
   * Which age a person is counted at: their age at the record's date ("event", for counts of
   * encounters), or at their first record of the period ("first", so a person counted once is in
   * one band even when the period spans New Year).
   */
  age: "first" | "event";
}

export interface Source {
  name: string;
  /** The rows; `needs` says which optional dimension columns the query must compute. */
  rows(scope: Scope, needs: ReadonlySet<Dimension>): RawBuilder<unknown>;
  /** Dimensions this source has columns for, besides site, commune, month and the client's. */
  extras: readonly Dimension[];
  measures: Partial<Record<IndicatorId, Measure>>;
}

const e = (column: string) => sql.ref(`e.${column}`);

function siteScope(scope: Scope, column: RawBuilder<unknown>) {
  if (scope.siteIds === null) return sql``;
  if (scope.siteIds.length === 0) return sql`and false`;
  return sql`and ${column} in (${sql.join(scope.siteIds)})`;
}

/**
 * The record's client is not voided. Written as an anti-join on the few voided clients (migration
 * 0008's index), which costs far less than joining every client when nothing else of theirs is read.
 */
const liveClient = (clientId: RawBuilder<unknown>) =>
  sql`and not exists (select 1 from clients v where v.id = ${clientId} and v.voided_at is not null)`;

const communeScope = (scope: Scope, column: RawBuilder<unknown>) =>
  scope.communeId === null ? sql`` : sql`and ${column} = ${scope.communeId}`;

/** The person is in a key population (definitions.ts); unknown (null) when no group is recorded. */
export const inKeyPopulation = (group: RawBuilder<unknown>) =>
  sql`(${group} in (${sql.join(keyPopulations.map((g) => sql.lit(g)))}))`;

const keyPopulation = inKeyPopulation(e("population_group"));

/** Outreach contacts: people reached, contacts, communes covered. */
const contacts: Source = {
  name: "contacts",
  extras: [],
  rows: (scope) => sql`
    select 'contact'::text as record_type, c.id as record_id, c.client_id, c.site_id, c.commune_id,
           c.contact_date as service_on,
           (sc.place_id is not null) as in_area
      from contacts c
      join sites s on s.id = c.site_id
      left join site_communes sc on sc.site_id = c.site_id and sc.place_id = c.commune_id
     where s.project_id = ${scope.projectId}
       and c.voided_at is null
       ${liveClient(sql.ref("c.client_id"))}
       and c.contact_date between ${scope.from} and ${scope.to}
       ${siteScope(scope, sql.ref("c.site_id"))}
       ${communeScope(scope, sql.ref("c.commune_id"))}`,
  measures: {
    people_reached: {
      kind: "unique",
      subject: e("client_id"),
      record: e("record_id"),
      recordType: e("record_type"),
      age: "first",
    },
    contacts: { kind: "count", record: e("record_id"), recordType: e("record_type"), age: "event" },
    communes_covered: {
      kind: "unique",
      subject: e("commune_id"),
      filter: e("in_area"),
      record: e("record_id"),
      recordType: e("record_type"),
      age: "event",
    },
  },
};

/**
 * Individual or small-group prevention: outreach contacts and attendances at group meetings, for
 * KP_PREV and PP_PREV. The testing status is per person (see definitions.ts) and only computed
 * when asked for, since it looks up each person's tests.
 */
const prevention: Source = {
  name: "prevention",
  extras: ["testing_status"],
  rows: (scope, needs) => sql`
    with p as (
      select 'contact'::text as record_type, c.id as record_id, c.client_id, c.site_id,
             c.commune_id, c.contact_date as service_on
        from contacts c
        join sites s on s.id = c.site_id
       where s.project_id = ${scope.projectId}
         and c.voided_at is null
         ${liveClient(sql.ref("c.client_id"))}
         and c.contact_date between ${scope.from} and ${scope.to}
         ${siteScope(scope, sql.ref("c.site_id"))}
         ${communeScope(scope, sql.ref("c.commune_id"))}
      union all
      select 'group_attendance', a.id, a.client_id, a.site_id, g.commune_id, g.held_on
        from group_attendances a
        join group_sessions g on g.id = a.session_id and g.voided_at is null
        join sites s on s.id = a.site_id
       where s.project_id = ${scope.projectId}
         and a.voided_at is null
         ${liveClient(sql.ref("a.client_id"))}
         and g.held_on between ${scope.from} and ${scope.to}
         ${siteScope(scope, sql.ref("a.site_id"))}
         ${communeScope(scope, sql.ref("g.commune_id"))}
    )
    ${
      needs.has("testing_status")
        ? sql`,
    firsts as (select client_id, min(service_on) as first_on from p group by client_id),
    status as (
      select f.client_id,
             case
               when exists (select 1 from referrals r
                             where r.client_id = f.client_id and r.voided_at is null
                               and r.result = 'positive' and r.result_on < f.first_on)
                 then 'known_positive'
               when exists (select 1 from referrals r
                             where r.client_id = f.client_id and r.voided_at is null
                               and r.service = 'hiv_test'
                               and r.referred_on between ${scope.from} and ${scope.to})
                 then 'tested_or_referred'
               else 'not_tested'
             end as testing_status
        from firsts f
    )
    select p.*, st.testing_status from p join status st on st.client_id = p.client_id`
        : sql`select p.*, null::text as testing_status from p`
    }`,
  measures: {
    kp_prev: {
      kind: "unique",
      subject: e("client_id"),
      filter: keyPopulation,
      readsClient: true,
      record: e("record_id"),
      recordType: e("record_type"),
      age: "first",
    },
    pp_prev: {
      kind: "unique",
      subject: e("client_id"),
      filter: sql`not ${keyPopulation}`,
      readsClient: true,
      record: e("record_id"),
      recordType: e("record_type"),
      age: "first",
    },
  },
};

/**
 * Group meetings and the attendances at them: a row per meeting (so a meeting nobody attended
 * counts, and meetings are counted, not counted distinct) and a row per live attendance.
 */
const groups: Source = {
  name: "groups",
  extras: [],
  rows: (scope) => sql`
    select g.id as session_id, null::uuid as attendance_id, g.id as record_id,
           'group_session'::text as record_type, null::uuid as client_id,
           g.site_id, g.commune_id, g.held_on as service_on
      from group_sessions g
      join sites s on s.id = g.site_id
     where s.project_id = ${scope.projectId}
       and g.voided_at is null
       and g.held_on between ${scope.from} and ${scope.to}
       ${siteScope(scope, sql.ref("g.site_id"))}
       ${communeScope(scope, sql.ref("g.commune_id"))}
    union all
    select null, a.id, a.id, 'group_attendance', a.client_id, g.site_id, g.commune_id, g.held_on
      from group_attendances a
      join group_sessions g on g.id = a.session_id
      join sites s on s.id = g.site_id
     where s.project_id = ${scope.projectId}
       and a.voided_at is null
       ${liveClient(sql.ref("a.client_id"))}
       and g.voided_at is null
       and g.held_on between ${scope.from} and ${scope.to}
       ${siteScope(scope, sql.ref("g.site_id"))}
       ${communeScope(scope, sql.ref("g.commune_id"))}`,
  measures: {
    group_sessions: {
      kind: "count",
      record: e("session_id"),
      recordType: sql`'group_session'::text`,
      age: "event",
    },
    group_attendances: {
      kind: "count",
      record: e("attendance_id"),
      recordType: sql`'group_attendance'::text`,
      age: "event",
    },
  },
};

/** Referrals made in the period (by the date of referral), completed or not. */
const referralsMade: Source = {
  name: "referrals_made",
  extras: ["service"],
  rows: (scope) => sql`
    select 'referral'::text as record_type, r.id as record_id, r.client_id, r.site_id,
           cl.home_commune_id as commune_id, r.referred_on as service_on,
           r.service, r.arrived_on
      from referrals r
      join sites s on s.id = r.site_id
      join clients cl on cl.id = r.client_id and cl.voided_at is null
     where s.project_id = ${scope.projectId}
       and r.voided_at is null
       and r.referred_on between ${scope.from} and ${scope.to}
       ${siteScope(scope, sql.ref("r.site_id"))}
       ${communeScope(scope, sql.ref("cl.home_commune_id"))}`,
  measures: {
    referrals_made: {
      kind: "count",
      record: e("record_id"),
      recordType: e("record_type"),
      age: "event",
    },
    referrals_completed: {
      kind: "count",
      record: e("record_id"),
      recordType: e("record_type"),
      filter: sql`${e("arrived_on")} is not null`,
      age: "event",
    },
  },
};

/**
 * HIV tests with a result in the period (by the date of the result): tests, positives, linkage.
 * A positive is linked when the client arrived at an ART service on or after the result's date.
 */
const tests: Source = {
  name: "tests",
  extras: ["result", "modality"],
  rows: (scope) => sql`
    select 'referral'::text as record_type, r.id as record_id, r.client_id, r.site_id,
           cl.home_commune_id as commune_id, r.result_on as service_on,
           r.result, ${sql.lit(testModalities[0])}::text as modality,
           (r.result = 'positive' and exists (
              select 1 from referrals t
               where t.client_id = r.client_id and t.voided_at is null
                 and t.service = 'art' and t.arrived_on >= r.result_on)) as linked
      from referrals r
      join sites s on s.id = r.site_id
      join clients cl on cl.id = r.client_id and cl.voided_at is null
     where s.project_id = ${scope.projectId}
       and r.voided_at is null
       and r.service = 'hiv_test'
       and r.result is not null
       and r.result_on between ${scope.from} and ${scope.to}
       ${siteScope(scope, sql.ref("r.site_id"))}
       ${communeScope(scope, sql.ref("cl.home_commune_id"))}`,
  measures: {
    hiv_tests: {
      kind: "count",
      record: e("record_id"),
      recordType: e("record_type"),
      age: "event",
    },
    hts_tst: { kind: "count", record: e("record_id"), recordType: e("record_type"), age: "event" },
    hiv_positives: {
      kind: "count",
      record: e("record_id"),
      recordType: e("record_type"),
      filter: sql`${e("result")} = 'positive'`,
      age: "event",
    },
    hts_tst_pos: {
      kind: "count",
      record: e("record_id"),
      recordType: e("record_type"),
      filter: sql`${e("result")} = 'positive'`,
      age: "event",
    },
    linked_to_treatment: {
      kind: "count",
      record: e("record_id"),
      recordType: e("record_type"),
      filter: e("linked"),
      age: "event",
    },
  },
};

/**
 * Arrivals at services in the period (by the date of arrival): visits to HIV testing, and the
 * first ever arrival at PrEP or ART (new on PrEP, new on treatment) — first across every project,
 * so a person already on treatment elsewhere in the programme is not new.
 */
const arrivals: Source = {
  name: "arrivals",
  extras: ["service"],
  rows: (scope) => sql`
    select 'referral'::text as record_type, r.id as record_id, r.client_id, r.site_id,
           cl.home_commune_id as commune_id, r.arrived_on as service_on, r.service,
           (r.service in ('art', 'prep') and not exists (
              select 1 from referrals x
               where x.client_id = r.client_id and x.voided_at is null and x.service = r.service
                 and (x.arrived_on < r.arrived_on or (x.arrived_on = r.arrived_on and x.id < r.id))
           )) as first_ever
      from referrals r
      join sites s on s.id = r.site_id
      join clients cl on cl.id = r.client_id and cl.voided_at is null
     where s.project_id = ${scope.projectId}
       and r.voided_at is null
       and r.arrived_on between ${scope.from} and ${scope.to}
       ${siteScope(scope, sql.ref("r.site_id"))}
       ${communeScope(scope, sql.ref("cl.home_commune_id"))}`,
  measures: {
    hiv_test_visits: {
      kind: "count",
      record: e("record_id"),
      recordType: e("record_type"),
      filter: sql`${e("service")} = 'hiv_test'`,
      age: "event",
    },
    // People, counted as records: a person has one first arrival ever at a service (ties broken
    // by id), so counting those arrivals counts each person once, at that arrival's age — without
    // the sort a count(distinct) needs (0.2 s of a three-year dashboard, docs/benchmarks.md).
    prep_new: {
      kind: "count",
      record: e("record_id"),
      recordType: e("record_type"),
      filter: sql`${e("service")} = 'prep' and ${e("first_ever")}`,
      age: "event",
    },
    tx_new: {
      kind: "count",
      record: e("record_id"),
      recordType: e("record_type"),
      filter: sql`${e("service")} = 'art' and ${e("first_ever")}`,
      age: "event",
    },
  },
};

/** Commodities handed out, to a client or at a meeting. */
const commodities: Source = {
  name: "commodities",
  extras: ["item"],
  rows: (scope) => sql`
    select 'commodity_distribution'::text as record_type, d.id as record_id,
           null::uuid as client_id, d.site_id,
           coalesce(c.commune_id, g.commune_id, cl.home_commune_id) as commune_id,
           d.distributed_on as service_on, d.item, d.quantity
      from commodity_distributions d
      join sites s on s.id = d.site_id
      left join contacts c on c.id = d.contact_id
      left join group_sessions g on g.id = d.group_session_id
      left join clients cl on cl.id = d.client_id
     where s.project_id = ${scope.projectId}
       and d.voided_at is null
       and d.distributed_on between ${scope.from} and ${scope.to}
       ${siteScope(scope, sql.ref("d.site_id"))}
       ${communeScope(scope, sql`coalesce(c.commune_id, g.commune_id, cl.home_commune_id)`)}`,
  measures: {
    condoms_distributed: {
      kind: "sum",
      subject: e("quantity"),
      record: e("record_id"),
      recordType: e("record_type"),
      filter: sql`${e("item")} = 'condom'`,
      age: "event",
    },
    commodities_distributed: {
      kind: "sum",
      subject: e("quantity"),
      record: e("record_id"),
      recordType: e("record_type"),
      age: "event",
    },
  },
};

/**
 * Trainings and coaching. A training belongs to each site one of whose staff took part (a row per
 * participant and site), and to the project's total even when nobody from a site took part; a
 * coaching round belongs to the site where it was held. Trainings have no commune.
 */
const capacity: Source = {
  name: "capacity",
  extras: [],
  rows: (scope) => sql`
    select 'training'::text as record_type, t.id as record_id, null::uuid as client_id,
           t.id as training_id, t.kind, p.staff_id,
           case when t.kind = 'coaching' then t.site_id else ss.site_id end as site_id,
           null::uuid as commune_id, t.starts_on as service_on
      from trainings t
      left join training_participants p
             on p.training_id = t.id and p.voided_at is null and t.kind <> 'coaching'
      left join (staff_sites ss join sites ps on ps.id = ss.site_id and ps.project_id = ${scope.projectId})
             on ss.staff_id = p.staff_id
     where t.project_id = ${scope.projectId}
       and t.voided_at is null
       and t.starts_on between ${scope.from} and ${scope.to}
       ${scope.communeId === null ? sql`` : sql`and false`}
       ${siteScope(scope, sql`(case when t.kind = 'coaching' then t.site_id else ss.site_id end)`)}`,
  measures: {
    trainings: {
      kind: "unique",
      subject: e("training_id"),
      record: e("training_id"),
      recordType: e("record_type"),
      filter: sql`${e("kind")} <> 'coaching'`,
      age: "event",
    },
    people_trained: {
      kind: "unique",
      subject: e("staff_id"),
      record: e("training_id"),
      recordType: e("record_type"),
      filter: sql`${e("kind")} <> 'coaching'`,
      age: "event",
    },
    coaching_rounds: {
      kind: "unique",
      subject: e("training_id"),
      record: e("training_id"),
      recordType: e("record_type"),
      filter: sql`${e("kind")} = 'coaching'`,
      age: "event",
    },
  },
};

const supervision: Source = {
  name: "supervision",
  extras: [],
  rows: (scope) => sql`
    select 'supervision_visit'::text as record_type, v.id as record_id, null::uuid as client_id,
           v.site_id, null::uuid as commune_id, v.visited_on as service_on
      from supervision_visits v
      join sites s on s.id = v.site_id
     where s.project_id = ${scope.projectId}
       and v.voided_at is null
       and v.visited_on between ${scope.from} and ${scope.to}
       ${scope.communeId === null ? sql`` : sql`and false`}
       ${siteScope(scope, sql.ref("v.site_id"))}`,
  measures: {
    supervision_visits: {
      kind: "count",
      record: e("record_id"),
      recordType: e("record_type"),
      age: "event",
    },
  },
};

export const sources: readonly Source[] = [
  contacts,
  prevention,
  groups,
  referralsMade,
  tests,
  arrivals,
  commodities,
  capacity,
  supervision,
];

/** The source and measure of a counted indicator; undefined for derived ones (ratios, area). */
export function sourceOf(id: IndicatorId): { source: Source; measure: Measure } | undefined {
  for (const source of sources) {
    const measure = source.measures[id];
    if (measure) return { source, measure };
  }
  return undefined;
}
