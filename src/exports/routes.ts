// Exports over HTTP: POST /api/exports asks for a file (answered 202 at once; a background job
// makes it), GET /api/exports/:id follows it, GET /api/exports/:id/file downloads it, and
// GET /api/exports lists the user's recent ones. Downloads are written to the audit log.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../audit/actor.js";
import type { Database } from "../db/connection.js";
import type { JobQueue } from "../jobs/runner.js";
import { zText } from "../lib/input.js";
import { requestLocale } from "../lib/request-locale.js";
import { presentExport, ZExportSchema } from "./present.js";
import { getExport, listRecentExports, readExportFile, requestExport } from "./service.js";

/** Messages are reason keys (src/lib/messages.ts, src/exports/messages.ts). */
const ZProjectSlug = z.string().regex(/^[a-z0-9-]{1,100}$/, { message: "unknown_project" });
const ZLang = z.enum(["vi", "en"], { message: "invalid" });

export const ZExportRequestSchema = z
  .object({
    project: ZProjectSlug,
    kind: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: "unknown_export_kind" }),
    /** Read by parsePeriod: 2011-07, 201107, 2011Q3, 2011, 2011-07-01..2011-10-31. */
    period: zText().max(40, { message: "invalid" }),
    site: z
      .string()
      .regex(/^[A-Z0-9-]{1,20}$/, { message: "unknown_site" })
      .optional(),
    /** The file's language; the request's language when not given. */
    locale: ZLang.optional(),
  })
  .strict();

const ZExportIdParamsSchema = z.object({ id: z.uuid({ message: "invalid" }) });

const ZExportListQuerySchema = z
  .object({
    project: ZProjectSlug.optional(),
    limit: z.coerce
      .number({ message: "invalid" })
      .int("invalid")
      .min(1, "invalid")
      .max(100, "invalid")
      .default(20),
    lang: ZLang.optional(),
  })
  .strict();

const ZLangQuerySchema = z.object({ lang: ZLang.optional() }).strict();

/**
 * `attachment` with the name twice: plain ASCII for old clients, and the exact UTF-8 name
 * (Vietnamese letters included) in RFC 6266's `filename*`.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export const exportRoutes: FastifyPluginAsyncZod<{
  database: Database;
  /** Absent in tests that need no background jobs: asking for an export then fails (500). */
  jobs: JobQueue | undefined;
}> = async (app, { database, jobs }) => {
  const { db } = database;
  const now = () => new Date();

  app.post(
    "/api/exports",
    {
      config: { action: "reports.export" },
      schema: { body: ZExportRequestSchema, response: { 202: ZExportSchema } },
    },
    async (request, reply) => {
      const locale = requestLocale(request);
      const row = await requestExport(
        db,
        jobs,
        request.user!,
        { ...request.body, locale: request.body.locale ?? locale },
        now(),
      );
      const answer = presentExport(row, locale);
      reply.status(202).header("location", answer.links.self);
      return answer;
    },
  );

  app.get(
    "/api/exports",
    {
      config: { action: "reports.export" },
      schema: {
        querystring: ZExportListQuerySchema,
        response: { 200: z.object({ exports: z.array(ZExportSchema) }) },
      },
    },
    async (request) => {
      const { project, limit } = request.query;
      const rows = await listRecentExports(db, request.user!, { project, limit }, now());
      const locale = requestLocale(request);
      return { exports: rows.map((row) => presentExport(row, locale)) };
    },
  );

  app.get(
    "/api/exports/:id",
    {
      config: { action: "reports.export" },
      schema: {
        params: ZExportIdParamsSchema,
        querystring: ZLangQuerySchema,
        response: { 200: ZExportSchema },
      },
    },
    async (request) => {
      const row = await getExport(db, request.user!, request.params.id, now());
      return presentExport(row, requestLocale(request));
    },
  );

  app.get(
    "/api/exports/:id/file",
    {
      config: { action: "reports.export" },
      schema: { params: ZExportIdParamsSchema, querystring: ZLangQuerySchema },
    },
    async (request, reply) => {
      const file = await readExportFile(
        db,
        request.user!,
        request.params.id,
        now(),
        actorOf(request),
      );
      reply
        .header("content-type", file.contentType)
        .header("content-disposition", contentDisposition(file.fileName));
      return file.body;
    },
  );
};
