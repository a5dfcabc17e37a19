// Clients' identifying details: GET /api/clients/:id/details?reason=…; each read is written to
// the audit log (src/audit/, read at GET /api/audit?target_type=client&target_id=…). And, before
// registering a client, whether their UIC is taken at the site: POST /api/people/uic-check.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../audit/actor.js";
import type { Database } from "../db/connection.js";
import { zText } from "../lib/input.js";
import { ZUic } from "../sync/protocol.js";
import { sexes } from "../sync/vocabulary.js";
import { checkUic, readClientDetails } from "./service.js";

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

const ZUicCheckRequestSchema = z
  .object({
    site_id: z.uuid({ message: "invalid" }),
    uic: ZUic,
    sex: z.enum(sexes, { message: "client_sex" }),
    birth_year: z
      .number({ message: "client_birth_year" })
      .int({ message: "client_birth_year" })
      .min(1900, { message: "client_birth_year" })
      .refine((year) => year <= new Date().getUTCFullYear(), { message: "client_birth_year" }),
  })
  .strict();

const ZUicCheckSchema = z.object({
  exact: z.boolean(),
  similar: z.number().int(),
  visible: z.array(z.string()),
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
        { clientDetailsKey, now, actor: actorOf(request) },
      );
      return details;
    },
  );

  app.post(
    "/api/people/uic-check",
    {
      config: { action: "clients.check_uic" },
      schema: { body: ZUicCheckRequestSchema, response: { 200: ZUicCheckSchema } },
    },
    async (request) => {
      const { site_id, uic, sex, birth_year } = request.body;
      return checkUic(database.db, request.user!, {
        siteId: site_id,
        uic,
        sex,
        birthYear: birth_year,
      });
    },
  );
};
