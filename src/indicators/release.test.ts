// The periods a project publishes, and what the public surface says before there are any.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { newId } from "../lib/ids.js";
import { loadReferencePlaces } from "../places/service.js";
import { buildTestApp } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture } from "../test-support/published-project.js";
import { type Release, ReleaseCache, releasePeriods, todayInVietnam } from "./release.js";

const keys = (periods: ReturnType<typeof releasePeriods>) =>
  periods.map((p) => `${p.key} ${p.from}..${p.to}`);

describe("the published periods", () => {
  it("are the whole project and each of its quarters, cut to its dates, once the project has ended", () => {
    expect(
      keys(releasePeriods({ starts_on: "2011-07-15", ends_on: "2012-01-20" }, "2026-12-05")),
    ).toEqual([
      "project 2011-07-15..2012-01-20",
      "2011Q3 2011-07-15..2011-09-30",
      "2011Q4 2011-10-01..2011-12-31",
      "2012Q1 2012-01-01..2012-01-20",
    ]);
  });

  it("are only the quarters that have ended while the project runs, the whole project up to them", () => {
    expect(
      keys(releasePeriods({ starts_on: "2026-01-01", ends_on: "2027-12-31" }, "2026-10-01")),
    ).toEqual([
      "project 2026-01-01..2026-09-30",
      "2026Q1 2026-01-01..2026-03-31",
      "2026Q2 2026-04-01..2026-06-30",
      "2026Q3 2026-07-01..2026-09-30",
    ]);
    // The last day of a quarter is not over until the next day.
    expect(
      keys(releasePeriods({ starts_on: "2026-01-01", ends_on: "2027-12-31" }, "2026-09-30")),
    ).toHaveLength(3);
  });

  it("are the whole project alone when it lies within one quarter, and none before a quarter ends", () => {
    expect(
      keys(releasePeriods({ starts_on: "2011-07-01", ends_on: "2011-08-31" }, "2026-12-05")),
    ).toEqual(["project 2011-07-01..2011-08-31"]);
    expect(
      releasePeriods({ starts_on: "2026-11-01", ends_on: "2027-10-31" }, "2026-12-05"),
    ).toEqual([]);
  });

  it("follow today's date in Việt Nam, seven hours ahead of UTC", () => {
    expect(todayInVietnam(new Date("2026-12-31T17:30:00Z"))).toBe("2027-01-01");
    expect(todayInVietnam(new Date("2026-12-31T16:30:00Z"))).toBe("2026-12-31");
  });
});

describe("a project whose first quarter has not ended", () => {
  let database: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await openTestDatabase();
    await loadReferencePlaces(database.db);
    await insertProjectFixture(database.db, { slug: "moi" });
    await database.db
      .updateTable("projects")
      .set({ starts_on: todayInVietnam(), ends_on: "2100-12-31" })
      .where("slug", "=", "moi")
      .execute();
    app = await buildTestApp(database);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it("has a page that says when figures will come, and an API that says there are none yet", async () => {
    const page = await app.inject({ method: "GET", url: "/vi/du-an/moi" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("kết quả đầu tiên có khi quý đầu tiên của dự án kết thúc");
    const english = await app.inject({ method: "GET", url: "/en/projects/moi" });
    expect(english.body).toContain("the first results appear once its first quarter has ended");
    const api = await app.inject({ method: "GET", url: "/api/projects/moi/results?lang=en" });
    expect(api.statusCode).toBe(400);
    expect(api.json().error.message).toContain("the project has published no figures yet");
  });
});

describe("the release cache", () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    await loadReferencePlaces(database.db);
    await insertProjectFixture(database.db, { slug: "thu" });
  });
  afterAll(async () => database?.close());

  it("shares one computation until a record changes, then computes again from the records", async () => {
    await database.changes.ready();
    const cache = new ReleaseCache(database.changes);
    const options = { today: "2026-12-05", indicators: ["condoms_distributed"] as const };
    const first = cache.get(database.db, "thu", { ...options }, 1_000);
    expect(cache.get(database.db, "thu", { ...options }, 30_000)).toBe(first);
    const condoms = async (release: Promise<Release>) =>
      (await release).sets.get("project")!.figures.condoms_distributed!.total;
    const before = (await condoms(first))!;
    const site = await database.db.selectFrom("sites").select("id").executeTakeFirstOrThrow();
    await database.db
      .insertInto("commodity_distributions")
      .values({
        id: newId(),
        site_id: site.id,
        item: "condom",
        quantity: 100,
        distributed_on: "2011-08-01",
        client_id: null,
        contact_id: null,
        group_session_id: null,
        staff_id: null,
        created_by: null,
      })
      .execute();
    await database.changes.settle();
    const after = cache.get(database.db, "thu", { ...options }, 31_000);
    expect(after).not.toBe(first);
    expect(await condoms(after)).toBe(before + 100);
    expect(cache.get(database.db, "thu", { ...options }, 32_000)).toBe(after);
    // A failure is not kept: once the project exists, the next visitor gets its figures.
    await expect(cache.get(database.db, "sau", options, 62_000)).rejects.toThrow();
    await insertProjectFixture(database.db, { slug: "sau" });
    expect((await cache.get(database.db, "sau", options, 62_001)).project.slug).toBe("sau");
  });
});
