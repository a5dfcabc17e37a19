// Authentication and authorisation for every route (stub: being written).
import type { FastifyPluginAsync } from "fastify";
import fp from "fastify-plugin";
import type { Database } from "../db/connection.js";
import type { Action, SessionUser } from "./policy.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** What the route does, for the policy (src/auth/policy.ts). Required on every /api/ route. */
    action?: Action;
  }
  interface FastifyRequest {
    user?: SessionUser;
  }
}

const plugin: FastifyPluginAsync<{ database: Database; secureCookies: boolean }> = async () => {};
export const authPlugin = fp(plugin, { name: "peerlink-auth" });
