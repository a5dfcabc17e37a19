// GET /healthz, for load balancers and operators. It answers within a second and a half whatever the
// database is doing: a request's slow statement never holds it up (the embedded database runs in
// its own thread; a PostgreSQL server is asked on a connection of its own).
//
//   200 { status: "ok" }           the database answered.
//   200 { status: "busy" }         the database is alive but requests are waiting for it (PGlite:
//                                  other requests' statements, each ended at its limit, or the
//                                  reopening after one was stopped; PostgreSQL: every connection of
//                                  the pool in use). It will answer: the process needs no restart.
//   503 { status: "unavailable" }  the database cannot answer (PGlite could not be reopened; the
//                                  PostgreSQL server does not answer).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../db/connection.js";
import { healthCheckMs } from "../limits/limits.js";

const ZHealthSchema = z.object({
  status: z.enum(["ok", "busy", "unavailable"]),
  database: z.enum(["pglite", "postgres"]),
});

export const healthRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  app.get(
    "/healthz",
    {
      config: { action: "public" },
      schema: { response: { 200: ZHealthSchema, 503: ZHealthSchema } },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      const status = await database.checkHealth(healthCheckMs);
      if (status === "unavailable") {
        request.log.warn("health check: the database cannot answer");
        reply.status(503);
      }
      return { status, database: database.engine };
    },
  );
};
