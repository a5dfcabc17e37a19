// A bounded fuzz of every route the app registers (a new route joins as soon as it exists): inputs
// generated from the route's own schemas (src/test-support/fuzz-inputs.ts) — valid, at the edges,
// real values of the demo, hostile — sent as an anonymous visitor and as each demo account, with
// the CSRF token an unsafe request needs, so that requests reach the handlers. No answer may be a
// server error, and every refusal must say what went wrong: an API's as `{ error: { code, message } }`,
// a page's as an HTML page. A value the database refused as input (a check missing before it) fails
// too, even though the app answers it with a 400. Seeds are fixed, runs per route and role bounded.

import { existsSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RegisteredRoute } from "../auth/plugin.js";
import { can, recordTypes, roles, type SessionUser } from "../auth/policy.js";
import { parseConfig } from "../config.js";
import type { Database } from "../db/connection.js";
import { loadDemo } from "../demo/service.js";
import { demoAccounts } from "../demo/users.js";
import { paypalGateway } from "../donations/paypal.js";
import { indicatorIds } from "../indicators/definitions.js";
import { registerReportExports } from "../indicators/exports/index.js";
import { builtAppCandidates } from "../staff-app/routes.js";
import { recordSchemas } from "../sync/protocol.js";
import { openTestDatabase } from "../test-support/database.js";
import {
  bodyFor,
  type FuzzContext,
  fieldFor,
  hostileValue,
  jsonSchemaOf,
  type KnownValues,
  objectFor,
  rawEscapes,
  urlEncode,
} from "../test-support/fuzz-inputs.js";
import {
  multipartForm,
  photoWithGps,
  pngClaiming,
  transparentPng,
  webp,
} from "../test-support/images.js";
import { type AppWithJobs, buildTestAppWithJobs } from "../test-support/jobs.js";
import {
  type PaypalServer,
  paypalTestCredentials,
  startPaypalServer,
} from "../test-support/paypal-server.js";
import { createAccount, type SignedIn, signIn } from "../test-support/sessions.js";

const seed = 1304;
/** Runs for each route and each role the policy lets through; two for a role it refuses. */
const runsAllowed = 8;
const runsRefused = 2;
/** Where fuzzed requests come from: log-in throttling locks this address, not the test's own. */
const fuzzAddress = "192.0.2.13";

type Who = "anonymous" | (typeof roles)[number];
const who: readonly Who[] = ["anonymous", ...roles];
const unsafe = new Set(["POST", "PUT", "PATCH", "DELETE"]);

let database: Database;
let paypal: PaypalServer;
let withJobs: AppWithJobs;
let app: FastifyInstance;
let unregisterReports: () => Promise<void>;
let known: KnownValues;
/** Files for the image upload's form: real images (small), and one that claims too many pixels. */
let imageFiles: Buffer[];
const logs: string[] = [];
const sessions = new Map<Who, SignedIn>();

beforeAll(async () => {
  database = await openTestDatabase();
  await loadDemo(database.db);
  unregisterReports = registerReportExports();
  // PayPal configured, against a local PayPal, so its routes' handlers are fuzzed too.
  paypal = await startPaypalServer();
  const { donations } = parseConfig({
    PAYPAL_CLIENT_ID: paypalTestCredentials.clientId,
    PAYPAL_CLIENT_SECRET: paypalTestCredentials.clientSecret,
    PAYPAL_VND_RATE: "25400",
    PAYPAL_WEBHOOK_ID: "8PT597110X687430LKGECATA",
  });
  withJobs = await buildTestAppWithJobs(database, {
    exports: { retryLimit: 0 },
    logStream: { write: (line) => void logs.push(line) },
    donations,
    paypal: paypalGateway(donations.paypal!, { httpsAgent: paypal.agent, timeoutMs: 3000 }),
  });
  app = withJobs.app;
  // An account the fuzz may change (the demo accounts are the fuzz's own: left alone).
  const target = await createAccount(database.db, { role: "programme_officer" });
  known = await knownValues(target.id);
  imageFiles = [
    await photoWithGps({ width: 64, height: 48 }),
    await transparentPng(40, 40),
    await webp(30, 20),
    pngClaiming(10_000, 5_000),
  ];
}, 180_000);

afterAll(async () => {
  await withJobs?.close();
  await paypal?.close();
  await unregisterReports?.();
  await database?.close();
});

/** Values of the demo that lead requests past "not found": by the name of the field taking them. */
async function knownValues(targetUserId: string): Promise<KnownValues> {
  const { db } = database;
  const ids = async (table: "clients" | "sites" | "staff" | "group_sessions" | "trainings") =>
    (await db.selectFrom(table).select("id").limit(3).execute()).map((row) => row.id);
  const sites = await db.selectFrom("sites").select(["id", "code"]).execute();
  const communes = await db
    .selectFrom("places")
    .select(["id", "code"])
    .where("level", "=", "commune")
    .limit(3)
    .execute();
  const clients = await ids("clients");
  const project = await db.selectFrom("projects").select("id").executeTakeFirstOrThrow();
  return {
    slug: ["dien-bien"],
    project: ["dien-bien"],
    project_slug: ["dien-bien"],
    occurred_on: ["2011-08-01"],
    email: ["donor@example.org"],
    project_id: [project.id],
    id: [...clients, targetUserId],
    client_id: clients,
    site: sites.map((s) => s.code),
    site_id: sites.map((s) => s.id),
    site_ids: [sites.slice(0, 1).map((s) => s.id)],
    staff_id: await ids("staff"),
    session_id: await ids("group_sessions"),
    training_id: await ids("trainings"),
    commune: communes.map((c) => c.code),
    commune_id: communes.map((c) => c.id),
    home_commune_id: communes.map((c) => c.id),
    period: ["2011-07", "201108", "2011Q3", "2011", "2011-07-01..2011-10-31"],
    from: ["2011-07-01"],
    to: ["2011-10-31"],
    indicator: indicatorIds.slice(0, 6),
    indicators: [indicatorIds.slice(0, 4).join(",")],
    by: ["sex", "age_band+sex", "site,month"],
    cell: ["month:2011-07", "site:TG"],
    // PDF printing needs Chromium and is tested with the exports; a request for it is checked
    // exactly as one for these.
    kind: ["xlsx", "csv", "dhis2_json", "adx"],
    reason: ["kiểm tra hồ sơ khách hàng"],
    // Never a demo account's name: failed log-ins would lock the fuzz's own accounts out.
    username: ["nobody", "fuzz.new-user"],
    password: ["a long enough test passphrase"],
    public: ["true", "false"],
    registered_on: ["2011-08-01"],
    contact_date: ["2011-08-02"],
    "*": ["index.html", "sw.js", "manifest.webmanifest", "../package.json"],
  };
}

/** A sync push's changes, each made from its record type's own schema. */
function syncChanges(context: FuzzContext): fc.Arbitrary<unknown> {
  const types = context.hostile ? [...recordTypes, "bogus"] : recordTypes;
  const change = fc.constantFrom(...types).chain((type) =>
    fc.record({
      id: fc.uuid({ version: 7 }),
      type: fc.constant(type),
      op: context.hostile
        ? fc.constantFrom("create", "update", "void", "delete")
        : fc.constantFrom("create", "create", "update", "void"),
      base_version: fc.oneof(fc.constant(null), fc.nat(1_000_000)),
      record:
        type in recordSchemas
          ? objectFor(jsonSchemaOf(recordSchemas[type as keyof typeof recordSchemas])!, context)
          : hostileValue,
    }),
  );
  const item = context.hostile
    ? fc.oneof({ weight: 9, arbitrary: change }, { weight: 1, arbitrary: hostileValue })
    : change;
  return fc.record({
    device_id: fc.uuid({ version: 7 }),
    changes: fc.array(item, { maxLength: 4 }),
  });
}

interface Input {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  rawQuery: string | null;
  body: string | Buffer | null;
  contentType: string;
  language: "vi" | "en";
}

/**
 * The image upload's form (POST /api/media): a file and two alt texts. A friendly one holds a real
 * image and alt texts that can be stored; a hostile one may hold any bytes called anything, hostile
 * alt texts, a part missing or one the form does not have, or no form at all (JSON).
 */
function uploadFormFor(context: FuzzContext): fc.Arbitrary<{ body: Buffer; contentType: string }> {
  const images = fc.constantFrom(...imageFiles);
  const alt = context.hostile
    ? fc.oneof(
        fc.string({ maxLength: 40 }),
        hostileValue.map((value) => String(value)),
      )
    : fc.string({ minLength: 1, maxLength: 40 }).filter((text) => text.trim() !== "");
  const file = context.hostile
    ? fc.oneof(
        images,
        fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
        images.map((image) => image.subarray(0, 100)),
        fc
          .constantFrom("<svg xmlns='http://www.w3.org/2000/svg'/>", "<html></html>")
          .map(Buffer.from),
      )
    : images;
  const parts = fc
    .record({
      alt_vi: alt,
      alt_en: alt,
      file,
      fileName: context.hostile
        ? fc.constantFrom("photo.jpg", "a.svg", "../../x.png", "")
        : fc.constant("photo.jpg"),
      drop: context.hostile
        ? fc.constantFrom(undefined, "alt_vi", "alt_en", "file")
        : fc.constant(undefined),
      extra: context.hostile ? fc.boolean() : fc.constant(false),
    })
    .map(({ alt_vi, alt_en, file, fileName, drop, extra }) =>
      multipartForm([
        ...(drop === "alt_vi" ? [] : [{ name: "alt_vi", value: alt_vi }]),
        ...(drop === "alt_en" ? [] : [{ name: "alt_en", value: alt_en }]),
        ...(drop === "file" ? [] : [{ name: "file", file, fileName, type: "image/jpeg" }]),
        ...(extra ? [{ name: "caption", value: alt_vi }] : []),
      ]),
    )
    .map(({ payload, contentType }) => ({ body: payload, contentType }));
  if (!context.hostile) return parts;
  const notAForm = bodyFor(undefined, context).map((body) => ({
    body: Buffer.from(body),
    contentType: "application/json",
  }));
  return fc.oneof({ weight: 4, arbitrary: parts }, { weight: 1, arbitrary: notAForm });
}

/** Half the inputs friendly (they reach the handler), half hostile (see FuzzContext). */
function inputFor(route: RegisteredRoute): fc.Arbitrary<Input> {
  return fc.boolean().chain((hostile) => inputIn(route, { known, hostile }));
}

function inputIn(route: RegisteredRoute, context: FuzzContext): fc.Arbitrary<Input> {
  const schema = route.schema ?? {};
  const names = [...route.url.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? "*");
  const paramsSchema = jsonSchemaOf(schema.params) ?? {
    type: "object",
    properties: Object.fromEntries(names.map((name) => [name, { type: "string" }])),
    required: names,
  };
  const querySchema = jsonSchemaOf(schema.querystring) ?? { type: "object", properties: {} };
  const json = (body: fc.Arbitrary<string | Buffer>) =>
    body.map((value) => ({ body: value, contentType: "application/json" }));
  const body =
    route.method === "POST" && route.url === "/api/sync/push"
      ? json(syncChanges(context).map((value) => JSON.stringify(value)))
      : route.method === "POST" && route.url === "/api/media"
        ? uploadFormFor(context)
        : json(bodyFor(jsonSchemaOf(schema.body), context));
  const param = (name: string) => {
    const value = fieldFor(paramsSchema.properties?.[name] ?? {}, name, context);
    if (!context.hostile) return value;
    return fc.oneof(
      { weight: 9, arbitrary: value },
      { weight: 1, arbitrary: rawEscapes.map((raw) => ({ raw })) },
    );
  };
  return fc
    .record({
      params: fc.record(Object.fromEntries(names.map((name) => [name, param(name)]))),
      query: objectFor(querySchema, context),
      rawQuery: context.hostile
        ? fc.oneof(
            { weight: 4, arbitrary: fc.constant(null) },
            { weight: 1, arbitrary: rawEscapes },
          )
        : fc.constant(null),
      body: unsafe.has(route.method) ? body : fc.constant(null),
      language: fc.constantFrom("vi", "en"),
    })
    .map(({ body, ...rest }) => ({
      ...rest,
      body: body?.body ?? null,
      contentType: body?.contentType ?? "application/json",
    }));
}

function urlOf(route: RegisteredRoute, input: Input): string {
  const segment = (name: string) => {
    const value = input.params[name];
    if (value && typeof value === "object" && "raw" in value) return String(value.raw);
    // An empty segment would be another route (or none): the router's business, not this route's.
    return urlEncode(value) || "x";
  };
  const pathname = route.url
    .replace(/:(\w+)/g, (_m, name: string) => segment(name))
    .replace("*", () => segment("*"));
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(input.query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) && value.length > 0 ? value : [value]) {
      pairs.push(`${urlEncode(key)}=${urlEncode(item)}`);
    }
  }
  if (input.rawQuery) pairs.push(`lang=${input.rawQuery}`);
  return pairs.length > 0 ? `${pathname}?${pairs.join("&")}` : pathname;
}

async function sessionOf(role: Who): Promise<SignedIn | undefined> {
  if (role === "anonymous") return undefined;
  let session = sessions.get(role);
  if (!session) {
    const account = demoAccounts.find((a) => a.role === role)!;
    session = await signIn(app, account.username, account.password);
    sessions.set(role, session);
  }
  return session;
}

const staffAppBuilt = () =>
  builtAppCandidates().some((dir) => existsSync(path.join(dir, "index.html")));

/** What is wrong with the answer to one request, or undefined. */
async function send(route: RegisteredRoute, role: Who, input: Input): Promise<string | undefined> {
  const session = await sessionOf(role);
  const headers: Record<string, string> = {
    "accept-language": input.language,
    ...(session ? (unsafe.has(route.method) ? session.unsafeHeaders : session.headers) : {}),
    ...(input.body !== null ? { "content-type": input.contentType } : {}),
  };
  const url = urlOf(route, input);
  const logged = logs.length;
  const response = await app.inject({
    method: route.method as "GET",
    url,
    headers,
    remoteAddress: fuzzAddress,
    ...(input.body !== null ? { payload: input.body } : {}),
  });
  // Log-in, log-out and a password change end the session they are sent with.
  if (route.method === "POST" && route.url.startsWith("/api/auth/")) sessions.delete(role);
  const said = `${route.method} ${url.slice(0, 300)} as ${role}: ${response.statusCode} ${response.body.slice(0, 300)}`;
  const refusedValue = logs
    .slice(logged)
    .find((line) => line.includes("a value no schema refused"));
  if (refusedValue) return `the database refused a value no check had refused: ${said}`;
  const status = response.statusCode;
  if (status >= 500) {
    // Without a build of the staff app, /app/ says so with a 503: an install step, not a fault.
    const unbuilt = status === 503 && route.url.startsWith("/app") && !staffAppBuilt();
    return unbuilt ? undefined : `server error: ${said}`;
  }
  if (status < 400) return undefined;
  const type = String(response.headers["content-type"] ?? "");
  if (new URL(url, "http://x").pathname.startsWith("/api/")) {
    if (!type.startsWith("application/json")) return `a refusal that is not JSON: ${said}`;
    const error = (JSON.parse(response.body) as { error?: { code?: unknown; message?: unknown } })
      .error;
    if (
      typeof error?.code !== "string" ||
      typeof error.message !== "string" ||
      error.message === ""
    ) {
      return `a refusal without the error shape: ${said}`;
    }
    if (/[{}]/.test(error.message)) return `a message with an unfilled placeholder: ${said}`;
    return undefined;
  }
  if (!type.startsWith("text/html") || !/<title>[^<]+<\/title>/.test(response.body)) {
    return `a refused page that is not an HTML page: ${said}`;
  }
  return undefined;
}

describe("every route, fuzzed", () => {
  it("answers no input with a server error, and every refusal says what went wrong", {
    timeout: 600_000,
  }, async () => {
    const routes = app.registeredRoutes.filter(
      (r) => r.method !== "HEAD" && r.method !== "OPTIONS",
    );
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining([
        "POST /api/auth/login",
        "PATCH /api/users/:id",
        "GET /vi/du-an/:slug",
        "POST /vi/ung-ho/bao-cao-nam",
        "POST /en/donate/yearly-statement",
        "GET /api/donations/receipts/:id",
        "POST /api/finance/donor-statements",
        "GET /api/finance/accounts-export",
        "POST /api/finance/allocations",
        "POST /api/finance/expenses",
        "POST /api/finance/transactions/:id/reversal",
        "GET /api/donations/paypal/return/:id",
        "GET /api/donations/paypal/cancel/:id",
        "POST /api/donations/paypal/pledges/:id/order",
        "POST /api/donations/webhooks/paypal",
      ]),
    );
    const failures: string[] = [];
    for (const [index, route] of routes.entries()) {
      for (const role of who) {
        const user = role === "anonymous" ? undefined : ({ role } as SessionUser);
        const result = await fc.check(
          fc.asyncProperty(inputFor(route), async (input) => {
            const problem = await send(route, role, input);
            if (problem) throw new Error(problem);
          }),
          { seed: seed + index, numRuns: can(user, route.action!) ? runsAllowed : runsRefused },
        );
        if (result.failed) {
          const message = (result.errorInstance as Error | undefined)?.message;
          failures.push(
            `${route.method} ${route.url} as ${role}: ${message ?? result.counterexample}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
    // The upload's friendly forms got past the refusals: images were stored.
    const images = await database.db.selectFrom("images").select("id").execute();
    expect(images.length).toBeGreaterThan(0);
  });
});
