// The audit log of administration, proven through the real routes: each kind of event is written
// by the route that causes it (who, from which address, what, to what — ids, never a client's
// details), the table refuses every change, and GET /api/audit filters and pages it.
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { claimExport, insertExport, storeExportFile } from "../exports/queries.js";
import { newId } from "../lib/ids.js";
import { buildTestApp } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import {
  insertClient,
  insertProjectFixture,
  type ProjectFixture,
} from "../test-support/fixtures.js";
import { createAccount, type SignedIn, signIn } from "../test-support/sessions.js";

let database: Database;
let app: FastifyInstance;
let f: ProjectFixture;
let admin: SignedIn;
let officer: SignedIn;
const office = "198.51.100.14";

beforeAll(async () => {
  database = await openTestDatabase();
  f = await insertProjectFixture(database.db);
  app = await buildTestApp(database);
  const a = await createAccount(database.db, { role: "administrator", username: "root.admin" });
  admin = await signIn(app, a.username, a.password);
  const o = await createAccount(database.db, { role: "programme_officer", username: "po.lan" });
  officer = await signIn(app, o.username, o.password);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

/** A request from the office's address, as the signed-in user. */
function call(
  who: SignedIn,
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  url: string,
  payload?: object,
) {
  return app.inject({
    method,
    url,
    headers: method === "GET" ? who.headers : who.unsafeHeaders,
    remoteAddress: office,
    ...(payload ? { payload } : {}),
  });
}

const lastEntry = async (action: string) =>
  database.db
    .selectFrom("audit_log")
    .select(["actor_id", "channel", "address", "action", "target_type", "target_id", "details"])
    .where("action", "=", action)
    .orderBy("id", "desc")
    .executeTakeFirst();

describe("each act of administration is written by the route that does it", () => {
  let userId: string;

  it("accounts: created, role and sites changed, profile changed, disabled, enabled, password reset", async () => {
    const created = await call(admin, "POST", "/api/users", {
      username: "tcv.moi",
      display_name: "Lò Thị Mai",
      role: "outreach_worker",
      password: "walking to the commune 2011",
      site_ids: [f.siteA.id],
    });
    expect(created.statusCode).toBe(201);
    userId = created.json().id;
    const by = { actor_id: admin.userId, channel: "api", address: office, target_type: "user" };
    expect(await lastEntry("user.created")).toEqual({
      ...by,
      action: "user.created",
      target_id: userId,
      details: { role: "outreach_worker", site_ids: [f.siteA.id] },
    });

    await call(admin, "PATCH", `/api/users/${userId}`, {
      role: "site_coordinator",
      site_ids: [f.siteA.id, f.siteB.id],
    });
    expect(await lastEntry("user.role_changed")).toMatchObject({
      ...by,
      target_id: userId,
      details: { from: "outreach_worker", to: "site_coordinator" },
    });
    expect(await lastEntry("user.sites_changed")).toMatchObject({
      ...by,
      target_id: userId,
      details: { from: [f.siteA.id], to: [f.siteA.id, f.siteB.id].sort() },
    });

    await call(admin, "PATCH", `/api/users/${userId}`, { display_name: "Lò Thị Mai Anh" });
    const profile = await lastEntry("user.profile_changed");
    expect(profile).toMatchObject({ ...by, details: { fields: ["display_name"] } });
    // Which field changed, not to what: a display name is a person's name.
    expect(JSON.stringify(profile)).not.toContain("Mai");

    await call(admin, "PATCH", `/api/users/${userId}`, { disabled: true });
    expect(await lastEntry("user.disabled")).toMatchObject({ ...by, target_id: userId });
    await call(admin, "PATCH", `/api/users/${userId}`, { disabled: false });
    expect(await lastEntry("user.enabled")).toMatchObject({ ...by, target_id: userId });

    await call(admin, "PATCH", `/api/users/${userId}`, { password: "a fresh passphrase for her" });
    const reset = await lastEntry("user.password_reset");
    expect(reset).toMatchObject({ ...by, target_id: userId, details: {} });
    expect(JSON.stringify(reset)).not.toContain("fresh passphrase");

    // A change that changes nothing writes nothing.
    const before = await database.db.selectFrom("audit_log").select("id").execute();
    await call(admin, "PATCH", `/api/users/${userId}`, { locale: "vi" });
    expect(await database.db.selectFrom("audit_log").select("id").execute()).toHaveLength(
      before.length,
    );
  });

  it("a user's own password change", async () => {
    const account = await createAccount(database.db, { role: "supervisor", siteIds: [f.siteA.id] });
    const session = await signIn(app, account.username, account.password);
    const changed = await call(session, "POST", "/api/auth/password", {
      current_password: account.password,
      new_password: "a brand new passphrase here",
    });
    expect(changed.statusCode).toBe(204);
    expect(await lastEntry("user.password_changed")).toEqual({
      actor_id: account.id,
      channel: "api",
      address: office,
      action: "user.password_changed",
      target_type: "user",
      target_id: account.id,
      details: {},
    });
  });

  it("a sign-in delay lifted", async () => {
    const account = await createAccount(database.db, { role: "programme_officer" });
    for (let i = 0; i < 5; i++) {
      await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: account.username, password: `guess ${i}` },
        remoteAddress: "203.0.113.99",
      });
    }
    const list = await call(admin, "GET", "/api/auth/throttles");
    const row = list
      .json()
      .throttles.find((t: { user: { id: string } | null }) => t.user?.id === account.id);
    expect((await call(admin, "DELETE", `/api/auth/throttles/${row.id}`)).statusCode).toBe(204);
    expect(await lastEntry("login_throttle.lifted")).toMatchObject({
      actor_id: admin.userId,
      address: office,
      target_type: "user",
      target_id: account.id,
      details: { kind: "account", failures: 5 },
    });
  });

  it("targets changed", async () => {
    const response = await call(officer, "PUT", `/api/projects/${f.slug}/targets`, {
      targets: [
        { indicator: "people_reached", period: "2011Q3", value: 10 },
        { site: f.siteA.code, indicator: "contacts", period: "2011Q3", value: 4 },
      ],
    });
    expect(response.statusCode).toBe(200);
    expect(await lastEntry("targets.changed")).toEqual({
      actor_id: officer.userId,
      channel: "api",
      address: office,
      action: "targets.changed",
      target_type: "project",
      target_id: f.projectId,
      details: {
        count: 2,
        indicators: ["people_reached", "contacts"],
        sites: [null, f.siteA.code],
        periods: ["2011Q3"],
      },
    });
  });

  it("an export downloaded", async () => {
    const id = newId();
    const now = new Date();
    await insertExport(database.db, {
      id,
      projectId: f.projectId,
      kind: "indicators_xlsx",
      params: {
        period: "2011Q3",
        periodKind: "quarter",
        from: "2011-07-01",
        to: "2011-09-30",
        sites: null,
        locale: "vi",
      },
      requestedBy: officer.userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + 24 * 60 * 60_000),
    });
    const claimed = await claimExport(database.db, id, now);
    await storeExportFile(database.db, id, claimed!.attempts, {
      fileName: "report.txt",
      contentType: "text/plain",
      body: Buffer.from("figures"),
      finishedAt: now,
    });
    const file = await call(officer, "GET", `/api/exports/${id}/file`);
    expect(file.statusCode).toBe(200);
    expect(await lastEntry("export.downloaded")).toEqual({
      actor_id: officer.userId,
      channel: "api",
      address: office,
      action: "export.downloaded",
      target_type: "export",
      target_id: id,
      details: { kind: "indicators_xlsx", period: "2011Q3", site_ids: null },
    });
    // Someone else's export is "not found", and nothing is written.
    const coordinator = await createAccount(database.db, {
      role: "site_coordinator",
      siteIds: [f.siteA.id],
    });
    const session = await signIn(app, coordinator.username, coordinator.password);
    const count = (await database.db.selectFrom("audit_log").select("id").execute()).length;
    expect((await call(session, "GET", `/api/exports/${id}/file`)).statusCode).toBe(404);
    expect((await database.db.selectFrom("audit_log").select("id").execute()).length).toBe(count);
  });

  it("a client's details read: the client by id, with the reason given", async () => {
    const clientId = await insertClient(database.db, f.siteA);
    const read = await call(
      officer,
      "GET",
      `/api/clients/${clientId}/details?reason=${encodeURIComponent("gọi lại hẹn xét nghiệm")}`,
    );
    expect(read.statusCode).toBe(200);
    const entry = await lastEntry("client_details.read");
    expect(entry).toEqual({
      actor_id: officer.userId,
      channel: "api",
      address: office,
      action: "client_details.read",
      target_type: "client",
      target_id: clientId,
      details: { reason: "gọi lại hẹn xét nghiệm" },
    });
    const uic = await database.db
      .selectFrom("clients")
      .select("uic")
      .where("id", "=", clientId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(entry)).not.toContain(uic.uic);
  });
});

describe("the audit_log table", () => {
  it("refuses to change or delete any entry, whoever asks", async () => {
    const [first] = await database.db.selectFrom("audit_log").select("id").limit(1).execute();
    await expect(
      sql`update audit_log set action = 'nothing' where id = ${first!.id}`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from audit_log where id = ${first!.id}`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
    expect(
      await database.db
        .selectFrom("audit_log")
        .select("action")
        .where("id", "=", first!.id)
        .executeTakeFirst(),
    ).not.toEqual({ action: "nothing" });
  });

  it("has no route that changes it", () => {
    const writes = app.registeredRoutes.filter(
      (route) =>
        route.url.startsWith("/api/audit") && route.method !== "GET" && route.method !== "HEAD",
    );
    expect(writes).toEqual([]);
  });
});

describe("GET /api/audit", () => {
  const read = (query: string, who = admin, headers: Record<string, string> = {}) =>
    app.inject({
      method: "GET",
      url: `/api/audit${query}`,
      headers: { ...who.headers, ...headers },
    });

  it("filters by actor, action, target and dates, newest first", async () => {
    const byOfficer = (await read("?actor=PO.Lan")).json();
    expect(byOfficer.entries.length).toBeGreaterThan(0);
    expect(
      byOfficer.entries.every(
        (e: { actor: { username: string } }) => e.actor.username === "po.lan",
      ),
    ).toBe(true);
    const ids = byOfficer.entries.map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const created = (await read("?action=user.created")).json().entries;
    expect(created.length).toBeGreaterThan(0);
    expect(created.every((e: { action: string }) => e.action === "user.created")).toBe(true);
    // A user target comes with its username, for the screen.
    expect(
      created.find((e: { target: { label: string } }) => e.target.label === "tcv.moi"),
    ).toMatchObject({
      actor: { username: "root.admin" },
      address: office,
      channel: "api",
      target: { type: "user" },
    });

    const project = (await read(`?target_type=project&target_id=${f.projectId}`)).json().entries;
    expect(project.map((e: { action: string }) => e.action)).toEqual(["targets.changed"]);
    expect(project[0].target.label).toBe(f.slug);

    const today = new Date(Date.now() + 7 * 60 * 60_000).toISOString().slice(0, 10);
    const all = (await read("?limit=200")).json().entries.length;
    expect((await read(`?from=${today}&to=${today}&limit=200`)).json().entries).toHaveLength(all);
    expect((await read("?from=2001-01-01&to=2001-12-31")).json().entries).toEqual([]);
  });

  it("pages through the log with next_before, a bounded page at a time", async () => {
    const first = (await read("?limit=2")).json();
    expect(first.entries).toHaveLength(2);
    const second = (await read(`?limit=2&before=${first.next_before}`)).json();
    expect(second.entries[0].id).toBeLessThan(first.entries[1].id);
    const everything = (await read("?limit=200")).json();
    expect(everything.next_before).toBeNull();
    expect((await read("?limit=201")).statusCode).toBe(400);
  });

  it("refuses a bad filter with a message in the reader's language", async () => {
    const action = await read("?action=user.deleted", admin, { "accept-language": "vi" });
    expect(action.statusCode).toBe(400);
    expect(action.json().error).toMatchObject({ parameter: "action" });
    expect(action.json().error.message).toMatch(/không có loại việc nào/);
    const dates = await read("?from=2011-08-01&to=2011-07-01", admin, { "accept-language": "en" });
    expect(dates.json().error).toMatchObject({ parameter: "from" });
    const ancient = await read("?from=0000-01-01", admin, { "accept-language": "en" });
    expect(ancient.statusCode).toBe(400);
    expect(ancient.json().error.message).toMatch(/between 2000-01-01 and 2099-12-31/);
  });

  it("is for administrators and programme officers only", async () => {
    expect((await read("", officer)).statusCode).toBe(200);
    const coordinator = await createAccount(database.db, {
      role: "site_coordinator",
      siteIds: [f.siteA.id],
    });
    const session = await signIn(app, coordinator.username, coordinator.password);
    expect((await read("", session)).statusCode).toBe(403);
  });
});
