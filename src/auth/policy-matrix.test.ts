// Who may call what, proven on the real app: every /api/ route the app registers (a new route is
// covered as soon as it exists) is called by each demo account and by an anonymous visitor, and
// the answer is compared with the table below, written out by hand rather than derived from
// policy.ts, so that a change of policy shows up here as a change of this table.
// Allowed means "not 401/403" (the call may still fail validation: the policy let it through);
// denied means exactly 401 for an anonymous visitor and 403 for a signed-in user.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { loadDemo } from "../demo/service.js";
import { demoAccounts } from "../demo/users.js";
import { newId } from "../lib/ids.js";
import { buildTestApp } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { type SignedIn, signIn } from "../test-support/sessions.js";
import { type Action, actions } from "./policy.js";

type Who =
  | "anonymous"
  | "administrator"
  | "programme_officer"
  | "site_coordinator"
  | "outreach_worker"
  | "supervisor"
  | "editor"
  | "finance";

const who: readonly Who[] = [
  "anonymous",
  "administrator",
  "programme_officer",
  "site_coordinator",
  "outreach_worker",
  "supervisor",
  "editor",
  "finance",
];

/**
 * Columns in the order of `who`: anonymous, admin, officer, coordinator, worker, supervisor, editor,
 * finance.
 */
const Y = true;
const N = false;
const expected: Record<Action, readonly boolean[]> = {
  public: [Y, Y, Y, Y, Y, Y, Y, Y],
  signed_in: [N, Y, Y, Y, Y, Y, Y, Y],
  "sync.push": [N, Y, Y, Y, Y, N, N, N],
  "sync.pull": [N, Y, Y, Y, Y, Y, Y, Y],
  "reference.read": [N, Y, Y, Y, Y, Y, Y, Y],
  "team.read": [N, Y, Y, Y, N, Y, N, N],
  "client_details.read": [N, Y, Y, Y, Y, N, N, N],
  "clients.check_uic": [N, Y, Y, Y, Y, N, N, N],
  "users.manage": [N, Y, N, N, N, N, N, N],
  "throttles.manage": [N, Y, N, N, N, N, N, N],
  "audit.read": [N, Y, Y, N, N, N, N, N],
  "reports.export": [N, Y, Y, Y, N, Y, N, N],
  "dashboard.read": [N, Y, Y, Y, N, Y, N, N],
  "records.read": [N, Y, Y, Y, N, N, N, N],
  "targets.manage": [N, Y, Y, N, N, N, N, N],
  "content.manage": [N, Y, N, N, N, N, Y, N],
  "finance.manage": [N, Y, N, N, N, N, N, Y],
  "newsletter.manage": [N, Y, N, N, N, N, Y, N],
  "newsletter.subscribers": [N, Y, N, N, N, N, N, N],
};

const unsafe = new Set(["POST", "PUT", "PATCH", "DELETE"]);

let database: Database;
let app: FastifyInstance;
const sessions = new Map<Who, SignedIn>();

async function signInAs(role: Who): Promise<SignedIn> {
  const account = demoAccounts.find((a) => a.role === role)!;
  const session = await signIn(app, account.username, account.password);
  sessions.set(role, session);
  return session;
}

/** The role's session, signed in again if a route (log-out, say) ended it. */
async function sessionOf(role: Who): Promise<SignedIn> {
  const session = sessions.get(role);
  if (session) {
    const me = await app.inject({ method: "GET", url: "/api/auth/me", headers: session.headers });
    if (me.statusCode === 200) return session;
  }
  return signInAs(role);
}

/** A concrete address for a route pattern: the demo's project, random ids elsewhere. */
function concrete(url: string): string {
  return url
    .replace(":slug", "dien-bien")
    .replace(/:\w+/g, () => newId())
    .replace("*", "x");
}

async function call(method: string, url: string, role: Who): Promise<number> {
  const session = role === "anonymous" ? undefined : await sessionOf(role);
  const headers = session ? (unsafe.has(method) ? session.unsafeHeaders : session.headers) : {};
  const response = await app.inject({
    method: method as "GET",
    url: concrete(url),
    headers,
    ...(unsafe.has(method) ? { payload: {} } : {}),
  });
  return response.statusCode;
}

beforeAll(async () => {
  database = await openTestDatabase();
  await loadDemo(database.db);
  app = await buildTestApp(database);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe("the policy on every route", () => {
  it("has an expectation for every action the policy knows", () => {
    expect(Object.keys(expected).sort()).toEqual([...actions].sort());
  });

  it("allows and denies each route as the table says, for each role and for anonymous visitors", async () => {
    const routes = app.registeredRoutes.filter(
      (route) => route.url.startsWith("/api/") && route.method !== "OPTIONS",
    );
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining([
        "POST /api/auth/login",
        "GET /api/users",
        "GET /api/audit",
        "GET /api/auth/throttles",
        "DELETE /api/auth/throttles/:id",
        // Issue 16: receipts, statements, the accountant's workbook, hand postings.
        "GET /api/donations/receipts/:id",
        "GET /api/donations/yearly-statements",
        "GET /api/finance/gifts",
        "GET /api/finance/gifts/:id/receipt",
        "POST /api/finance/donor-statements",
        "GET /api/finance/accounts-export",
        "POST /api/finance/allocations",
        "GET /api/finance/allocations",
        "POST /api/finance/expenses",
        "GET /api/finance/expenses",
        "POST /api/finance/transactions/:id/reversal",
        // PayPal: the donor's way back, the retry, the webhook (public).
        "GET /api/donations/paypal/return/:id",
        "GET /api/donations/paypal/cancel/:id",
        "POST /api/donations/paypal/pledges/:id/order",
        "POST /api/donations/webhooks/paypal",
      ]),
    );
    const mismatches: string[] = [];
    for (const route of routes) {
      const row = expected[route.action!];
      for (const [column, role] of who.entries()) {
        const status = await call(route.method, route.url, role);
        const allowed = row[column]!;
        const ok = allowed
          ? status !== 401 && status !== 403
          : status === (role === "anonymous" ? 401 : 403);
        if (!ok) {
          mismatches.push(
            `${route.method} ${route.url} (${route.action}) as ${role}: ${status}, expected ${allowed ? "allowed" : "denied"}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("serves the public pages, the news feeds and the sitemap to everyone", async () => {
    const publicAddresses = [
      "/vi/",
      "/vi/tin-tuc/feed.xml",
      "/vi/tin-tuc/atom.xml",
      "/en/news/feed.xml",
      "/en/news/atom.xml",
      "/sitemap.xml",
    ];
    for (const role of who) {
      for (const url of publicAddresses)
        expect(await call("GET", url, role), `${url} ${role}`).toBe(200);
    }
  });

  it("refuses an unsafe call whose CSRF token is missing or wrong, for every role", async () => {
    for (const role of who.filter((w) => w !== "anonymous")) {
      const session = await sessionOf(role);
      for (const headers of [session.headers, { ...session.headers, "x-csrf-token": "x" }]) {
        const response = await app.inject({
          method: "POST",
          url: "/api/auth/password",
          headers,
          payload: {},
        });
        expect(response.statusCode, role).toBe(403);
        expect(response.json().error.code).toBe("csrf_failed");
      }
    }
  });
});
