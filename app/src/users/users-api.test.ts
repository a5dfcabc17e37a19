// The users screens' calls against the real server with the demo loaded: an administrator lists,
// creates and changes accounts through the app's api (CSRF header, PATCH, refusals naming their
// field in the user's language), and what the form sends is what the server accepts.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/connection.js";
import { loadDemo } from "../../../src/demo/service.js";
import { buildTestApp } from "../../../src/test-support/app.js";
import { openTestDatabase } from "../../../src/test-support/database.js";
import type { Reference } from "../db/meta.js";
import { type Api, ApiError, createApi } from "../sync/api.js";
import { cookieFetch } from "../test-support/real-server.js";
import { changesOf, checkUser, generatePassword } from "./rules.js";

let database: Database;
let app: FastifyInstance;
let url: string;

beforeAll(async () => {
  database = await openTestDatabase();
  await loadDemo(database.db);
  app = await buildTestApp(database);
  await app.listen({ port: 0, host: "127.0.0.1" });
  url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}, 60_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** A phone signed in as `username`: the app's api over a cookie jar, the CSRF token kept. */
async function signIn(
  username: string,
  password: string,
  options: { withoutCsrf?: boolean; locale?: "vi" | "en" } = {},
): Promise<Api> {
  let csrf: string | undefined;
  const api = createApi({
    baseUrl: url,
    fetch: cookieFetch(),
    csrfToken: () => (options.withoutCsrf ? undefined : csrf),
    locale: () => options.locale ?? "vi",
  });
  csrf = (await api.login(username, password)).csrf_token;
  return api;
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("managing users from the app, against the real server", () => {
  let admin: Api;
  let reference: Reference;
  beforeAll(async () => {
    admin = await signIn("admin", "quan-tri-2011-demo");
    reference = await admin.reference();
  });

  it("lists the demo's accounts with their role, sites and state", async () => {
    const users = await admin.users();
    const byName = new Map(users.map((u) => [u.username, u]));
    expect(byName.get("admin")).toMatchObject({
      role: "administrator",
      site_ids: [],
      disabled: false,
      locked_until: null,
    });
    const worker = byName.get("worker.tg");
    expect(worker?.role).toBe("outreach_worker");
    expect(worker?.site_ids).toHaveLength(1);
    // The administrator's reference data has every site, so the form can offer them all.
    expect(reference.sites.map((s) => s.id)).toEqual(expect.arrayContaining(worker!.site_ids));
  });

  it("creates an outreach worker as the form sends it, who can then sign in", async () => {
    const [site] = reference.sites;
    const staff = reference.staff.find((s) => s.site_ids.includes(site!.id));
    const password = generatePassword("lan.test");
    const draft = {
      username: " Lan.Test ",
      displayName: "Lò Thị Lan",
      role: "outreach_worker" as const,
      siteIds: [site!.id],
      password,
    };
    expect(checkUser(draft, "create")).toEqual({});
    const created = await admin.createUser({
      username: "lan.test",
      display_name: draft.displayName,
      role: draft.role,
      password,
      site_ids: draft.siteIds,
      staff_id: staff?.id ?? null,
      locale: "en",
    });
    expect(created).toMatchObject({
      username: "lan.test",
      display_name: "Lò Thị Lan",
      role: "outreach_worker",
      site_ids: [site!.id],
      staff_id: staff?.id ?? null,
      locale: "en",
      disabled: false,
    });
    expect((await admin.users()).map((u) => u.username)).toContain("lan.test");
    const lan = await signIn("lan.test", password);
    expect((await lan.me()).user).toMatchObject({ username: "lan.test", locale: "en" });
  });

  it("answers refusals naming the field, in the administrator's language", async () => {
    const [a, b] = reference.sites;
    const base = {
      username: "new.worker",
      display_name: "Người mới",
      role: "outreach_worker" as const,
      password: generatePassword("new.worker"),
      site_ids: [a!.id],
      locale: "vi" as const,
    };
    const taken = await refusal(admin.createUser({ ...base, username: "admin" }));
    expect(taken).toMatchObject({ status: 400, code: "invalid_parameter", parameter: "username" });
    expect(taken.message).toContain("tên đăng nhập này đã có người dùng");

    const twoSites = await refusal(admin.createUser({ ...base, site_ids: [a!.id, b!.id] }));
    expect(twoSites.parameter).toBe("site_ids");
    expect(twoSites.message).toContain("tiếp cận viên làm việc ở đúng một địa bàn");
    // The form says the same before asking.
    expect(
      checkUser(
        {
          username: base.username,
          displayName: "x",
          role: base.role,
          siteIds: [a!.id, b!.id],
          password: base.password,
        },
        "create",
      ).site_ids,
    ).toBe("outreach_worker_one_site");

    // In English: an English-speaking administrator whose app is switched to English (the
    // account's language and the app's Accept-Language agree, whichever the server prefers).
    const englishPassword = generatePassword("admin.en");
    const englishAdmin = await admin.createUser({
      ...base,
      username: "admin.en",
      role: "administrator",
      site_ids: [],
      password: englishPassword,
      locale: "en",
    });
    try {
      const english = await signIn("admin.en", englishPassword, { locale: "en" });
      const common = await refusal(english.createUser({ ...base, password: "matkhau123" }));
      expect(common.parameter).toBe("password");
      expect(common.message).toContain("most used passwords");

      const noSite = await refusal(
        english.createUser({ ...base, role: "site_coordinator", site_ids: [] }),
      );
      expect(noSite.parameter).toBe("site_ids");
      expect(noSite.message).toContain("at least one site");
    } finally {
      // Leave "admin" the only active administrator again.
      await admin.updateUser(englishAdmin.id, { disabled: true });
    }
    expect((await admin.users()).map((u) => u.username)).not.toContain("new.worker");
  });

  it("edits an account with only what changed: role and sites, language, a new password", async () => {
    const [a, b] = reference.sites;
    const before = (await admin.users()).find((u) => u.username === "lan.test")!;
    const password = generatePassword("lan.test");
    const changes = changesOf(before, {
      displayName: "Lò Thị Lan (ĐPV)",
      role: "site_coordinator",
      siteIds: [a!.id, b!.id],
      staffId: before.staff_id ?? "",
      locale: "vi",
      password,
    });
    expect(changes).toEqual({
      display_name: "Lò Thị Lan (ĐPV)",
      role: "site_coordinator",
      site_ids: [a!.id, b!.id],
      locale: "vi",
      password,
    });
    const after = await admin.updateUser(before.id, changes);
    expect(after).toMatchObject({
      display_name: "Lò Thị Lan (ĐPV)",
      role: "site_coordinator",
      locale: "vi",
    });
    expect([...after.site_ids].sort()).toEqual([a!.id, b!.id].sort());
    const lan = await signIn("lan.test", password);
    expect((await lan.me()).user.role).toBe("site_coordinator");

    // Back to an outreach worker needs exactly one site: the server names the field.
    const refused = await refusal(
      admin.updateUser(
        before.id,
        changesOf(after, { ...fromUser(after), role: "outreach_worker" }),
      ),
    );
    expect(refused.parameter).toBe("site_ids");
  });

  it("disables and enables an account; disabling ends its sessions", async () => {
    const lanUser = (await admin.users()).find((u) => u.username === "lan.test")!;
    const password = generatePassword("lan.test");
    await admin.updateUser(lanUser.id, { password });
    const lan = await signIn("lan.test", password);
    expect((await admin.updateUser(lanUser.id, { disabled: true })).disabled).toBe(true);
    expect((await refusal(lan.me())).status).toBe(401);
    expect((await refusal(signIn("lan.test", password))).code).toBe("invalid_credentials");
    expect((await admin.updateUser(lanUser.id, { disabled: false })).disabled).toBe(false);
    await signIn("lan.test", password);
  });

  it("keeps the last administrator, and says why on the field", async () => {
    const me = (await admin.users()).find((u) => u.username === "admin")!;
    const demoted = await refusal(admin.updateUser(me.id, { role: "programme_officer" }));
    expect(demoted).toMatchObject({ status: 400, parameter: "role" });
    const disabled = await refusal(admin.updateUser(me.id, { disabled: true }));
    expect(disabled.parameter).toBe("disabled");
  });

  it("is refused without the CSRF header, and to anyone but an administrator", async () => {
    const noCsrf = await signIn("admin", "quan-tri-2011-demo", { withoutCsrf: true });
    const refused = await refusal(
      noCsrf.createUser({
        username: "csrf.test",
        display_name: "x",
        role: "administrator",
        password: generatePassword("csrf.test"),
        site_ids: [],
        locale: "vi",
      }),
    );
    expect(refused).toMatchObject({ status: 403, code: "csrf_failed" });
    const officer = await signIn("officer", "can-bo-2011-demo");
    expect((await refusal(officer.users())).status).toBe(403);
  });
});

function fromUser(user: Awaited<ReturnType<Api["users"]>>[number]) {
  return {
    displayName: user.display_name,
    role: user.role,
    siteIds: user.site_ids,
    staffId: user.staff_id ?? "",
    locale: user.locale,
    password: "",
  };
}
