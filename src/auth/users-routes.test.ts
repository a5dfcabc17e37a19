// Accounts as an administrator manages them over HTTP: the rules, each refusal naming its field
// in the administrator's language, and the last active administrator who cannot go away.
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
let admin: SignedIn;
let adminId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  f = await insertProjectFixture(database.db);
  app = await buildTestApp(database);
  const account = await createAccount(database.db, { role: "administrator", username: "root" });
  adminId = account.id;
  admin = await signIn(app, account.username, account.password);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const english = () => ({ ...admin.unsafeHeaders, "accept-language": "en" });
const createUser = (payload: object) =>
  app.inject({ method: "POST", url: "/api/users", headers: english(), payload });
const patchUser = (id: string, payload: object, headers = english()) =>
  app.inject({ method: "PATCH", url: `/api/users/${id}`, headers, payload });

const worker = (overrides: object = {}) => ({
  username: `worker.${newId().slice(-6)}`,
  display_name: "TCV A 1",
  role: "outreach_worker",
  password: "walking to the commune 2011",
  site_ids: [f.siteA.id],
  ...overrides,
});

describe("POST /api/users", () => {
  it("creates an account and lists it", async () => {
    const response = await createUser(
      worker({ username: "Worker.A1", staff_id: f.staffA, locale: "en" }),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      username: "worker.a1",
      role: "outreach_worker",
      site_ids: [f.siteA.id],
      staff_id: f.staffA,
      locale: "en",
      disabled: false,
      locked_until: null,
    });
    const list = await app.inject({ method: "GET", url: "/api/users", headers: admin.headers });
    expect(list.json().users.map((u: { username: string }) => u.username)).toContain("worker.a1");
    expect(JSON.stringify(list.json())).not.toMatch(/argon2|password/);
    await signIn(app, "worker.a1", "walking to the commune 2011");
  });

  // Overrides are functions: the table is built before beforeAll has made the fixture.
  it.each<[string, () => object, string, RegExp]>([
    ["a short username", () => ({ username: "ab" }), "username", /3–40 characters/],
    ["a space", () => ({ username: "lan nguyen" }), "username", /3–40 characters/],
    ["a taken username", () => ({ username: "worker.a1" }), "username", /already taken/],
    ["a short password", () => ({ password: "short" }), "password", /at least 10 characters/],
    [
      "the username in the password",
      () => ({ username: "lan.b", password: "lan.b is me 2011" }),
      "password",
      /must not contain the username/,
    ],
    ["a common password", () => ({ password: "matkhau1234" }), "password", /most used passwords/],
    [
      "the person's name",
      () => ({ display_name: "Lò Thị Hoa", password: "Lò Thị Hoa 1992" }),
      "password",
      /a word about you/,
    ],
    ["a worker without a site", () => ({ site_ids: [] }), "site_ids", /at least one site/],
    [
      "a worker at two sites",
      () => ({ site_ids: [f.siteA.id, f.siteB.id] }),
      "site_ids",
      /exactly one site/,
    ],
    [
      "a coordinator without a site",
      () => ({ role: "site_coordinator", site_ids: [] }),
      "site_ids",
      /at least one site/,
    ],
    [
      "a supervisor without a site",
      () => ({ role: "supervisor", site_ids: [] }),
      "site_ids",
      /at least one site/,
    ],
    ["an unknown site", () => ({ site_ids: [newId()] }), "site_ids", /no site with this id/],
    ["a site code for an id", () => ({ site_ids: ["TG"] }), "site_ids.0", /no site with this id/],
    ["an unknown staff member", () => ({ staff_id: newId() }), "staff_id", /no staff member/],
    ["an unknown role", () => ({ role: "director" }), "role", /not valid/],
    ["a blank name", () => ({ display_name: "  " }), "display_name", /required/],
    ["an unknown field", () => ({ colour: "blue" }), "colour", /not supported/],
  ])("refuses %s, naming the field", async (_label, overrides, parameter, reason) => {
    const response = await createUser(worker(overrides()));
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error).toMatchObject({ code: "invalid_parameter", parameter });
    expect(error.message).toMatch(reason);
  });

  it("explains in Vietnamese by default", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin.unsafeHeaders,
      payload: worker({ site_ids: [f.siteA.id, f.siteB.id] }),
    });
    expect(response.json().error.message).toBe(
      "Tham số “site_ids” không hợp lệ: tiếp cận viên làm việc ở đúng một địa bàn",
    );
  });

  it("lets programme officers and administrators have no site", async () => {
    const response = await createUser(worker({ role: "programme_officer", site_ids: [] }));
    expect(response.statusCode).toBe(201);
  });
});

describe("PATCH /api/users/:id", () => {
  it("changes the name, role, sites and language, effective on the user's next request", async () => {
    const account = await createAccount(database.db, {
      role: "outreach_worker",
      siteIds: [f.siteA.id],
    });
    const session = await signIn(app, account.username, account.password);
    const response = await patchUser(account.id, {
      display_name: "ĐPV A",
      role: "site_coordinator",
      site_ids: [f.siteA.id, f.siteB.id],
      locale: "en",
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ display_name: "ĐPV A", role: "site_coordinator" });
    const me = await app.inject({ method: "GET", url: "/api/auth/me", headers: session.headers });
    expect(me.json().user).toMatchObject({ role: "site_coordinator", locale: "en" });
    expect(me.json().user.site_ids.sort()).toEqual([f.siteA.id, f.siteB.id].sort());
  });

  it("keeps a role's rule about sites when only the role changes", async () => {
    const account = await createAccount(database.db, { role: "programme_officer" });
    const response = await patchUser(account.id, { role: "supervisor" });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ parameter: "site_ids" });
  });

  it("disables an account, ending its sessions, and enables it again", async () => {
    const account = await createAccount(database.db, { role: "programme_officer" });
    const session = await signIn(app, account.username, account.password);
    expect((await patchUser(account.id, { disabled: true })).json().disabled).toBe(true);
    const me = await app.inject({ method: "GET", url: "/api/auth/me", headers: session.headers });
    expect(me.statusCode).toBe(401);
    await expect(signIn(app, account.username, account.password)).rejects.toThrow(/401/);
    expect((await patchUser(account.id, { disabled: false })).json().disabled).toBe(false);
    await signIn(app, account.username, account.password);
  });

  it("sets a new password: sessions end and a lock-out is lifted", async () => {
    const account = await createAccount(database.db, { role: "programme_officer" });
    const session = await signIn(app, account.username, account.password);
    for (let i = 0; i < 5; i++) {
      await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: account.username, password: `wrong ${i}` },
      });
    }
    const locked = await app.inject({ method: "GET", url: "/api/users", headers: admin.headers });
    const row = locked.json().users.find((u: { id: string }) => u.id === account.id);
    expect(row.locked_until).not.toBeNull();

    const weak = await patchUser(account.id, { password: "short" });
    expect(weak.json().error).toMatchObject({ parameter: "password" });
    const ok = await patchUser(account.id, { password: "a fresh passphrase 2011" });
    expect(ok.json().locked_until).toBeNull();
    const me = await app.inject({ method: "GET", url: "/api/auth/me", headers: session.headers });
    expect(me.statusCode).toBe(401);
    await signIn(app, account.username, "a fresh passphrase 2011");
  });

  it("answers 404 for an unknown account", async () => {
    const response = await patchUser(newId(), { locale: "vi" });
    expect(response.statusCode).toBe(404);
  });

  it("never leaves the organisation without an active administrator", async () => {
    const selfDisable = await patchUser(adminId, { disabled: true });
    expect(selfDisable.statusCode).toBe(400);
    expect(selfDisable.json().error).toMatchObject({ parameter: "disabled" });
    expect(selfDisable.json().error.message).toMatch(/last active administrator/);
    const selfDemote = await patchUser(adminId, { role: "programme_officer" });
    expect(selfDemote.json().error).toMatchObject({ parameter: "role" });

    // With a second administrator, the first may step down; the second then may not.
    const second = await createAccount(database.db, { role: "administrator" });
    expect((await patchUser(adminId, { role: "programme_officer" })).statusCode).toBe(200);
    const secondSession = await signIn(app, second.username, second.password);
    const headers = { ...secondSession.unsafeHeaders, "accept-language": "en" };
    const last = await patchUser(second.id, { disabled: true }, headers);
    expect(last.json().error).toMatchObject({ parameter: "disabled" });
    // Restore the first administrator for the other tests.
    expect((await patchUser(adminId, { role: "administrator" }, headers)).statusCode).toBe(200);
  });
});
