// GET /healthz: 200 when the database answers, 503 when it does not (for load balancers and ops).

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { z } from "zod";
import type { Database } from "../db/connection.js";

const ZHealthSchema = z.object({
  status: z.enum(["ok", "unavailable"]),
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
      try {
        await withTimeout(sql`select 1`.execute(database.db), 2_000);
        return { status: "ok" as const, database: database.engine };
      } catch (error) {
        request.log.warn({ err: error }, "health check: database did not answer");
        reply.status(503);
        return { status: "unavailable" as const, database: database.engine };
      }
    },
  );
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
