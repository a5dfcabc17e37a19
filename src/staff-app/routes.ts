// (stub: being written)
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

export const staffAppRoutes: FastifyPluginAsyncZod = async () => {};
