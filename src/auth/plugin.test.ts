// The auth plugin fails closed: an API route that names no action is refused, and every route
// of the real app names one.
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { buildTestApp } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { authPlugin } from "./plugin.js";
import { actions } from "./policy.js";

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database.close());

describe("the auth plugin", () => {
  it("refuses every request to an /api/ route that names no action, and allows other pages", async () => {
    const app = Fastify();
    app.setErrorHandler(async (error, _request, reply) => {
      reply.status(error instanceof AppError ? error.status : 500);
      return { code: error instanceof AppError ? error.code : "other" };
    });
    await app.register(authPlugin, { database, secureCookies: false });
    app.get("/api/forgotten", async () => ({ secret: "data" }));
    app.get("/about", async () => "a public page");
    const forgotten = await app.inject({ method: "GET", url: "/api/forgotten" });
    expect(forgotten.statusCode).toBe(500);
    expect(forgotten.json()).toEqual({ code: "internal" });
    expect((await app.inject({ method: "GET", url: "/about" })).statusCode).toBe(200);
    expect(app.registeredRoutes).toContainEqual({
      method: "GET",
      url: "/api/forgotten",
      action: undefined,
    });
    await app.close();
  });

  it("leaves unknown addresses to the not-found handler", async () => {
    const app = await buildTestApp(database);
    const response = await app.inject({ method: "POST", url: "/api/no-such-thing" });
    expect(response.statusCode).toBe(404);
    await app.close();
  });

  it("finds an action on every /api/ route of the app", async () => {
    const app = await buildTestApp(database);
    const api = app.registeredRoutes.filter((route) => route.url.startsWith("/api/"));
    expect(api.length).toBeGreaterThan(5);
    for (const route of api) {
      expect(actions, `${route.method} ${route.url}`).toContain(route.action);
    }
    await app.close();
  });
});
