// Sign-in throttles, for administrators: GET /api/auth/throttles lists the accounts, devices and
// client addresses with recent failed sign-ins and any delay they impose now; DELETE
// /api/auth/throttles/:id lifts one (written to the audit log). The rules are in throttle.ts.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../audit/actor.js";
import type { Database } from "../db/connection.js";
import { liftThrottle, listThrottles } from "./throttle.js";

export const ZThrottleSchema = z.object({
  id: z.string(),
  /** account: sign-ins from devices without the account's cookie; device: one device's. */
  kind: z.enum(["account", "device", "address"]),
  user: z.object({ id: z.string(), username: z.string(), display_name: z.string() }).nullable(),
  address: z.string().nullable(),
  /** Failures still counted (they drain with time). */
  failures: z.number(),
  last_failure_at: z.string(),
  /** Set while the next attempt must wait. */
  blocked_until: z.string().nullable(),
});

export const throttleRoutes: FastifyPluginAsyncZod<{
  database: Database;
  now?: () => Date;
}> = async (app, { database, now = () => new Date() }) => {
  const { db } = database;
  const config = { action: "throttles.manage" } as const;

  app.get(
    "/api/auth/throttles",
    {
      config,
      schema: {
        querystring: z.object({ lang: z.enum(["vi", "en"], { message: "invalid" }).optional() }),
        response: { 200: z.object({ throttles: z.array(ZThrottleSchema) }) },
      },
    },
    async () => {
      return { throttles: await listThrottles(db, now()) };
    },
  );

  app.delete(
    "/api/auth/throttles/:id",
    {
      config,
      schema: { params: z.object({ id: z.uuid({ message: "invalid" }) }) },
    },
    async (request, reply) => {
      await liftThrottle(db, actorOf(request), request.params.id, now());
      return reply.code(204).send();
    },
  );
};
