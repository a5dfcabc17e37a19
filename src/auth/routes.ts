// (stub: being written)
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../db/connection.js";

export const authRoutes: FastifyPluginAsyncZod<{
  database: Database;
  secureCookies: boolean;
}> = async () => {};
