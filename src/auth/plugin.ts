// Authentication and authorisation for every route, registered before any route. For each
// request it resolves the session cookie to `request.user`, then asks the policy whether the
// route's action (`config.action`) is allowed: no user → 401, not allowed → 403. An /api/ route
// that names no action fails closed (500): forgetting the policy must never open a route.
// Unsafe methods with a session must echo the session's CSRF token in a header.
import cookie from "@fastify/cookie";
import type { FastifyPluginAsync, FastifyRequest, FastifySchema } from "fastify";
import fp from "fastify-plugin";
import type { Database } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { type Action, can, type SessionUser } from "./policy.js";
import { CSRF_HEADER, csrfMatches, resolveSession, SESSION_COOKIE } from "./sessions.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** What the route does, for the policy (src/auth/policy.ts). Required on every /api/ route. */
    action?: Action;
  }
  interface FastifyRequest {
    user?: SessionUser;
    /** The session that authenticated the request (log-out and password change end sessions). */
    authSession?: { tokenHash: string; csrfToken: string };
  }
  interface FastifyInstance {
    /** Every route registered after this plugin, with its action: for tests and audits. */
    registeredRoutes: RegisteredRoute[];
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  action: Action | undefined;
  /** What the route validates (zod schemas for params, querystring, body): the fuzz test reads it. */
  schema: FastifySchema | undefined;
}

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

const isApiUrl = (url: string) => url.startsWith("/api/");

/** The action a route requires; undefined only for an /api/ route that forgot to name one. */
export function routeAction(url: string, config: { action?: Action }): Action | undefined {
  return config.action ?? (isApiUrl(url) ? undefined : "public");
}

export interface AuthPluginOptions {
  database: Database;
  secureCookies: boolean;
  now?: () => Date;
}

const plugin: FastifyPluginAsync<AuthPluginOptions> = async (app, options) => {
  const { db } = options.database;
  const now = options.now ?? (() => new Date());
  await app.register(cookie);

  app.decorate("registeredRoutes", [] as RegisteredRoute[]);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      app.registeredRoutes.push({
        method,
        url: route.url,
        action: routeAction(route.url, route.config ?? {}),
        schema: route.schema,
      });
    }
  });

  /** The request's user from its session cookie; a cookie alone never authorises an unsafe request. */
  async function authenticate(request: FastifyRequest, action: Action): Promise<void> {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await resolveSession(db, token, now());
    if (!session) return;
    if (unsafeMethods.has(request.method)) {
      const given = request.headers[CSRF_HEADER];
      if (!csrfMatches(given, session.csrfToken)) {
        // A public route may go on without the user (it needs none); any other is refused.
        if (action === "public") return;
        throw new AppError("csrf_failed", { detail: "missing or wrong CSRF token" });
      }
    }
    request.user = session.user;
    request.authSession = { tokenHash: session.tokenHash, csrfToken: session.csrfToken };
  }

  app.addHook("onRequest", async (request) => {
    const url = request.routeOptions.url;
    // No route matched: the not-found handler answers, and it reveals nothing.
    if (url === undefined) return;
    const action = routeAction(url, request.routeOptions.config);
    if (action === undefined) {
      throw new AppError("internal", {
        detail: `route ${request.method} ${url} declares no action (config.action); refused`,
      });
    }
    // Public pages outside the API need no user: no database round trip for them.
    if (action !== "public" || isApiUrl(url)) await authenticate(request, action);
    if (!can(request.user, action)) {
      throw new AppError(request.user ? "forbidden" : "unauthenticated");
    }
  });
};

export const authPlugin = fp(plugin, { name: "peerlink-auth" });
