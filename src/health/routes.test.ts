// GET /healthz answers while another request's statement holds the database, and says "busy";
// a request that needs no database is answered meanwhile too.
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { buildTestApp } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";

describe("GET /healthz while the database is busy", () => {
  let database: Database;
  let app: FastifyInstance;

  beforeAll(async () => {
    // One connection on PostgreSQL, as PGlite has: a second caller then waits for it.
    database = await openTestDatabase({ connections: 1 });
    app = await buildTestApp(database);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it("answers busy before the slow statement ends, as does a page that needs no database", async () => {
    let slowEnded = false;
    const slow = sql`select pg_sleep(4)`.execute(database.db).then(() => {
      slowEnded = true;
    });
    // Another request waiting for the database behind it.
    const waiting = sql`select 1`.execute(database.db);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const health = await app.inject({ method: "GET", url: "/healthz" });
    expect(slowEnded).toBe(false);
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: "busy", database: database.engine });

    const robots = await app.inject({ method: "GET", url: "/robots.txt" });
    expect(slowEnded).toBe(false);
    expect(robots.statusCode).toBe(200);

    await Promise.all([slow, waiting]);
    const after = await app.inject({ method: "GET", url: "/healthz" });
    expect(after.json()).toEqual({ status: "ok", database: database.engine });
  });
});
