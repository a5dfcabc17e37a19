// How the demo's records look, beyond the seed's totals: clients known by a UIC only, records that
// must not count (voided, or after the period) and filters that leave them out, work spread over
// the period like real field work, and timestamps taken from the records' own dates.
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../test-support/database.js";
import { all, one } from "../test-support/sql.js";
import { loadDemo } from "./service.js";

const from = "2011-07-01";
const to = "2011-10-31";

describe("the demo's records", () => {
  const opened = (async () => {
    const database = await openTestDatabase();
    await loadDemo(database.db);
    return database;
  })();
  afterAll(async () => (await opened).close());

  it("knows clients by a UIC only, unique among live clients", async () => {
    const { db } = await opened;
    const clients = await one(
      db,
      sql`select count(*)::int as n, count(distinct uic)::int as uics,
            bool_and(uic ~ '^[A-Z]{4}[123][0-9]{2}$') as well_formed,
            bool_and(name_encrypted is null and phone_encrypted is null) as anonymous,
            bool_and(birth_year between 1960 and 1995) as adults,
            count(*) filter (where sex = 'female' and population_group = 'partner_pwud')::int as partners
          from clients where voided_at is null`,
    );
    expect(clients).toMatchObject({
      n: 462,
      uics: 462,
      well_formed: true,
      anonymous: true,
      adults: true,
    });
    expect(clients.partners).toBeGreaterThan(462 * 0.7);
    const registered = await one(
      db,
      sql`select bool_and(c.registered_on = (select min(contact_date) from contacts k
            where k.client_id = c.id and k.voided_at is null)) as on_first_contact,
            bool_and(exists (select 1 from site_communes sc
              where sc.site_id = c.site_id and sc.place_id = c.home_commune_id)) as lives_in_area
          from clients c where c.voided_at is null`,
    );
    expect(registered).toEqual({ on_first_contact: true, lives_in_area: true });
  });

  it("holds voided records and records after the period, which the filters leave out", async () => {
    const { db } = await opened;
    const voided = await one(
      db,
      sql`select
            (select count(*)::int from contacts where voided_at is not null) as contacts,
            (select count(*)::int from clients where voided_at is not null) as clients,
            (select count(*)::int from group_attendances where voided_at is not null) as attendances,
            (select count(*)::int from referrals where voided_at is not null and service = 'hiv_test') as tests,
            (select count(*)::int from commodity_distributions where voided_at is not null) as handouts,
            (select count(*)::int from contacts where voided_at is null and contact_date > ${to}) as later_contacts,
            (select count(*)::int from referrals where voided_at is null and arrived_on > ${to}) as later_tests`,
    );
    expect(voided).toEqual({
      contacts: 4,
      clients: 1,
      attendances: 1,
      tests: 1,
      handouts: 1,
      later_contacts: 3,
      later_tests: 1,
    });
    const duplicate = await one(
      db,
      sql`select count(*)::int as n from clients d join clients c on c.uic = d.uic and c.voided_at is null
          where d.voided_at is not null`,
    );
    expect(duplicate).toEqual({ n: 1 });
    // Without the filters, every figure would be wrong.
    const unfiltered = await one(
      db,
      sql`select (select count(*)::int from contacts) as contacts,
            (select count(distinct client_id)::int from contacts) as people,
            (select count(*)::int from group_attendances) as attendances,
            (select count(*)::int from referrals where service = 'hiv_test' and arrived_on is not null) as tests,
            (select sum(quantity)::int from commodity_distributions where item = 'condom') as condoms,
            (select count(distinct commune_id)::int from contacts c join sites s on s.id = c.site_id
              where s.code = 'DB') as db_communes`,
    );
    expect(unfiltered.contacts).toBeGreaterThan(477);
    expect(unfiltered.people).toBeGreaterThan(462);
    expect(unfiltered.attendances).toBeGreaterThan(241);
    expect(unfiltered.tests).toBeGreaterThan(254);
    expect(unfiltered.condoms).toBeGreaterThan(500);
    expect(unfiltered.db_communes).toBeGreaterThan(9);
  });

  it("spreads the work over the period, busier from August than in July, rarely on Sundays", async () => {
    const { db } = await opened;
    const months = await all<{ month: string; n: number }>(
      db,
      sql`select to_char(contact_date, 'MM') as month, count(*)::int as n from contacts
          where voided_at is null and contact_date between ${from} and ${to} group by 1 order by 1`,
    );
    expect(months.map((m) => m.month)).toEqual(["07", "08", "09", "10"]);
    const [july, ...later] = months.map((m) => m.n);
    for (const n of later) expect(n).toBeGreaterThan(2 * july!);
    const sundays = await one<{ sundays: number; tuesdays: number }>(
      db,
      sql`select count(*) filter (where extract(dow from contact_date) = 0)::int as sundays,
            count(*) filter (where extract(dow from contact_date) = 2)::int as tuesdays
          from contacts where voided_at is null`,
    );
    expect(sundays.sundays).toBeLessThan(sundays.tuesdays / 2);
  });

  it("dates every record's creation on the day of the record, in Việt Nam", async () => {
    const { db } = await opened;
    const mismatches = await one(
      db,
      sql`select
            (select count(*)::int from contacts
              where (created_at at time zone 'Asia/Ho_Chi_Minh')::date <> contact_date) as contacts,
            (select count(*)::int from clients
              where (created_at at time zone 'Asia/Ho_Chi_Minh')::date <> registered_on) as clients,
            (select count(*)::int from referrals where updated_at < created_at) as referrals`,
    );
    expect(mismatches).toEqual({ contacts: 0, clients: 0, referrals: 0 });
  });

  it("records a few supervision visits at each site", async () => {
    const { db } = await opened;
    const visits = await all<{ code: string; visits: number }>(
      db,
      sql`select s.code, count(*)::int as visits from supervision_visits v join sites s on s.id = v.site_id
          where v.voided_at is null and v.visited_on between ${from} and ${to} group by s.code order by s.code`,
    );
    expect(visits.map((v) => v.code)).toEqual(["DB", "DBP", "TG"]);
    for (const v of visits) expect(v.visits).toBeGreaterThanOrEqual(2);
  });
});
