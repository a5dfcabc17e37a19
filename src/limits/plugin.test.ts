// Each request runs under its class's limits (src/limits/limits.ts): its statements carry the
// class's statement timeout — a push that runs past it ends with 503 query_timeout, keeps nothing,
// and the next request is served — and an answer larger than the class allows is not sent.
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import type { Database } from "../db/connection.js";
import { currentStatementTimeout } from "../db/statement-timeout.js";
import { newId } from "../lib/ids.js";
import { testSecret } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture, type ProjectFixture } from "../test-support/fixtures.js";
import { createAccount, type SignedIn, signIn } from "../test-support/sessions.js";
import { requestClasses } from "./limits.js";

let database: Database;
let app: FastifyInstance;
let f: ProjectFixture;
let officer: SignedIn;

beforeAll(async () => {
  // On disk: on PGlite, ending a statement ends its thread and reopens the data directory.
  database = await openTestDatabase({ onDisk: true });
  f = await insertProjectFixture(database.db);
  app = await buildApp({
    database,
    config: { publicUrl: "http://localhost:3000", logLevel: "silent" },
    secret: testSecret,
    // Limits small enough for a test to meet.
    limits: {
      sync: { statementTimeoutMs: 1_000, maxAnswerBytes: requestClasses.sync.maxAnswerBytes },
      public: { statementTimeoutMs: 4_000, maxAnswerBytes: 2_048 },
    },
  });
  // Routes that tell the limit their statements would run under, one per class.
  const limit = async () => ({ limit: currentStatementTimeout() ?? null });
  app.get("/api/test/limit/public", { config: { action: "public" } }, limit);
  app.get("/api/test/limit/staff", { config: { action: "dashboard.read" } }, limit);
  app.post("/api/test/limit/sync", { config: { action: "sync.push" } }, limit);
  const account = await createAccount(database.db, { role: "programme_officer" });
  officer = await signIn(app, account.username, account.password);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe("a request's statement timeout", () => {
  it("is its class's, whether or not the request had a body to read", async () => {
    const publicLimit = await app.inject({ method: "GET", url: "/api/test/limit/public" });
    expect(publicLimit.json()).toEqual({ limit: 4_000 });
    const staffLimit = await app.inject({
      method: "GET",
      url: "/api/test/limit/staff",
      headers: officer.headers,
    });
    expect(staffLimit.json()).toEqual({ limit: requestClasses.staff.statementTimeoutMs });
    const syncLimit = await app.inject({
      method: "POST",
      url: "/api/test/limit/sync",
      headers: officer.unsafeHeaders,
      payload: { changes: [] },
    });
    expect(syncLimit.json()).toEqual({ limit: 1_000 });
  });

  it("ends a push that runs past it with 503 in the user's language, keeps nothing of it, and serves the next", async () => {
    // Every insert of clients now takes three seconds: three times the push's limit.
    await sql
      .raw(`create function slow_insert() returns trigger language plpgsql as $$
              begin perform pg_sleep(3); return null; end $$;
            create trigger slow_insert before insert on clients
              for each statement execute function slow_insert();`)
      .execute(database.db);
    const batch = {
      device_id: newId(),
      changes: ["SLOW1", "SLOW2"].map((uic) => ({
        id: newId(),
        type: "client",
        op: "create",
        base_version: null,
        record: {
          id: newId(),
          site_id: f.siteA.id,
          uic,
          sex: "female",
          birth_year: 1990,
          population_group: "partner_pwud",
          registered_on: "2011-08-01",
        },
      })),
    };
    const push = (language: string) =>
      app.inject({
        method: "POST",
        url: "/api/sync/push",
        headers: { ...officer.unsafeHeaders, "accept-language": language },
        payload: batch,
      });

    const vi = await push("vi");
    expect(vi.statusCode).toBe(503);
    expect(vi.json().error).toEqual({
      code: "query_timeout",
      message:
        "Máy chủ đã dừng yêu cầu này vì nó chạy quá 1 giây. Vui lòng thử lại; nếu được, hãy yêu cầu ít dữ liệu hơn (khoảng thời gian ngắn hơn, ít phân tổ hơn).",
    });
    const en = await push("en");
    expect(en.statusCode).toBe(503);
    expect(en.json().error.message).toBe(
      "The server stopped this request because it ran longer than 1 second. Please try again, asking for less if you can (a shorter period, fewer breakdowns).",
    );

    // The database answers the next request (on PGlite, once reopened), and kept nothing of the
    // stopped pushes.
    const kept = await database.db
      .selectFrom("clients")
      .select("id")
      .where("uic", "in", ["SLOW1", "SLOW2"])
      .execute();
    expect(kept).toEqual([]);
    const health = await app.inject({ method: "GET", url: "/healthz" });
    expect(health.json().status).toBe("ok");

    await sql`drop trigger slow_insert on clients`.execute(database.db);
    const again = await push("vi");
    expect(again.statusCode).toBe(200);
    expect(again.json().results.map((r: { status: string }) => r.status)).toEqual([
      "applied",
      "applied",
    ]);
  });
});

describe("an answer larger than its class allows", () => {
  it("is refused with 500 and a message saying so, in the user's language", async () => {
    // The public results of the test project are about 4 KB: over this app's 2 KB for its class.
    const response = await app.inject({
      method: "GET",
      url: `/api/projects/${f.slug}/results`,
    });
    expect(response.statusCode).toBe(500);
    expect(response.json().error).toEqual({
      code: "answer_too_large",
      message:
        "Kết quả lớn hơn mức máy chủ gửi được trong một lần (2 KB). Hãy yêu cầu ít dữ liệu hơn (khoảng thời gian ngắn hơn, ít phân tổ hơn).",
    });
    const small = await app.inject({ method: "GET", url: "/healthz" });
    expect(small.statusCode).toBe(200);
  });
});
