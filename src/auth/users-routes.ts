// (stub: being written)
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../db/connection.js";

export const userRoutes: FastifyPluginAsyncZod<{ database: Database }> = async () => {};
