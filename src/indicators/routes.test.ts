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

  it("takes a period and a site", async () => {
    const july = (
      await get(`/api/projects/${f.slug}/results?from=2011-07-01&to=2011-07-31&site=A`)
    ).json();
    expect(july.period).toEqual({ from: "2011-07-01", to: "2011-07-31" });
    expect(july.sites).toHaveLength(1);
    // Three people is a public figure too small to publish.
    expect(july.total.people_reached).toBeNull();
    expect(july.total).toMatchObject({ communes_in_area: 9 });
    expect(july.suppressed).toContain("people_reached");
  });

  it("takes a period in month, quarter or year form instead of from and to", async () => {
    const july = (await get(`/api/projects/${f.slug}/results?period=2011-07&site=A`)).json();
    expect(july.period).toEqual({ from: "2011-07-01", to: "2011-07-31" });
    const quarter = (await get(`/api/projects/${f.slug}/results?period=2011Q3`)).json();
    expect(quarter.total.people_reached).toBe(6);
  });

  it.each([
    ["period=2011Q5", "period", /quarter 2011Q3/],
    ["period=2011Q3&from=2011-07-01", "period", /not both/],
    ["from=2011-13-01", "from", /YYYY-MM-DD/],
    ["to=2011-02-30", "to", /YYYY-MM-DD/],
    ["from=yesterday", "from", /YYYY-MM-DD/],
    ["from=2011-09-01&to=2011-08-01", "from", /on or before/],
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
