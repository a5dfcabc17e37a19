// Signing in and out over HTTP: the cookie, the CSRF token, the log-in's origin check, the
// lock-out as a visitor sees it, and sessions that end.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { buildTestApp } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture, type ProjectFixture } from "../test-support/fixtures.js";
import { createAccount, signIn } from "../test-support/sessions.js";

let database: Database;
let app: FastifyInstance;
let f: ProjectFixture;

beforeAll(async () => {
  database = await openTestDatabase();
  f = await insertProjectFixture(database.db);
  app = await buildTestApp(database);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const logIn = (payload: object, headers: Record<string, string> = {}) =>
  app.inject({ method: "POST", url: "/api/auth/login", payload, headers });

describe("POST /api/auth/login", () => {
  it("opens a session: an HttpOnly, same-site cookie and a CSRF token in the body", async () => {
    const account = await createAccount(database.db, {
      role: "site_coordinator",
      siteIds: [f.siteA.id],
      displayName: "ĐPV A",
    });
    const response = await logIn({
      username: account.username.toUpperCase(),
      password: account.password,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    const body = response.json();
    expect(body.user).toEqual({
      id: account.id,
      username: account.username,
      display_name: "ĐPV A",
      role: "site_coordinator",
      site_ids: [f.siteA.id],
      staff_id: null,
      locale: "vi",
    });
    expect(body.csrf_token).toMatch(/^[\w-]{43}$/);
    const cookie = response.cookies.find((c) => c.name === "peerlink_session")!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
    expect(cookie.secure).toBeUndefined();
    expect(cookie.value).toMatch(/^[\w-]{43}$/);
    // The database keeps only a hash of the token.
    const stored = await database.db.selectFrom("sessions").select("token_hash").execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(cookie.value);
  });

  it("marks the cookie Secure when the site is served over https", async () => {
    const secure = await buildTestApp(database, "https://peerlink.example.org");
    const account = await createAccount(database.db, { role: "programme_officer" });
    const response = await secure.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: account.username, password: account.password },
    });
    expect(response.cookies.find((c) => c.name === "peerlink_session")?.secure).toBe(true);
    await secure.close();
  });

  it("answers the same for a wrong password and an unknown username, in the visitor's language", async () => {
    const account = await createAccount(database.db, { role: "programme_officer" });
    const wrong = await logIn({ username: account.username, password: "not the password" });
    const unknown = await logIn({ username: "nobody.here", password: "not the password" });
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.cookies).toEqual([]);
      expect(response.json()).toEqual({
        error: {
          code: "invalid_credentials",
          message: "Tên đăng nhập hoặc mật khẩu không đúng.",
        },
      });
    }
    const english = await logIn(
      { username: "nobody.here", password: "x" },
      { "accept-language": "en" },
    );
    expect(english.json().error.message).toBe("The username or password is not correct.");
  });

  it("makes the next attempt wait after five failures, says for how long, with Retry-After", async () => {
    const account = await createAccount(database.db, { role: "programme_officer" });
    const remoteAddress = "192.0.2.31";
    const attempts = [];
    for (let i = 0; i < 5; i++) {
      attempts.push(
        await app.inject({
          method: "POST",
          url: "/api/auth/login",
          payload: { username: account.username, password: `wrong guess ${i}` },
          remoteAddress,
        }),
      );
    }
    expect(attempts.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 429]);
    const waiting = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: account.username, password: account.password },
      headers: { "accept-language": "en" },
      remoteAddress,
    });
    expect(waiting.statusCode).toBe(429);
    expect(Number(waiting.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(waiting.headers["retry-after"])).toBeLessThanOrEqual(30);
    expect(waiting.json().error).toEqual({
      code: "too_many_attempts",
      message: "Too many failed sign-in attempts. Please try again in 1 minute.",
    });
    const vi = await logIn({ username: account.username, password: account.password });
    expect(vi.json().error.message).toBe(
      "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 1 phút.",
    );
  });

  it("gives the device a signed, HttpOnly cookie for a year, sent only to the sign-in routes", async () => {
    const account = await createAccount(database.db, { role: "programme_officer" });
    const response = await logIn({ username: account.username, password: account.password });
    const device = response.cookies.find((c) => c.name === "peerlink_device")!;
    expect(device).toMatchObject({
      httpOnly: true,
      sameSite: "Strict",
      path: "/api/auth",
      maxAge: 365 * 24 * 60 * 60,
    });
    expect(decodeURIComponent(device.value).startsWith(`${account.id}.`)).toBe(true);
    // With it, a sign-in after a stranger's five failures goes straight in; without it, it waits.
    for (let i = 0; i < 5; i++) {
      await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: account.username, password: `guess ${i}` },
        remoteAddress: "203.0.113.50",
      });
    }
    const payload = { username: account.username, password: account.password };
    const withCookie = await logIn(payload, { cookie: `peerlink_device=${device.value}` });
    expect(withCookie.statusCode).toBe(200);
    expect((await logIn(payload)).statusCode).toBe(429);
  });

  it("refuses a log-in posted from another site, and accepts its own origins", async () => {
    const account = await createAccount(database.db, { role: "programme_officer" });
    const payload = { username: account.username, password: account.password };
    const foreign = await logIn(payload, { origin: "https://evil.example" });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe("csrf_failed");
    expect((await logIn(payload, { origin: "null" })).statusCode).toBe(403);
    const sameHost = { host: "peerlink.lan:8080", origin: "http://peerlink.lan:8080" };
    expect((await logIn(payload, sameHost)).statusCode).toBe(200);
    // Behind a proxy the Host may differ from the public address the browser sees.
    expect((await logIn(payload, { origin: "http://localhost:3000" })).statusCode).toBe(200);
    expect((await logIn(payload, { origin: "http://localhost:3001" })).statusCode).toBe(403);
  });

  it("names a missing or malformed field", async () => {
    const response = await logIn({ username: "someone" }, { "accept-language": "en" });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: "invalid_parameter",
      parameter: "password",
    });
    const extra = await logIn({ username: "a", password: "b", remember: true });
    expect(extra.json().error).toMatchObject({ parameter: "remember" });
  });
});

describe("a session", () => {
  it("tells the app who is signed in, and ends at log-out", async () => {
    const account = await createAccount(database.db, { role: "programme_officer" });
    const session = await signIn(app, account.username, account.password);
    const me = await app.inject({ method: "GET", url: "/api/auth/me", headers: session.headers });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user: { id: account.id, role: "programme_officer" },
      csrf_token: session.csrfToken,
    });
    const out = await app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: session.unsafeHeaders,
    });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === "peerlink_session")?.value).toBe("");
    const after = await app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: session.headers,
    });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe("unauthenticated");
  });

  it("is refused without a cookie, with an unknown token, expired, or for a disabled account", async () => {
    expect((await app.inject({ method: "GET", url: "/api/auth/me" })).statusCode).toBe(401);
    const forged = { cookie: "peerlink_session=not-a-real-token" };
    expect(
      (await app.inject({ method: "GET", url: "/api/auth/me", headers: forged })).statusCode,
    ).toBe(401);

    const account = await createAccount(database.db, { role: "programme_officer" });
    const expiring = await signIn(app, account.username, account.password);
    await database.db
      .updateTable("sessions")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("user_id", "=", account.id)
      .execute();
    const expired = await app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: expiring.headers,
    });
    expect(expired.statusCode).toBe(401);

    const live = await signIn(app, account.username, account.password);
    await database.db
      .updateTable("users")
      .set({ disabled_at: new Date() })
      .where("id", "=", account.id)
      .execute();
    const disabled = await app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: live.headers,
    });
    expect(disabled.statusCode).toBe(401);
  });
});

describe("CSRF", () => {
  it("refuses an unsafe request with a session cookie but a missing or wrong token", async () => {
    const account = await createAccount(database.db, { role: "programme_officer" });
    const session = await signIn(app, account.username, account.password);
    for (const headers of [session.headers, { ...session.headers, "x-csrf-token": "guess" }]) {
      const response = await app.inject({ method: "POST", url: "/api/auth/logout", headers });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe("csrf_failed");
    }
    // The session is still there: the forged requests did nothing.
    const me = await app.inject({ method: "GET", url: "/api/auth/me", headers: session.headers });
    expect(me.statusCode).toBe(200);
  });
});

describe("POST /api/auth/password", () => {
  it("changes the password and ends the user's other sessions, not this one", async () => {
    const account = await createAccount(database.db, { role: "programme_officer" });
    const phone = await signIn(app, account.username, account.password);
    const office = await signIn(app, account.username, account.password);
    const change = (payload: object) =>
      app.inject({
        method: "POST",
        url: "/api/auth/password",
        headers: { ...office.unsafeHeaders, "accept-language": "en" },
        payload,
      });

    const wrong = await change({
      current_password: "not it",
      new_password: "a new passphrase 2011",
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ parameter: "current_password" });
    expect(wrong.json().error.message).toMatch(/current password is not correct/);

    const weak = await change({ current_password: account.password, new_password: "short" });
    expect(weak.json().error).toMatchObject({ parameter: "new_password" });
    expect(weak.json().error.message).toMatch(/at least 10 characters/);

    const ok = await change({
      current_password: account.password,
      new_password: "a new passphrase 2011",
    });
    expect(ok.statusCode).toBe(204);
    const me = (headers: Record<string, string>) =>
      app.inject({ method: "GET", url: "/api/auth/me", headers });
    expect((await me(office.headers)).statusCode).toBe(200);
    expect((await me(phone.headers)).statusCode).toBe(401);
    await expect(signIn(app, account.username, account.password)).rejects.toThrow(/401/);
    await signIn(app, account.username, "a new passphrase 2011");
  });
});
