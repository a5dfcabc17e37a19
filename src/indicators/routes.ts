// GET /api/projects/:slug/results — a published project's indicators for a period, in total and
// per site, computed from the records. Public: small figures about clients are withheld.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../db/connection.js";
import { computeProjectResults } from "./service.js";

/** A real calendar date written YYYY-MM-DD; the message is a reason key (see lib/messages.ts). */
const ZCalendarDate = z.iso.date({ message: "date_format" });

export const ZResultsQuerySchema = z
  .object({
    from: ZCalendarDate.optional(),
    to: ZCalendarDate.optional(),
    site: z
      .string()
      .regex(/^[A-Z0-9-]{1,20}$/, { message: "unknown_site" })
      .optional(),
    lang: z.enum(["vi", "en"], { message: "invalid" }).optional(),
  })
  .strict();

export const indicatorRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  app.get(
    "/api/projects/:slug/results",
    {
      config: { action: "public" },
      schema: {
        params: z.object({ slug: z.string() }),
        querystring: ZResultsQuerySchema,
      },
    },
    async (request, reply) => {
      const { from, to, site } = request.query;
      const results = await computeProjectResults(database.db, {
        slug: request.params.slug,
        from,
        to,
        site,
      });
      reply.header("cache-control", "public, max-age=60");
      return results;
    },
  );
};
