// Clients' identifying details and the audit of who read them:
// GET /api/clients/:id/details?reason=… and GET /api/audit?client_id=….
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../db/connection.js";
import { zText } from "../lib/input.js";
import { listAuditEntries, readClientDetails } from "./service.js";

const ZDetailsQuerySchema = z
  .object({
    reason: zText({ message: "access_reason_length" })
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

const ZAuditQuerySchema = z
  .object({
    client_id: z.uuid({ message: "invalid" }).optional(),
    limit: z.coerce
      .number({ message: "invalid" })
      .int("invalid")
      .min(1, "invalid")
      .max(500, "invalid")
      .default(100),
    lang: z.enum(["vi", "en"], { message: "invalid" }).optional(),
  })
  .strict();

const ZAuditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  user: z.object({ id: z.string(), username: z.string(), display_name: z.string() }).nullable(),
  action: z.string(),
  subject_type: z.string(),
  subject_id: z.string().nullable(),
  reason: z.string(),
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
    async (request) => {
      // The plugin has authenticated the request: this route's action needs a user.
      const details = await readClientDetails(
        database.db,
        request.user!,
        { clientId: request.params.id, reason: request.query.reason },
        { clientDetailsKey, now },
      );
      return details;
    },
  );

  app.get(
    "/api/audit",
    {
      config: { action: "audit.read" },
      schema: {
        querystring: ZAuditQuerySchema,
        response: { 200: z.object({ entries: z.array(ZAuditEntrySchema) }) },
      },
    },
    async (request) => {
      const { client_id, limit } = request.query;
      return { entries: await listAuditEntries(database.db, { clientId: client_id, limit }) };
    },
  );
};
