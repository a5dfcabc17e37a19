// POST /api/people/uic-check: before registering a client, is the code taken at the site, and how
// many near-identical codes are there — counted at that site only, never naming a client the
// caller may not read.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { newId } from "../lib/ids.js";
import { buildTestApp } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture, type ProjectFixture } from "../test-support/fixtures.js";
import { createAccount, type SignedIn, signIn } from "../test-support/sessions.js";

let database: Database;
let app: FastifyInstance;
let f: ProjectFixture;
const as: Record<string, SignedIn & { id: string }> = {};
const ids: Record<string, string> = {};

async function insertClient(
  name: string,
  siteId: string,
  createdBy: string | null,
  uic: string,
  options: { sex?: "female" | "male"; birthYear?: number; voided?: boolean } = {},
) {
  const id = newId();
  await database.db
    .insertInto("clients")
    .values({
      id,
      site_id: siteId,
      uic,
      sex: options.sex ?? "female",
      birth_year: options.birthYear ?? 1985,
      population_group: "partner_pwud",
      registered_on: "2011-08-01",
      created_by: createdBy,
      ...(options.voided
        ? { voided_at: new Date("2011-09-01T00:00:00Z"), void_reason: "registered twice" }
        : {}),
    })
    .execute();
  ids[name] = id;
}

beforeAll(async () => {
  database = await openTestDatabase();
  f = await insertProjectFixture(database.db);
  app = await buildTestApp(database);
  const accounts = {
    officer: { role: "programme_officer" as const },
    coordinatorA: { role: "site_coordinator" as const, siteIds: [f.siteA.id] },
    workerA: { role: "outreach_worker" as const, siteIds: [f.siteA.id] },
    otherWorkerA: { role: "outreach_worker" as const, siteIds: [f.siteA.id] },
    supervisorA: { role: "supervisor" as const, siteIds: [f.siteA.id] },
  };
  for (const [name, account] of Object.entries(accounts)) {
    const created = await createAccount(database.db, account);
    as[name] = { id: created.id, ...(await signIn(app, created.username, created.password)) };
  }
  // Site A: the code itself (the worker's), two codes one letter off (the worker's and a
  // colleague's), one off but of another sex, one of another birth year, one two letters off,
  // and a voided one letter off. Site B: the same code and a code one letter off.
  await insertClient("own", f.siteA.id, as.workerA!.id, "HOTH285");
  await insertClient("ownNear", f.siteA.id, as.workerA!.id, "HOTA285");
  await insertClient("colleagueNear", f.siteA.id, as.otherWorkerA!.id, "HOTH2850");
  await insertClient("otherSex", f.siteA.id, as.otherWorkerA!.id, "HOTU285", { sex: "male" });
  await insertClient("otherYear", f.siteA.id, as.otherWorkerA!.id, "HOTE285", {
    birthYear: 1986,
  });
  await insertClient("twoOff", f.siteA.id, as.otherWorkerA!.id, "HAXH285");
  await insertClient("voidedNear", f.siteA.id, as.otherWorkerA!.id, "HOTO285", { voided: true });
  await insertClient("atB", f.siteB.id, null, "HOTH285");
  await insertClient("atBNear", f.siteB.id, null, "LATH285");
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const check = (who: string, body: Record<string, unknown>, language = "en") =>
  app.inject({
    method: "POST",
    url: "/api/people/uic-check",
    headers: { ...as[who]!.unsafeHeaders, "accept-language": language },
    payload: body,
  });

const candidate = (overrides: Record<string, unknown> = {}) => ({
  site_id: f.siteA.id,
  uic: "HOTH285",
  sex: "female",
  birth_year: 1985,
  ...overrides,
});

describe("POST /api/people/uic-check", () => {
  it("says whether the code is taken at the site and counts the near codes of the same sex and birth year", async () => {
    const response = await check("coordinatorA", candidate());
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(["exact", "similar", "visible"]);
    expect(body.exact).toBe(true);
    expect(body.similar).toBe(2);
    expect([...body.visible].sort()).toEqual([ids.own, ids.ownNear, ids.colleagueNear].sort());
  });

  it("names to an outreach worker only the clients they registered, and counts the rest", async () => {
    const body = (await check("workerA", candidate())).json();
    expect(body).toMatchObject({ exact: true, similar: 2 });
    expect([...body.visible].sort()).toEqual([ids.own, ids.ownNear].sort());
    const colleague = (await check("otherWorkerA", candidate())).json();
    expect(colleague).toEqual({ exact: true, similar: 2, visible: [ids.colleagueNear] });
  });

  it("counts only at the site asked about: another site's same code is not taken here", async () => {
    // LATH285 exists only at site B, and no code at site A is one letter from it.
    expect((await check("workerA", candidate({ uic: "LATH285" }))).json()).toEqual({
      exact: false,
      similar: 0,
      visible: [],
    });
    expect(
      (await check("officer", candidate({ site_id: f.siteB.id, uic: "LATH285" }))).json(),
    ).toEqual({ exact: true, similar: 0, visible: [ids.atBNear] });
    // HOTH285 at site B: taken there too, and its site A neighbours are not counted.
    expect((await check("officer", candidate({ site_id: f.siteB.id }))).json()).toEqual({
      exact: true,
      similar: 0,
      visible: [ids.atB],
    });
  });

  it("reads the code as the server stores it (upper case, no diacritics)", async () => {
    expect((await check("workerA", candidate({ uic: " hoth285 " }))).json()).toMatchObject({
      exact: true,
    });
  });

  it("is refused at a site the caller may not register clients at, whatever is there", async () => {
    for (const site of [f.siteB.id, newId()]) {
      const response = await check("workerA", candidate({ site_id: site }));
      expect(response.statusCode).toBe(403);
      expect(Object.keys(response.json())).toEqual(["error"]);
    }
  });

  it("is not for supervisors", async () => {
    expect((await check("supervisorA", candidate())).statusCode).toBe(403);
  });

  it("refuses a malformed code, sex or birth year with a message in the caller's language", async () => {
    const bad = await check("workerA", candidate({ uic: "H!" }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ parameter: "uic" });
    expect(bad.json().error.message).toMatch(/4–20 plain letters and digits/);
    const vi = await check("workerA", candidate({ birth_year: 1850 }), "vi");
    expect(vi.statusCode).toBe(400);
    expect(vi.json().error.message).toMatch(/năm sinh/);
    expect((await check("workerA", candidate({ sex: "unknown" }))).statusCode).toBe(400);
  });
});
