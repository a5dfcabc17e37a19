import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { loadDemo } from "../demo/service.js";
import { demoAccounts } from "../demo/users.js";
import { buildTestApp } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { type SignedIn, signIn } from "../test-support/sessions.js";
import { ZDashboardSchema, ZFigureRecordsSchema } from "./dashboard-present.js";
import { dashboardStylesheet } from "./dashboard-stylesheet.js";

let database: Database;
let app: FastifyInstance;
const as: Record<string, SignedIn> = {};

const siteNames = {
  TG: "Huyện Tuần Giáo",
  DB: "Huyện Điện Biên",
  DBP: "Thành phố Điện Biên Phủ",
};

beforeAll(async () => {
  database = await openTestDatabase();
  await loadDemo(database.db);
  app = await buildTestApp(database);
  for (const account of demoAccounts) {
    as[account.role] = await signIn(app, account.username, account.password);
  }
}, 120_000);
afterAll(async () => {
  await app.close();
  await database.close();
});

const get = (url: string, who?: string, headers: Record<string, string> = {}) =>
  app.inject({ method: "GET", url, headers: { ...(who ? as[who]!.headers : {}), ...headers } });

/** The page's text without its charts (whose labels repeat the figures). */
const textOf = (html: string) =>
  html
    .replace(/<svg[\s\S]*?<\/svg>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&");

describe("GET /dashboard/:slug", () => {
  it("shows a coordinator their own site's figures and names no other site", async () => {
    const response = await get("/dashboard/dien-bien", "site_coordinator");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/html");
    expect(response.headers["cache-control"]).toBe("no-store");
    const text = textOf(response.body);
    expect(text).toContain(siteNames.TG);
    expect(text).not.toContain(siteNames.DB);
    expect(text).not.toContain(siteNames.DBP);
    // Tuần Giáo's people reached (the demo's 144), linked to the records behind it.
    expect(response.body).toMatch(
      /<a href="\/dashboard\/dien-bien\/records\?indicator=people_reached&amp;period=2011-07-01..2011-10-31&amp;lang=vi">144<\/a>/,
    );
    // Charts are SVG drawn on the server, each with a title and its figures as a table.
    expect(response.body.match(/<svg class="chart__svg" role="img"/g)).toHaveLength(3);
    expect(response.body).toContain('<title id="chart-reach-title">');
    expect(response.body.match(/<details><summary>Bảng số liệu<\/summary>/g)).toHaveLength(3);
    expect(response.body).toContain(`href="${dashboardStylesheet.path}"`);
    expect(response.body).not.toContain("<script");
  });

  it("shows a supervisor their area's figures without links to records", async () => {
    const response = await get("/dashboard/dien-bien", "supervisor");
    expect(response.statusCode).toBe(200);
    const text = textOf(response.body);
    expect(text).toContain(siteNames.DB);
    expect(text).not.toContain(siteNames.TG);
    expect(response.body).not.toContain("/records?");
    expect(text).toContain("Danh sách chi tiết dành cho điều phối viên");
  });

  it("answers another site's code with the form and the reason, status 400", async () => {
    for (const site of ["DB", "ZZ"]) {
      const response = await get(`/dashboard/dien-bien?site=${site}`, "site_coordinator");
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('role="alert"');
      expect(textOf(response.body)).toContain("Địa bàn: không có địa bàn nào với mã này");
      expect(textOf(response.body)).not.toContain(siteNames.DB);
    }
  });

  it("keeps a wrong period in the form and says what it should be, in the asked language", async () => {
    const response = await get("/dashboard/dien-bien?period=2011Q9&lang=en", "administrator");
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<html lang="en"');
    expect(response.body).toContain('value="2011Q9"');
    expect(response.body).toContain('aria-invalid="true"');
    expect(textOf(response.body)).toContain("Period: expected a reporting period");
  });

  it("keeps a period longer than five years in the form and names the limit", async () => {
    const response = await get(
      "/dashboard/dien-bien?period=2006-07-01..2011-10-31&lang=en",
      "administrator",
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('value="2006-07-01..2011-10-31"');
    expect(textOf(response.body)).toContain(
      "Period: a period may be at most 60 months (5 years) long; choose a shorter one",
    );
  });

  it("is in the account's language unless another is asked for", async () => {
    const vi = await get("/dashboard/dien-bien", "administrator", { "accept-language": "en" });
    expect(vi.body).toContain('<html lang="vi"');
    const en = await get("/dashboard/dien-bien?lang=en&period=2011Q3&site=TG", "administrator");
    expect(en.statusCode).toBe(200);
    expect(textOf(en.body)).toContain("Results against targets");
    expect(textOf(en.body)).toContain("Tuần Giáo district");
    expect(en.body).toContain('value="2011Q3"');
    // The language switch keeps the filters.
    expect(en.body).toContain('href="/dashboard/dien-bien?period=2011Q3&amp;site=TG&amp;lang=vi"');
  });

  it("refuses outreach workers with a page that leads back to the app", async () => {
    const response = await get("/dashboard/dien-bien", "outreach_worker");
    expect(response.statusCode).toBe(403);
    expect(response.headers["content-type"]).toContain("text/html");
    expect(response.body).toContain('href="/app/"');
  });

  it("asks an anonymous visitor to sign in through the staff app, in both languages", async () => {
    const response = await get("/dashboard/dien-bien");
    expect(response.statusCode).toBe(401);
    expect(response.headers["content-type"]).toContain("text/html");
    const text = textOf(response.body);
    expect(text).toContain("Cần đăng nhập");
    expect(text).toContain("Please sign in");
    expect(response.body).toContain('href="/app/"');
  });

  it("answers an unknown project with the not-found page", async () => {
    const response = await get("/dashboard/no-such-project", "administrator");
    expect(response.statusCode).toBe(404);
    expect(response.headers["content-type"]).toContain("text/html");
  });

  it("serves its stylesheet for a year", async () => {
    const response = await get(dashboardStylesheet.path);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/css");
    expect(response.headers["cache-control"]).toContain("immutable");
  });
});

describe("GET /dashboard/:slug/records", () => {
  it("lists the records behind a figure for a coordinator, as many as the figure", async () => {
    const dashboard = (await get("/api/dashboard/dien-bien", "site_coordinator")).json();
    const august = dashboard.trends[0].series.find(
      (s: { indicator: string }) => s.indicator === "contacts",
    ).values[1];
    const response = await get(
      "/dashboard/dien-bien/records?indicator=contacts&cell=month:2011-08",
      "site_coordinator",
    );
    expect(response.statusCode).toBe(200);
    expect(response.body.match(/<tr><td class="num">/g)).toHaveLength(august);
    expect(textOf(response.body)).toContain(`Số lượt tiếp cận: ${august}`);
    expect(textOf(response.body)).not.toContain(siteNames.DB);
  });

  it("is not for supervisors", async () => {
    const response = await get("/dashboard/dien-bien/records?indicator=contacts", "supervisor");
    expect(response.statusCode).toBe(403);
    expect(response.headers["content-type"]).toContain("text/html");
  });

  it("answers a figure without records with the form and the reason", async () => {
    const response = await get(
      "/dashboard/dien-bien/records?indicator=reach_vs_estimate",
      "site_coordinator",
    );
    expect(response.statusCode).toBe(400);
    expect(textOf(response.body)).toContain("không có chỉ số nào với mã này");
  });
});

describe("GET /api/dashboard/:slug", () => {
  it("gives the dashboard's data in the user's scope", async () => {
    const response = await get("/api/dashboard/dien-bien?period=2011Q3", "site_coordinator");
    expect(response.statusCode).toBe(200);
    const body = ZDashboardSchema.parse(response.json());
    expect(body.period).toEqual({
      kind: "quarter",
      from: "2011-07-01",
      to: "2011-09-30",
      text: "2011Q3",
    });
    expect(body.scope.sites.map((s) => s.code)).toEqual(["TG"]);
    expect(body.sites.find((r) => r.indicator === "people_reached")?.by_site).toHaveProperty("TG");
    expect(body.communes.every((c) => c.site_codes.every((code) => code === "TG"))).toBe(true);
    expect(body.may_list_records).toBe(true);
    const all = ZDashboardSchema.parse(
      (await get("/api/dashboard/dien-bien", "administrator")).json(),
    );
    const people = all.headline[0]!.indicators.find((i) => i.id === "people_reached");
    expect(people?.value).toBe(462);
    expect(all.scope.sites.map((s) => s.code).sort()).toEqual(["DB", "DBP", "TG"]);
  });

  it("refuses a period longer than five years, for the data and the records behind a figure", async () => {
    for (const url of [
      "/api/dashboard/dien-bien?period=2006-07-01..2011-10-31&lang=vi",
      "/api/dashboard/dien-bien/records?indicator=contacts&period=2006-07-01..2011-10-31&lang=vi",
    ]) {
      const response = await get(url, "administrator");
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error).toEqual({
        code: "invalid_parameter",
        parameter: "period",
        message:
          "Tham số “period” không hợp lệ: khoảng thời gian dài nhất là 60 tháng (5 năm); hãy chọn khoảng ngắn hơn",
      });
    }
  });

  it("answers another site's code as an unknown site, like one that does not exist", async () => {
    for (const site of ["DB", "ZZ"]) {
      const response = await get(`/api/dashboard/dien-bien?site=${site}`, "site_coordinator");
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: "invalid_parameter", parameter: "site" });
    }
  });

  it("refuses outreach workers and anonymous callers", async () => {
    expect((await get("/api/dashboard/dien-bien", "outreach_worker")).statusCode).toBe(403);
    const anonymous = await get("/api/dashboard/dien-bien");
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe("unauthenticated");
  });

  it("gives supervisors the data-quality counts without the lists", async () => {
    const body = ZDashboardSchema.parse(
      (await get("/api/dashboard/dien-bien", "supervisor")).json(),
    );
    expect(body.may_list_records).toBe(false);
    expect(body.data_quality.suspected_duplicates.pairs).toEqual([]);
  });

  it("gives the records behind a figure as JSON", async () => {
    const response = await get(
      "/api/dashboard/dien-bien/records?indicator=people_reached&cell=sex:female&period=2011-08",
      "site_coordinator",
    );
    expect(response.statusCode).toBe(200);
    const body = ZFigureRecordsSchema.parse(response.json());
    expect(body.cell).toEqual({ sex: "female" });
    expect(body.subjects).toBe(body.figure);
    expect(body.page_count).toBe(1);
    expect(new Set(body.items.map((i) => i.uic)).size).toBe(body.figure);
    expect(body.items.every((i) => i.sites.length === 1 && i.sites[0] === "TG")).toBe(true);
  });
});
