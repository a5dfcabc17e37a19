// The browser security headers and the no-store rule, proven on the real app: every route it
// registers (a new route is covered as soon as it exists) is called anonymously and by a signed-in
// administrator, and every answer — pages, API, files, refusals — carries the headers; every
// answer of a route that needs a session is `no-store`, while public pages keep their own caching.
import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { newId } from "../lib/ids.js";
import { stylesheet } from "../site/stylesheet.js";
import { staffAppInlineSources } from "../staff-app/routes.js";
import { buildTestApp } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture } from "../test-support/fixtures.js";
import { createAccount, signIn } from "../test-support/sessions.js";
import { securityHeaders } from "./security-headers.js";

/** The policy, allowing the inline stylesheets and scripts whose CSP sources are given. */
const cspAllowing = (styles: string, scripts = "") =>
  `default-src 'none';script-src 'self'${scripts};` +
  `style-src 'self'${styles};` +
  "img-src 'self' data:;font-src 'self';" +
  "connect-src 'self';manifest-src 'self';worker-src 'self';form-action 'self';frame-src 'self';" +
  "base-uri 'none';" +
  "frame-ancestors 'none'";
const csp = cspAllowing(` ${stylesheet.cspSource}`);

const unsafe = new Set(["POST", "PUT", "PATCH", "DELETE"]);

let database: Database;
let app: FastifyInstance;
let adminAccount: { username: string; password: string };

beforeAll(async () => {
  database = await openTestDatabase();
  await insertProjectFixture(database.db, "test-project");
  app = await buildTestApp(database);
  adminAccount = await createAccount(database.db, { role: "administrator" });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

/** A concrete address for a route pattern: the fixture's project, random ids elsewhere. */
function concrete(url: string): string {
  return url
    .replace(":slug", "test-project")
    .replace(/:\w+/g, () => newId())
    .replace("*", "index.html");
}

type Headers = Record<string, string | string[] | number | undefined>;

/**
 * What is wrong with an answer's security headers (nothing: an empty list). Under /app/ the policy
 * allows the staff app's first-page stylesheet (whatever the build on disk makes it, none without
 * one) instead of the website's, and that page's own script, exactly; nowhere else a script.
 */
function headerProblems(headers: Headers, https = false, url = "/"): string[] {
  const problems: string[] = [];
  const expect = (name: string, value: string | undefined) => {
    if (headers[name] !== value) problems.push(`${name}: ${headers[name]} (expected ${value})`);
  };
  let policy = csp;
  if (url.startsWith("/app/")) {
    const styles = /style-src 'self'((?: 'sha256-[A-Za-z0-9+/=]+')*);/.exec(
      String(headers["content-security-policy"]),
    )?.[1];
    const scripts = staffAppInlineSources().scripts.map((source) => ` ${source}`);
    policy = cspAllowing(styles ?? " (no style-src)", scripts.join(""));
    if (styles?.includes(stylesheet.cspSource))
      problems.push("content-security-policy: the website's stylesheet allowed under /app/");
  }
  expect("content-security-policy", https ? `${policy};upgrade-insecure-requests` : policy);
  expect("x-content-type-options", "nosniff");
  expect("x-frame-options", "DENY");
  expect("referrer-policy", "no-referrer");
  expect("cross-origin-opener-policy", "same-origin");
  expect("strict-transport-security", https ? "max-age=31536000" : undefined);
  const permissions = String(headers["permissions-policy"] ?? "");
  for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) {
    if (!permissions.includes(`${feature}=()`))
      problems.push(`permissions-policy lacks ${feature}`);
  }
  return problems;
}

describe("security headers on every answer", () => {
  it("are on every route's answers, anonymous or signed in, and private answers are never stored", async () => {
    const routes = app.registeredRoutes.filter((route) => route.method !== "OPTIONS");
    expect(routes.length).toBeGreaterThan(25);
    const problems: string[] = [];
    let admin = await signIn(app, adminAccount.username, adminAccount.password);
    for (const route of routes) {
      // Log-in and log-out end the session they are called with: start another after them.
      if (route.url.startsWith("/api/auth/")) {
        admin = await signIn(app, adminAccount.username, adminAccount.password);
      }
      for (const session of [undefined, admin]) {
        const headers = session
          ? unsafe.has(route.method)
            ? session.unsafeHeaders
            : session.headers
          : {};
        const response = await app.inject({
          method: route.method as "GET",
          url: concrete(route.url),
          headers,
          ...(unsafe.has(route.method) ? { payload: {} } : {}),
        });
        const who = `${route.method} ${route.url} ${session ? "signed in" : "anonymous"} (${response.statusCode})`;
        for (const problem of headerProblems(response.headers, false, concrete(route.url)))
          problems.push(`${who}: ${problem}`);
        // Private: the route needs a session, or an API route answers a signed-in caller.
        const needsSession = route.action !== "public";
        const cache = response.headers["cache-control"];
        if ((needsSession || (session && route.url.startsWith("/api/"))) && cache !== "no-store") {
          problems.push(`${who}: cache-control ${cache} (expected no-store)`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("leave public pages their caching, and make a log-in's answer no-store", async () => {
    const page = await app.inject({ method: "GET", url: "/vi/" });
    expect(page.headers["cache-control"]).toBe("public, no-cache");
    const results = await app.inject({ method: "GET", url: "/api/projects/test-project/results" });
    expect(results.statusCode).toBe(200);
    expect(results.headers["cache-control"]).toBe("public, no-cache");
    const account = await createAccount(database.db, { role: "programme_officer" });
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: account.username, password: account.password },
    });
    expect(login.statusCode).toBe(200);
    expect(login.headers["cache-control"]).toBe("no-store");
  });

  it("are on answers the router gives before any route: a malformed %-escape, an over-long segment", async () => {
    for (const url of [
      "/api/projects/a%FFb/results",
      "/vi/du-an/a%E0%A4%A",
      `/vi/du-an/${"x".repeat(300)}`,
    ]) {
      const response = await app.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(400);
      expect(headerProblems(response.headers), url).toEqual([]);
    }
  });

  it("allow each page its own inline stylesheet and script: the website's on the site, the staff app's under /app/", () => {
    const site = "'sha256-c2l0ZQ=='";
    const staffApp = "'sha256-YXBw'";
    const staffAppScript = "'sha256-c2NyaXB0'";
    const apply = securityHeaders({
      https: false,
      inlineStyles: [site],
      inlineUnder: { prefix: "/app/", styles: [staffApp], scripts: [staffAppScript] },
    });
    const policyOf = (url: string) => {
      const response = new ServerResponse(new IncomingMessage(new Socket()));
      apply(Object.assign(new IncomingMessage(new Socket()), { url }), response);
      return String(response.getHeader("content-security-policy"));
    };
    for (const url of ["/vi/", "/api/auth/me", "/app", "/application"]) {
      expect(policyOf(url), url).toContain(`style-src 'self' ${site};`);
      expect(policyOf(url), url).toContain("script-src 'self';");
    }
    for (const url of ["/app/", "/app/index.html"]) {
      expect(policyOf(url), url).toContain(`style-src 'self' ${staffApp};`);
      expect(policyOf(url), url).toContain(`script-src 'self' ${staffAppScript};`);
    }
  });

  it("add HSTS and upgrade-insecure-requests when the site is served over https", async () => {
    const https = await buildTestApp(database, "https://peerlink.example.org");
    try {
      for (const url of ["/vi/", "/api/auth/me", "/nowhere"]) {
        const response = await https.inject({ method: "GET", url });
        expect(headerProblems(response.headers, true), url).toEqual([]);
      }
    } finally {
      await https.close();
    }
  });

  it("give a route added later the same rules without it asking: no-store when it needs a session", async () => {
    const later = await buildTestApp(database);
    try {
      later.get("/api/a-new-thing", { config: { action: "signed_in" } }, async () => ({ ok: 1 }));
      later.get("/a-new-page", async (_request, reply) =>
        reply.type("text/html").send("<p>hi</p>"),
      );
      const session = await signIn(later, adminAccount.username, adminAccount.password);
      const api = await later.inject({
        method: "GET",
        url: "/api/a-new-thing",
        headers: session.headers,
      });
      expect(api.statusCode).toBe(200);
      expect(api.headers["cache-control"]).toBe("no-store");
      expect(headerProblems(api.headers)).toEqual([]);
      const refused = await later.inject({ method: "GET", url: "/api/a-new-thing" });
      expect(refused.statusCode).toBe(401);
      expect(refused.headers["cache-control"]).toBe("no-store");
      const page = await later.inject({ method: "GET", url: "/a-new-page" });
      expect(headerProblems(page.headers)).toEqual([]);
      expect(page.headers["cache-control"]).toBeUndefined();
    } finally {
      await later.close();
    }
  });
});
