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

let database: Database;
let app: FastifyInstance;
let f: ProjectFixture;

beforeAll(async () => {
  database = await openTestDatabase();
  f = await insertProjectFixture(database.db);
  for (let i = 0; i < 6; i++) {
    const client = await insertClient(database.db, f.siteA);
    await insertContact(database.db, f.siteA, client, i < 3 ? "2011-07-10" : "2011-09-10");
  }
  app = await buildTestApp(database, "http://localhost:3000");
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: "GET", url, headers });

describe("GET /api/projects/:slug/results", () => {
  it("answers totals and per-site figures for the project's period", async () => {
    const response = await get(`/api/projects/${f.slug}/results`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.period).toEqual({ from: "2011-07-01", to: "2011-10-31" });
    expect(body.total).toMatchObject({ people_reached: 6, contacts: 6, communes_in_area: 13 });
    expect(body.sites.map((s: { code: string }) => s.code)).toEqual(["A", "B"]);
    expect(body.indicators.map((d: { id: string }) => d.id)).toContain("reach_vs_estimate");
    expect(body.threshold).toBe(5);
  });

  it("withholds figures under the configured PUBLIC_MIN_COUNT, and says which threshold it used", async () => {
    const strict = await buildApp({
      database,
      config: { publicUrl: "http://localhost:3000", logLevel: "silent", publicMinCount: 10 },
      secret: testSecret,
    });
    try {
      const body = (
        await strict.inject({ method: "GET", url: `/api/projects/${f.slug}/results` })
      ).json();
      // Six people are published under the default threshold of 5 (the test above), not under 10.
      expect(body.threshold).toBe(10);
      expect(body.total.people_reached).toBeNull();
      expect(body.suppressed).toContain("people_reached");
    } finally {
      await strict.close();
    }
  });

  it("takes a published period, by name or by its dates, and a site", async () => {
    const quarter = (await get(`/api/projects/${f.slug}/results?period=2011Q3`)).json();
    expect(quarter.period).toEqual({ from: "2011-07-01", to: "2011-09-30" });
    // A quarter is for all sites together.
    expect(quarter.sites).toEqual([]);
    expect(quarter.total).toMatchObject({ contacts: 6, communes_in_area: 13 });
    // People are counted once over the whole project: a quarter does not publish them.
    expect(quarter.total.people_reached).toBeNull();
    expect(quarter.unpublished).toEqual(["people_reached", "reach_vs_estimate"]);
    expect(quarter.protecting).toEqual([]);
    const siteA = (await get(`/api/projects/${f.slug}/results?period=project&site=A`)).json();
    expect(siteA.sites).toHaveLength(1);
    expect(siteA.total).toMatchObject({ people_reached: 6, contacts: 6, communes_in_area: 9 });
    expect(quarter.published).toEqual([
      { period: "project", from: "2011-07-01", to: "2011-10-31" },
      { period: "2011Q3", from: "2011-07-01", to: "2011-09-30" },
      { period: "2011Q4", from: "2011-10-01", to: "2011-10-31" },
    ]);
    const byDates = (
      await get(`/api/projects/${f.slug}/results?from=2011-07-01&to=2011-09-30`)
    ).json();
    expect(byDates).toEqual(quarter);
    const quarterAtSite = await get(`/api/projects/${f.slug}/results?period=2011Q3&site=A&lang=en`);
    expect(quarterAtSite.statusCode).toBe(400);
    expect(quarterAtSite.json().error).toMatchObject({ parameter: "site" });
  });

  it("refuses a month, a year or a range of days that is not published, naming those that are", async () => {
    for (const query of [
      "from=2011-07-01&to=2011-07-31&site=A",
      "period=2011-07",
      "period=2011",
      "period=2011-07-01..2011-08-31",
      "from=2011-07-02",
    ]) {
      const response = await get(`/api/projects/${f.slug}/results?${query}`, {
        "accept-language": "en",
      });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.message, query).toContain(
        "public figures exist only for the published periods: project, 2011Q3, 2011Q4",
      );
    }
    const vi = (await get(`/api/projects/${f.slug}/results?period=2011-07`)).json();
    expect(vi.error.message).toBe(
      "Tham số “period” không hợp lệ: số liệu công khai chỉ có cho các kỳ đã công bố: project, 2011Q3, 2011Q4 (cả dự án hoặc một quý đã kết thúc)",
    );
  });

  it.each([
    ["period=2011Q5", "period", /published periods: project, 2011Q3, 2011Q4/],
    ["period=2011Q3&from=2011-07-01", "period", /not both/],
    ["from=2011-13-01", "from", /YYYY-MM-DD/],
    ["to=2011-02-30", "to", /YYYY-MM-DD/],
    ["from=yesterday", "from", /YYYY-MM-DD/],
    ["from=2011-09-01&to=2011-08-01", "from", /published periods/],
    ["site=ZZ", "site", /no site with this code/],
    ["colour=blue", "colour", /not supported/],
  ])("answers 400 naming the parameter for ?%s", async (query, parameter, reason) => {
    const response = await get(`/api/projects/${f.slug}/results?${query}`, {
      "accept-language": "en",
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error).toMatchObject({ code: "invalid_parameter", parameter });
    expect(error.message).toContain(`“${parameter}”`);
    expect(error.message).toMatch(reason);
  });

  it("says what is wrong in Vietnamese by default and in English when asked", async () => {
    const vi = (await get(`/api/projects/${f.slug}/results?from=2011-13-01`)).json();
    expect(vi.error.message).toBe(
      "Tham số “from” không hợp lệ: cần một ngày có thật theo dạng NNNN-TT-NN, ví dụ 2011-07-01",
    );
    const en = (
      await get(`/api/projects/${f.slug}/results?from=2011-13-01`, {
        "accept-language": "en-GB,en",
      })
    ).json();
    expect(en.error.message).toMatch(/^The parameter “from” is not valid/);
    const lang = (await get(`/api/projects/${f.slug}/results?from=2011-13-01&lang=en`)).json();
    expect(lang.error.message).toMatch(/^The parameter “from” is not valid/);
  });

  it("refuses dates before 1900 or after 2100 as not valid, before they reach the database", async () => {
    for (const [query, parameter] of [
      ["from=0000-01-01&to=2011-10-31", "from"],
      ["from=0001-01-01&to=9999-12-31", "from"],
      ["from=2011-07-01&to=9999-12-31", "to"],
    ] as const) {
      const response = await get(`/api/projects/${f.slug}/results?${query}&lang=en`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error).toEqual({
        code: "invalid_parameter",
        parameter,
        message: `The parameter “${parameter}” is not valid: expected a date from 1900-01-01 to 2100-12-31`,
      });
    }
  });

  it("answers 404 for an unknown or unpublished project", async () => {
    expect((await get("/api/projects/nope/results")).statusCode).toBe(404);
    await database.db
      .updateTable("projects")
      .set({ status: "draft" })
      .where("id", "=", f.projectId)
      .execute();
    try {
      const response = await get(`/api/projects/${f.slug}/results`);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe("not_found");
    } finally {
      await database.db
        .updateTable("projects")
        .set({ status: "published" })
        .where("id", "=", f.projectId)
        .execute();
    }
  });
});

describe("GET /healthz", () => {
  it("answers 200 while the database answers", async () => {
    const response = await get("/healthz");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok", database: database.engine });
  });

  it("answers 503 when the database does not", async () => {
    const other = await openTestDatabase();
    const broken = await buildTestApp(other, "http://localhost:3000");
    await other.close();
    const response = await broken.inject({ method: "GET", url: "/healthz" });
    expect(response.statusCode).toBe(503);
    expect(response.json().status).toBe("unavailable");
    await broken.close();
  });
});
