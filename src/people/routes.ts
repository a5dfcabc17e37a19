// Clients' identifying details: GET /api/clients/:id/details?reason=…; each read is written to
// the audit log (src/audit/, read at GET /api/audit?target_type=client&target_id=…).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../audit/actor.js";
import type { Database } from "../db/connection.js";
import { readClientDetails } from "./service.js";

const ZDetailsQuerySchema = z
  .object({
    reason: z
      .string({ message: "access_reason_length" })
      .trim()
      .min(3, "access_reason_length")
      .max(200, "access_reason_length"),
    lang: z.enum(["vi", "en"], { message: "invalid" }).optional(),
  })
  .strict();

const ZClientDetailsSchema = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
});

export const peopleRoutes: FastifyPluginAsyncZod<{
  database: Database;
  clientDetailsKey: Buffer;
}> = async (app, { database, clientDetailsKey }) => {
  const now = () => new Date();

  app.get(
    "/api/clients/:id/details",
    {
      config: { action: "client_details.read" },
      schema: {
        params: z.object({ id: z.uuid({ message: "invalid" }) }),
        querystring: ZDetailsQuerySchema,
        response: { 200: ZClientDetailsSchema },
      },
    },
    async (request, reply) => {
      // The plugin has authenticated the request: this route's action needs a user.
      const details = await readClientDetails(
        database.db,
        request.user!,
        { clientId: request.params.id, reason: request.query.reason },
        { clientDetailsKey, now, actor: actorOf(request) },
      );
      reply.header("cache-control", "no-store");
      return details;
    },
  );
};
