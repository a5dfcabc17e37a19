// The staff side of the indicators API: any indicators and disaggregations within the user's
// sites, and targets read by the dashboards' readers and written by programme officers.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import type { Database } from "../db/connection.js";
import { buildTestApp, testSecret } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import {
  insertClient,
  insertContact,
  insertProjectFixture,
  type ProjectFixture,
} from "../test-support/fixtures.js";
import { createAccount, type SignedIn, signIn } from "../test-support/sessions.js";

let database: Database;
let app: FastifyInstance;
let f: ProjectFixture;
let officer: SignedIn;
let coordinatorA: SignedIn;

beforeAll(async () => {
  database = await openTestDatabase();
  f = await insertProjectFixture(database.db);
  for (let i = 0; i < 6; i++) {
    const client = await insertClient(database.db, i < 4 ? f.siteA : f.siteB, {
      sex: i % 2 ? "male" : "female",
    });
    await insertContact(
      database.db,
      i < 4 ? f.siteA : f.siteB,
      client,
      i < 3 ? "2011-07-10" : "2011-09-10",
    );
  }
  app = await buildTestApp(database, "http://localhost:3000");
  const o = await createAccount(database.db, { role: "programme_officer" });
  officer = await signIn(app, o.username, o.password);
  const c = await createAccount(database.db, { role: "site_coordinator", siteIds: [f.siteA.id] });
  coordinatorA = await signIn(app, c.username, c.password);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const get = (url: string, who: SignedIn) =>
  app.inject({ method: "GET", url, headers: who.headers });

describe("GET /api/projects/:slug/indicators", () => {
  it("answers every figure unsuppressed for staff, with the disaggregations asked for", async () => {
    const response = await get(
      `/api/projects/${f.slug}/indicators?period=2011Q3&by=sex,site,age_band%2Bsex&indicators=people_reached,contacts`,
      officer,
    );
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.period).toMatchObject({ kind: "quarter", from: "2011-07-01", to: "2011-09-30" });
    expect(Object.keys(body.figures).sort()).toEqual(["contacts", "people_reached"]);
    expect(body.figures.people_reached.total).toBe(6);
    // Small figures are a staff member's to see: 2 at site B is shown.
    const siteB = body.figures.people_reached.by.site.find(
      (c: { categories: { site: string } }) => c.categories.site === f.siteB.id,
    );
    expect(siteB.value).toBe(2);
    expect(body.figures.people_reached.by["age_band+sex"]).toHaveLength(30);
  });

  it("limits a coordinator to their site, and answers another site as unknown", async () => {
    const own = (
      await get(`/api/projects/${f.slug}/indicators?period=2011Q3`, coordinatorA)
    ).json();
    expect(own.sites.map((s: { code: string }) => s.code)).toEqual(["A"]);
    expect(own.figures.people_reached.total).toBe(4);
    const other = await get(`/api/projects/${f.slug}/indicators?site=B`, coordinatorA);
    expect(other.statusCode).toBe(400);
    expect(other.json().error).toMatchObject({ parameter: "site" });
  });

  it("gives public figures when asked, with small cells withheld", async () => {
    const body = (
      await get(`/api/projects/${f.slug}/indicators?by=site&public=true`, officer)
    ).json();
    expect(body.public).toBe(true);
    expect(body.threshold).toBe(5);
    expect(body.figures.people_reached.total).toBe(6);
    const siteB = body.figures.people_reached.by.site.find(
      (c: { categories: { site: string } }) => c.categories.site === f.siteB.id,
    );
    expect(siteB).toMatchObject({ value: null, withheld: "small" });
    // The public figures are the project's release: a quarter has no people (they are counted
    // once over the project), and a month is not published at all.
    const quarter = (
      await get(`/api/projects/${f.slug}/indicators?period=2011Q3&public=true`, officer)
    ).json();
    expect(quarter.figures.people_reached.total).toBeNull();
    // The last quarter, as the release cuts it to the project's end (October only).
    const last = (
      await get(`/api/projects/${f.slug}/indicators?period=2011Q4&public=true`, officer)
    ).json();
    expect(last.period).toMatchObject({ from: "2011-10-01", to: "2011-10-31" });
    const month = await get(
      `/api/projects/${f.slug}/indicators?period=2011-07&public=true&lang=en`,
      officer,
    );
    expect(month.statusCode).toBe(400);
    expect(month.json().error.message).toContain("published periods: project, 2011Q3, 2011Q4");
  });

  it("gives public figures under the configured PUBLIC_MIN_COUNT", async () => {
    const strict = await buildApp({
      database,
      config: { publicUrl: "http://localhost:3000", logLevel: "silent", publicMinCount: 10 },
      secret: testSecret,
    });
    try {
      const url = `/api/projects/${f.slug}/indicators?by=site&public=true`;
      const body = (await strict.inject({ method: "GET", url, headers: officer.headers })).json();
      expect(body.threshold).toBe(10);
      // Six people, shown under the default threshold of 5, are a small figure under 10.
      expect(body.figures.people_reached).toMatchObject({ total: null, withheld: "small" });
    } finally {
      await strict.close();
    }
  });

  it.each([
    ["period=2011Q5", "period", /quarter 2011Q3/],
    ["by=colour", "by", /sex,age_band\+sex/],
    ["indicators=people,contacts", "indicators", /no indicator/],
    ["commune=abc", "commune", /no commune/],
  ])("answers 400 naming the parameter for ?%s", async (query, parameter, reason) => {
    const response = await get(`/api/projects/${f.slug}/indicators?${query}&lang=en`, officer);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ parameter });
    expect(response.json().error.message).toMatch(reason);
  });

  it("refuses anonymous visitors", async () => {
    const response = await app.inject({ method: "GET", url: `/api/projects/${f.slug}/indicators` });
    expect(response.statusCode).toBe(401);
  });
});

describe("what the indicators API computes at most", () => {
  const refusal = async (query: string, language: "vi" | "en") => {
    const response = await get(
      `/api/projects/${f.slug}/indicators?${query}&lang=${language}`,
      officer,
    );
    expect(response.statusCode).toBe(400);
    return response.json().error;
  };

  it("refuses a period longer than five years, naming the limit in the user's language", async () => {
    const fiveYears = await get(
      `/api/projects/${f.slug}/indicators?period=2011-01-01..2015-12-31&indicators=contacts`,
      officer,
    );
    expect(fiveYears.statusCode).toBe(200);
    const query = "period=2011-01-01..2016-01-31";
    expect(await refusal(query, "vi")).toEqual({
      code: "invalid_parameter",
      parameter: "period",
      message:
        "Tham số “period” không hợp lệ: khoảng thời gian dài nhất là 60 tháng (5 năm); hãy chọn khoảng ngắn hơn",
    });
    expect((await refusal(query, "en")).message).toBe(
      "The parameter “period” is not valid: a period may be at most 60 months (5 years) long; choose a shorter one",
    );
  });

  it("refuses dates before 1900 or after 2100 as not valid", async () => {
    for (const period of ["1899", "2099-01-01..2101-01-01"]) {
      expect(await refusal(`period=${period}`, "en")).toEqual({
        code: "invalid_parameter",
        parameter: "period",
        message:
          "The parameter “period” is not valid: expected a date from 1900-01-01 to 2100-12-31",
      });
    }
  });

  it("refuses breakdowns that would make more cells than the limit, before computing them", async () => {
    // Five years by month, commune, sex and age band: 60 months × 13 communes × every sex and age
    // band, for each indicator that has all four breakdowns — far over 50,000 cells.
    const query = "period=2011-01-01..2015-12-31&by=month%2Bcommune%2Bsex%2Bage_band";
    const vi = await refusal(query, "vi");
    expect(vi).toMatchObject({ code: "invalid_parameter", parameter: "by" });
    expect(vi.message).toMatch(
      /^Tham số “by” không hợp lệ: các cách phân tổ này cho khoảng [\d.]+ ô số liệu, vượt giới hạn 50\.000 ô;/,
    );
    expect((await refusal(query, "en")).message).toMatch(
      /would give about [\d,]+ figures, more than the limit of 50,000; choose a shorter period, fewer sites or fewer breakdowns$/,
    );
    // The same breakdown over one month of two indicators is small enough.
    const small = await get(
      `/api/projects/${f.slug}/indicators?period=2011-07&indicators=people_reached,contacts&by=month%2Bcommune%2Bsex%2Bage_band`,
      officer,
    );
    expect(small.statusCode).toBe(200);
  });

  it("refuses more than twelve breakdowns in one request", async () => {
    const by = [
      "sex",
      "age_band",
      "population_group",
      "site",
      "commune",
      "month",
      "service",
      "result",
      "modality",
      "testing_status",
      "item",
      "age_band+sex",
      "site+sex",
    ].join(",");
    expect(await refusal(`period=2011-07&by=${encodeURIComponent(by)}`, "en")).toEqual({
      code: "invalid_parameter",
      parameter: "by",
      message: "The parameter “by” is not valid: at most 12 breakdowns in one request",
    });
  });
});

describe("targets", () => {
  const put = (who: SignedIn, targets: unknown[]) =>
    app.inject({
      method: "PUT",
      url: `/api/projects/${f.slug}/targets?lang=en`,
      headers: who.unsafeHeaders,
      payload: { targets },
    });

  it("sets targets, replaces them on a retry, and sums quarters into the year", async () => {
    const targets = [
      { indicator: "people_reached", period: "2011Q3", value: 10 },
      { indicator: "people_reached", period: "2011Q4", value: 20 },
      { site: "A", indicator: "people_reached", period: "2011Q3", value: 8 },
      { site: "B", indicator: "contacts", period: "2011Q3", value: 4 },
    ];
    expect((await put(officer, targets)).json()).toEqual({ saved: 4 });
    // A retry of the same request changes nothing; a new value replaces the old one.
    expect((await put(officer, targets)).statusCode).toBe(200);
    await put(officer, [{ site: "A", indicator: "people_reached", period: "2011Q3", value: 5 }]);
    const count = await database.db
      .selectFrom("targets")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(4);

    const quarter = (await get(`/api/projects/${f.slug}/indicators?period=2011Q3`, officer)).json();
    expect(quarter.targets.total).toMatchObject({ people_reached: 10, contacts: 4 });
    expect(quarter.targets.bySite[f.siteA.id]).toEqual({ people_reached: 5 });
    const year = (await get(`/api/projects/${f.slug}/indicators?period=2011`, officer)).json();
    expect(year.targets.total.people_reached).toBe(30);
    // The coordinator sees their own site's targets only.
    const listed = (
      await get(`/api/projects/${f.slug}/targets?period=2011Q3`, coordinatorA)
    ).json();
    expect(listed.targets.map((t: { site: string | null }) => t.site).sort()).toEqual(["A", null]);
  });

  it("writes nothing when one target is wrong, and names it", async () => {
    const response = await put(officer, [
      { indicator: "contacts", period: "2011-08", value: 3 },
      { indicator: "hiv_positivity", period: "2011-08", value: 0.1 },
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ parameter: "targets.1.indicator" });
    expect(response.json().error.message).toMatch(/ratio/);
    const bad = await put(officer, [{ indicator: "contacts", period: "Q3", value: 3 }]);
    expect(bad.json().error).toMatchObject({ parameter: "targets.0.period" });
    const rows = await database.db
      .selectFrom("targets")
      .selectAll()
      .where("period_start", "=", "2011-08-01")
      .execute();
    expect(rows).toEqual([]);
  });

  it("lets only administrators and programme officers set targets", async () => {
    const response = await put(coordinatorA, [
      { indicator: "contacts", period: "2011Q3", value: 1 },
    ]);
    expect(response.statusCode).toBe(403);
  });
});
