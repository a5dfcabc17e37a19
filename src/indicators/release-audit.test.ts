// The auditor: every figure the public surface publishes, read as a visitor reads it, and for each
// withheld one the range of values the published figures still allow (linear-programming bounds,
// src/test-support/disclosure-audit.ts). Each range must be at least the threshold wide — for the
// demo through the public API, and for randomised small programmes through the release every
// public surface reads.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import type { Database } from "../db/connection.js";
import { loadDemo } from "../demo/service.js";
import { buildTestApp, testSecret } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { type AuditFigure, auditRanges, wideEnough } from "../test-support/disclosure-audit.js";
import {
  insertClient,
  insertContact,
  insertGroupSession,
  insertProjectFixture,
  insertReferral,
} from "../test-support/fixtures.js";
import { definitionOf, type IndicatorId } from "./definitions.js";
import { computeRelease, type Release } from "./release.js";
import { type ResultsIndicatorId, resultsIndicators } from "./service.js";

const auditedIndicators = resultsIndicators.filter((id) => definitionOf(id).aboutClients);
const countingOf = (id: IndicatorId) =>
  definitionOf(id).counting === "unique" ? ("people" as const) : ("records" as const);

interface Answer {
  period: { from: string; to: string };
  total: Record<ResultsIndicatorId, number | null>;
  sites: Array<{ code: string; values: Record<ResultsIndicatorId, number | null> }>;
  published: Array<{ period: string; from: string; to: string }>;
  unpublished: ResultsIndicatorId[];
  threshold: number;
}

/** Every withheld figure whose range is narrower than the threshold, with its range. */
function narrowRanges(figures: Map<IndicatorId, AuditFigure[]>, threshold: number): string[] {
  const narrow: string[] = [];
  for (const [id, list] of figures) {
    for (const range of auditRanges(list, countingOf(id))) {
      if (!wideEnough(range, threshold)) {
        narrow.push(`${id} ${range.label}: ${range.min}..${range.max}`);
      }
    }
  }
  return narrow;
}

function withheldCount(figures: Map<IndicatorId, AuditFigure[]>): number {
  return [...figures.values()].flat().filter((f) => f.value === null).length;
}

describe("the demo's public figures", () => {
  let database: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await openTestDatabase();
    await loadDemo(database.db);
    app = await buildTestApp(database);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const results = async (query: string) => {
    const response = await app.inject({
      method: "GET",
      url: `/api/projects/dien-bien/results${query}`,
      headers: { "accept-language": "en" },
    });
    return response;
  };

  it("refuse every period but the published ones, so no two figures differ by a month or a day", async () => {
    const first = (await results("")).json() as Answer;
    expect(first.published).toEqual([
      { period: "project", from: "2011-07-01", to: "2011-10-31" },
      { period: "2011Q3", from: "2011-07-01", to: "2011-09-30" },
      { period: "2011Q4", from: "2011-10-01", to: "2011-10-31" },
    ]);
    // The attack: July to August minus August, and from= dating a visit to its day.
    for (const query of [
      "?period=2011-07-01..2011-08-31&site=TG",
      "?period=2011-08&site=TG",
      "?period=2011",
      "?from=2011-07-01&to=2011-08-31",
      "?from=2011-07-02",
      "?to=2011-10-30",
    ]) {
      const response = await results(query);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.message, query).toContain(
        "public figures exist only for the published periods: project, 2011Q3, 2011Q4",
      );
    }
    // A published period by its dates is the same answer as by its name.
    const byDates = (await results("?from=2011-10-01&to=2011-10-31")).json() as Answer;
    const byName = (await results("?period=2011Q4")).json() as Answer;
    expect(byDates).toEqual(byName);
    // A quarter is published for all sites together: one site's quarter would be the difference.
    const quarterAtSite = await results("?period=2011Q3&site=TG");
    expect(quarterAtSite.statusCode).toBe(400);
    expect(quarterAtSite.json().error.message).toContain(
      "a quarter is published for all sites together",
    );
  });

  it("leave every withheld figure a range at least the threshold wide, given every published one", async () => {
    // The demo's figures are large: at 5 little is withheld, so it is audited at 50 and 150 too.
    let withheld = 0;
    for (const threshold of [5, 50, 100]) {
      const strict = await buildApp({
        database,
        config: {
          publicUrl: "http://localhost:3000",
          logLevel: "silent",
          publicMinCount: threshold,
        },
        secret: testSecret,
      });
      try {
        const figures = await publishedFigures(strict);
        await expectPageToAgree(strict, threshold);
        withheld += withheldCount(figures);
        expect(narrowRanges(figures, threshold), `threshold ${threshold}`).toEqual([]);
      } finally {
        await strict.close();
      }
    }
    expect(withheld).toBeGreaterThan(5);
  });
});

/**
 * The project page publishes the same figures as the API: people reached per site (its table), as
 * a number, "<threshold" when small or "×" when withheld to protect one.
 */
async function expectPageToAgree(app: FastifyInstance, threshold: number) {
  const page = (await app.inject({ method: "GET", url: "/en/projects/dien-bien" })).body;
  const answer = (
    await app.inject({ method: "GET", url: "/api/projects/dien-bien/results" })
  ).json() as Answer & { sites: Array<{ name: { en: string }; suppressed: string[] }> };
  for (const site of answer.sites) {
    const row = new RegExp(`<th scope="row">${site.name.en}</th><td>[^<]*</td><td>([^<]*)</td>`);
    const shown = row.exec(page)?.[1];
    const value = site.values.people_reached;
    const expected =
      value !== null
        ? value.toLocaleString("en-GB")
        : site.suppressed.includes("people_reached")
          ? `&lt;${threshold}`
          : "×";
    expect(shown, `${site.code} at ${threshold}`).toBe(expected);
  }
}

/** Every figure about clients the public API answers, for every period and place it publishes. */
async function publishedFigures(app: FastifyInstance): Promise<Map<IndicatorId, AuditFigure[]>> {
  const results = async (query: string) =>
    (
      await app.inject({ method: "GET", url: `/api/projects/dien-bien/results${query}` })
    ).json() as Answer;
  const whole = await results("?period=project");
  const quarterKeys = whole.published.filter((p) => p.period !== "project").map((p) => p.period);
  const siteCodes = whole.sites.map((s) => s.code);
  const figures = new Map<IndicatorId, AuditFigure[]>(auditedIndicators.map((id) => [id, []]));
  const add = (id: IndicatorId, figure: AuditFigure) => figures.get(id)!.push(figure);
  for (const id of auditedIndicators) {
    add(id, {
      quarters: quarterKeys,
      sites: siteCodes,
      value: whole.total[id],
      label: "project all",
    });
  }
  for (const site of whole.sites) {
    const own = await results(`?period=project&site=${site.code}`);
    for (const id of auditedIndicators) {
      // A site's own answer and its row in the whole answer are one published figure.
      expect(own.total[id], `${id} ${site.code}`).toBe(site.values[id]);
      add(id, {
        quarters: quarterKeys,
        sites: [site.code],
        value: own.total[id],
        label: `project ${site.code}`,
      });
    }
  }
  for (const quarter of quarterKeys) {
    const answer = await results(`?period=${quarter}`);
    expect(answer.sites).toEqual([]);
    for (const id of auditedIndicators) {
      // Not published at all (people by quarter) is not a withheld figure: there is no cell.
      if (answer.unpublished.includes(id as ResultsIndicatorId)) continue;
      add(id, { quarters: [quarter], sites: siteCodes, value: answer.total[id], label: quarter });
    }
  }
  return figures;
}

/** A small random number generator with a seed, so that a failure can be replayed. */
function generator(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    state ^= state >>> 13;
    return (state >>> 0) % below;
  };
}

function figuresOf(release: Release): Map<IndicatorId, AuditFigure[]> {
  const quarterKeys = release.periods.filter((p) => p.key !== "project").map((p) => p.key);
  const figures = new Map<IndicatorId, AuditFigure[]>(auditedIndicators.map((id) => [id, []]));
  const whole = release.sets.get("project")!;
  const siteCodes = whole.sites.map((s) => s.code);
  const quarters = quarterKeys.length ? quarterKeys : ["project"];
  for (const id of auditedIndicators) {
    const figure = whole.figures[id]!;
    figures
      .get(id)!
      .push({ quarters, sites: siteCodes, value: figure.total, label: "project all" });
    for (const site of whole.sites) {
      const cell = figure.by.site!.find((c) => c.categories.site === site.id)!;
      figures.get(id)!.push({
        quarters,
        sites: [site.code],
        value: cell.value,
        label: `project ${site.code}`,
      });
    }
    for (const quarter of quarterKeys) {
      const own = release.sets.get(quarter)!.figures[id]!;
      if (own.withheld === "unpublished") continue;
      figures
        .get(id)!
        .push({ quarters: [quarter], sites: siteCodes, value: own.total, label: quarter });
    }
  }
  return figures;
}

describe("randomised small programmes' public figures", () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => database?.close());

  it("leave every withheld figure a range at least the threshold wide", async () => {
    const seeds = [11, 23, 37, 41, 59, 73, 89, 97, 101, 131, 151, 173, 191, 211, 233, 257];
    let withheld = 0;
    for (const seed of seeds) {
      const random = generator(seed);
      const slug = `random-${seed}`;
      const f = await insertProjectFixture(database.db, slug);
      // One to four quarters of 2011.
      const quarters = 1 + random(4);
      const endMonth = 3 * quarters;
      const endsOn = `2011-${String(endMonth).padStart(2, "0")}-${endMonth === 6 || endMonth === 9 ? "30" : "31"}`;
      await database.db
        .updateTable("projects")
        .set({ starts_on: "2011-01-01", ends_on: endsOn })
        .where("id", "=", f.projectId)
        .execute();
      const day = () =>
        `2011-${String(1 + random(endMonth)).padStart(2, "0")}-${String(1 + random(28)).padStart(2, "0")}`;
      for (const site of [f.siteA, f.siteB]) {
        const clients = random(16);
        const ids: string[] = [];
        for (let i = 0; i < clients; i += 1) {
          const client = await insertClient(database.db, site);
          ids.push(client);
          for (let c = 0, n = 1 + random(3); c < n; c += 1) {
            await insertContact(database.db, site, client, day());
          }
          if (random(3) === 0) {
            const on = day();
            await insertReferral(database.db, site, client, {
              referredOn: on,
              arrivedOn: on,
              result: "negative",
            });
          }
        }
        if (ids.length > 0 && random(2) === 0) {
          await insertGroupSession(database.db, site, day(), ids.slice(0, 1 + random(ids.length)));
        }
      }
      const threshold = [3, 5, 5, 10][random(4)]!;
      const release = await computeRelease(database.db, slug, {
        threshold,
        today: "2026-12-05",
        indicators: resultsIndicators,
      });
      const figures = figuresOf(release);
      withheld += withheldCount(figures);
      expect(narrowRanges(figures, threshold), `seed ${seed}, threshold ${threshold}`).toEqual([]);
    }
    // The programmes are small enough that the auditor has work to do.
    expect(withheld).toBeGreaterThan(10);
  });
});
