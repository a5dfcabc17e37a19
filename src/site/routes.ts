import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../db/connection.js";

export const siteRoutes: FastifyPluginAsyncZod<{ database: Database; publicUrl: string }> = async () => {};
