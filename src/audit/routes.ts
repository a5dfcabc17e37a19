// The audit log over HTTP: GET /api/audit, for those allowed `audit.read` (administrators and
// programme officers), filtered by actor, action, target and dates, newest first, a bounded page
// at a time. There is no route that changes the log.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../db/connection.js";
import { AUDIT_PAGE_MAX, auditActions, auditTargetTypes, listEvents } from "./service.js";

/** A calendar date in this century; the log holds nothing older. Messages are reason keys. */
const ZDate = z.iso
  .date({ message: "date_format" })
  .refine((date) => date >= "2000-01-01" && date <= "2099-12-31", {
    message: "audit_date_range",
  });

export const ZAuditQuerySchema = z
  .object({
    actor: z.string().max(40, { message: "invalid" }).optional(),
    action: z.enum(auditActions, { message: "audit_action" }).optional(),
    target_type: z.enum(auditTargetTypes, { message: "audit_target_type" }).optional(),
    target_id: z.string().max(100, { message: "invalid" }).optional(),
    from: ZDate.optional(),
    to: ZDate.optional(),
    before: z.coerce
      .number({ message: "invalid" })
      .int("invalid")
      .min(1, "invalid")
      .max(Number.MAX_SAFE_INTEGER, "invalid")
      .optional(),
    limit: z.coerce
      .number({ message: "invalid" })
      .int("invalid")
      .min(1, "invalid")
      .max(AUDIT_PAGE_MAX, "invalid")
      .default(50),
    lang: z.enum(["vi", "en"], { message: "invalid" }).optional(),
  })
  .strict();

const ZAuditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.object({ id: z.string(), username: z.string(), display_name: z.string() }).nullable(),
  channel: z.enum(["api", "cli"]),
  address: z.string().nullable(),
  action: z.string(),
  target: z.object({
    type: z.string(),
    id: z.string().nullable(),
    label: z.string().nullable(),
  }),
  details: z.record(z.string(), z.unknown()),
});

export const auditRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  app.get(
    "/api/audit",
    {
      config: { action: "audit.read" },
      schema: {
        querystring: ZAuditQuerySchema,
        response: {
          200: z.object({
            entries: z.array(ZAuditEntrySchema),
            next_before: z.number().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query;
      return listEvents(database.db, {
        actor: q.actor,
        action: q.action,
        targetType: q.target_type,
        targetId: q.target_id,
        from: q.from,
        to: q.to,
        before: q.before,
        limit: q.limit,
      });
    },
  );
};
