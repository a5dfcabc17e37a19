// The demo data set checked against the seed page's results with plain SQL over the records:
// live records only (voided_at is null), in the implementation period July–October 2011.
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../test-support/database.js";
import { all, one } from "../test-support/sql.js";
import { loadDemo } from "./service.js";

const from = "2011-07-01";
const to = "2011-10-31";

describe("the demo data set", () => {
  const opened = (async () => {
    const database = await openTestDatabase();
    const summary = await loadDemo(database.db);
    return { db: database.db, summary, close: () => database.close() };
  })();
  afterAll(async () => (await opened).close());

  it("sums up the seed's results", async () => {
    const { summary } = await opened;
    expect(summary).toEqual({
      project: "dien-bien",
      clients: 462,
      contacts: 477,
      groupSessions: 11,
      attendances: 241,
      referrals: 254,
      condoms: 500,
      trainings: 2,
      staff: 19,
      accounts: 7,
    });
  });

  it("leaves the planner knowing the rows it loaded (the embedded database has no autovacuum)", async () => {
    const { db } = await opened;
    const planned = await all<{ relname: string; reltuples: number }>(
      db,
      sql`select relname, reltuples::float8 as reltuples from pg_class
           where relname in ('clients', 'contacts', 'referrals') order by relname`,
    );
    expect(planned.map((t) => [t.relname, Number(t.reltuples) > 0])).toEqual([
      ["clients", true],
      ["contacts", true],
      ["referrals", true],
    ]);
  });

  it("publishes the project of SCDI, sponsored by FHI, with the provincial AIDS centre", async () => {
    const { db } = await opened;
    const project = await one<{ lessons_en: string; background_vi: string }>(
      db,
      sql`select p.slug, p.status, p.starts_on, p.ends_on, p.published_on, o.slug as implementer,
            p.background_vi, p.lessons_en
          from projects p join organisations o on o.id = p.implementer_id`,
    );
    expect(project).toMatchObject({
      slug: "dien-bien",
      status: "published",
      starts_on: "2011-07-01",
      ends_on: "2011-10-31",
      published_on: "2018-09-18",
      implementer: "scdi",
    });
    expect(project.lessons_en.split("\n")).toContain("Monitoring at all levels");
    expect(project.background_vi.split("\n\n")).toHaveLength(4);
    const partners = await all<{ slug: string; kind: string; role: string }>(
      db,
      sql`select o.slug, o.kind, po.role from project_organisations po
          join organisations o on o.id = po.organisation_id order by o.slug`,
    );
    expect(partners).toEqual([
      { slug: "dien-bien-pac", kind: "government_partner", role: "government_partner" },
      { slug: "fhi", kind: "sponsor", role: "sponsor" },
    ]);
  });

  it("has three sites with the seed's population estimates and every 2011 commune of their district", async () => {
    const { db } = await opened;
    const sites = await all(
      db,
      sql`select s.code, d.code as district, s.name_en, s.population_size_estimate as estimate,
            (select count(*)::int from site_communes sc join places p on p.id = sc.place_id
              where sc.site_id = s.id and p.parent_id = s.place_id) as communes
          from sites s join places d on d.id = s.place_id order by s.code`,
    );
    expect(sites).toEqual([
      { code: "DB", district: "100", name_en: "Điện Biên district", estimate: 300, communes: 19 },
      { code: "DBP", district: "094", name_en: "Điện Biên Phủ city", estimate: 180, communes: 9 },
      { code: "TG", district: "099", name_en: "Tuần Giáo district", estimate: 270, communes: 14 },
    ]);
  });

  it("has 19 staff: a coordinator and outreach workers at each site", async () => {
    const { db } = await opened;
    const teams = await all(
      db,
      sql`select s.code, count(*) filter (where st.role = 'coordinator')::int as coordinators,
            count(*) filter (where st.role = 'outreach_worker')::int as workers
          from staff st join staff_sites ss on ss.staff_id = st.id join sites s on s.id = ss.site_id
          group by s.code order by s.code`,
    );
    expect(teams).toEqual([
      { code: "DB", coordinators: 1, workers: 6 },
      { code: "DBP", coordinators: 1, workers: 5 },
      { code: "TG", coordinators: 1, workers: 5 },
    ]);
    expect(await one(db, sql`select count(*)::int as n from staff`)).toEqual({ n: 19 });
  });

  it("reaches 462 people in 477 contacts, 15 of them twice", async () => {
    const { db } = await opened;
    const reach = await one(
      db,
      sql`select count(distinct client_id)::int as people, count(*)::int as contacts
          from contacts where voided_at is null and contact_date between ${from} and ${to}`,
    );
    expect(reach).toEqual({ people: 462, contacts: 477 });
    const repeats = await all(
      db,
      sql`select n::int as contacts, count(*)::int as people from (
            select client_id, count(*) as n from contacts
            where voided_at is null and contact_date between ${from} and ${to} group by client_id
          ) per_client group by n order by n`,
    );
    expect(repeats).toEqual([
      { contacts: 1, people: 447 },
      { contacts: 2, people: 15 },
    ]);
  });

  it("counts the client met at two sites at each of them and once in the project", async () => {
    const { db } = await opened;
    const perSite = await all(
      db,
      sql`select s.code, count(distinct c.client_id)::int as people, count(*)::int as contacts
          from contacts c join sites s on s.id = c.site_id
          where c.voided_at is null and c.contact_date between ${from} and ${to}
          group by s.code order by s.code`,
    );
    expect(perSite).toEqual([
      { code: "DB", people: 169, contacts: 174 },
      { code: "DBP", people: 150, contacts: 155 },
      { code: "TG", people: 144, contacts: 148 },
    ]);
    const travellers = await all(
      db,
      sql`select client_id from contacts where voided_at is null and contact_date between ${from} and ${to}
          group by client_id having count(distinct site_id) = 2`,
    );
    expect(travellers).toHaveLength(1);
  });

  it("covers 9 of 9 communes in the city, 9 of 19 in Điện Biên and 7 of 14 in Tuần Giáo", async () => {
    const { db } = await opened;
    const coverage = await all(
      db,
      sql`select s.code,
            (select count(distinct c.commune_id)::int from contacts c
              join site_communes sc on sc.site_id = s.id and sc.place_id = c.commune_id
              where c.site_id = s.id and c.voided_at is null
                and c.contact_date between ${from} and ${to}) as covered,
            (select count(*)::int from site_communes sc where sc.site_id = s.id) as communes
          from sites s order by s.code`,
    );
    expect(coverage).toEqual([
      { code: "DB", covered: 9, communes: 19 },
      { code: "DBP", covered: 9, communes: 9 },
      { code: "TG", covered: 7, communes: 14 },
    ]);
    const outside = await one(
      db,
      sql`select count(*)::int as n from contacts c
          where c.voided_at is null and c.contact_date between ${from} and ${to}
            and not exists (select 1 from site_communes sc where sc.site_id = c.site_id and sc.place_id = c.commune_id)`,
    );
    expect(outside).toEqual({ n: 0 });
  });

  it("holds 11 group sessions with 241 attendances of clients the site had registered", async () => {
    const { db } = await opened;
    const sessions = await all(
      db,
      sql`select s.code, count(distinct g.id)::int as sessions, count(a.id)::int as attendances
          from group_sessions g join sites s on s.id = g.site_id
          left join group_attendances a on a.session_id = g.id and a.voided_at is null
          where g.voided_at is null and g.held_on between ${from} and ${to}
          group by s.code order by s.code`,
    );
    expect(sessions).toEqual([
      { code: "DB", sessions: 4, attendances: 96 },
      { code: "DBP", sessions: 4, attendances: 87 },
      { code: "TG", sessions: 3, attendances: 58 },
    ]);
    const strangers = await one(
      db,
      sql`select count(*)::int as n from group_attendances a
          join group_sessions g on g.id = a.session_id join clients c on c.id = a.client_id
          where a.voided_at is null and (c.site_id <> g.site_id or c.registered_on > g.held_on or c.voided_at is not null)`,
    );
    expect(strangers).toEqual({ n: 0 });
  });

  it("counts 254 VCT visits, mostly negative, and refers the positives to treatment", async () => {
    const { db } = await opened;
    const tests = await one(
      db,
      sql`select count(*)::int as visits,
            count(*) filter (where result = 'positive')::int as positive,
            count(*) filter (where result = 'negative')::int as negative
          from referrals where voided_at is null and service = 'hiv_test'
            and arrived_on between ${from} and ${to}`,
    );
    expect(tests).toEqual({ visits: 254, positive: 5, negative: 249 });
    const linkage = await one(
      db,
      sql`select count(*)::int as referred, count(t.arrived_on)::int as arrived
          from referrals t where t.voided_at is null and t.service = 'art'
            and t.client_id in (select client_id from referrals where service = 'hiv_test'
              and result = 'positive' and voided_at is null)`,
    );
    expect(linkage).toEqual({ referred: 5, arrived: 4 });
    const services = await all<{ service: string }>(
      db,
      sql`select distinct service from referrals where voided_at is null order by service`,
    );
    expect(services.map((s) => s.service)).toEqual(["art", "hiv_test", "mmt", "srh", "sti"]);
    const pending = await one(
      db,
      sql`select count(*)::int as n from referrals
          where voided_at is null and service = 'hiv_test' and arrived_on is null`,
    );
    expect(pending.n).toBeGreaterThan(0);
  });

  it("hands out exactly 500 condoms, at contacts and at group sessions", async () => {
    const { db } = await opened;
    const condoms = await one<{ total: number; at_contacts: number; at_sessions: number }>(
      db,
      sql`select sum(quantity)::int as total,
            sum(quantity) filter (where contact_id is not null and client_id is not null)::int as at_contacts,
            sum(quantity) filter (where group_session_id is not null)::int as at_sessions
          from commodity_distributions
          where voided_at is null and item = 'condom' and distributed_on between ${from} and ${to}`,
    );
    expect(condoms.total).toBe(500);
    expect(condoms.at_contacts + condoms.at_sessions).toBe(500);
    expect(condoms.at_sessions).toBeGreaterThan(0);
  });

  it("trains all 19 people in two initial courses in July and coaches each site twice", async () => {
    const { db } = await opened;
    const initial = await one(
      db,
      sql`select count(distinct t.id)::int as courses, count(distinct p.staff_id)::int as people,
            bool_and(t.site_id is null and t.starts_on between '2011-07-01' and '2011-07-31') as in_july
          from trainings t join training_participants p on p.training_id = t.id and p.voided_at is null
          where t.voided_at is null and t.kind = 'initial'`,
    );
    expect(initial).toEqual({ courses: 2, people: 19, in_july: true });
    const coaching = await all(
      db,
      sql`select s.code, count(distinct t.id)::int as rounds,
            bool_and(ss.site_id is not null) as own_staff_only
          from trainings t join sites s on s.id = t.site_id
          join training_participants p on p.training_id = t.id
          left join staff_sites ss on ss.staff_id = p.staff_id and ss.site_id = t.site_id
          where t.voided_at is null and t.kind = 'coaching' and t.starts_on between ${from} and ${to}
          group by s.code order by s.code`,
    );
    expect(coaching).toEqual([
      { code: "DB", rounds: 2, own_staff_only: true },
      { code: "DBP", rounds: 2, own_staff_only: true },
      { code: "TG", rounds: 2, own_staff_only: true },
    ]);
  });
});
