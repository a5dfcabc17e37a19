// The content API under /api/content/ (docs/api.md): list, create, read and save items; publish,
// schedule, unpublish and archive them; read their revisions, the difference each made, restore
// one; and preview an item's public page before it is published. Every route needs
// `content.manage` (editors and administrators). Schema messages are reason keys (./messages.ts).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../audit/actor.js";
import type { Database } from "../db/connection.js";
import { zText } from "../lib/input.js";
import { getOrganisation, getPublishedProject } from "../programmes/service.js";
import { renderItemPage } from "../site/pages/item.js";
import { renderProjectPage } from "../site/pages/project.js";
import {
  contentKinds,
  contentStates,
  MAX_BODY_LENGTH,
  sectionNames,
  ZFieldsInputSchema,
  zMoment,
  zSlug,
} from "./fields.js";
import { toPublicItem, withPicture } from "./published.js";
import {
  archiveItem,
  createItem,
  getItem,
  getItemWithHtml,
  getRevisionPair,
  listItemRevisions,
  listItemSummaries,
  publishItem,
  restoreRevision,
  saveItem,
  scheduleItem,
  unpublishItem,
} from "./service.js";

const ZLocalisedSchema = z.object({ vi: z.string(), en: z.string() });

const ZItemViewSchema = z.object({
  id: z.string(),
  kind: z.enum(contentKinds),
  state: z.enum(contentStates),
  revision: z.number(),
  publish_at: z.string().nullable(),
  published_at: z.string().nullable(),
  updated_at: z.string(),
  updated_by_name: z.string().nullable(),
  project_slug: z.string().nullable(),
  is_demo: z.boolean(),
  fields: z.object({
    title: ZLocalisedSchema,
    slug: ZLocalisedSchema,
    summary: ZLocalisedSchema,
    body: ZLocalisedSchema,
    image_id: z.string().nullable(),
    starts_at: z.string().nullable(),
    ends_at: z.string().nullable(),
    place: ZLocalisedSchema,
    website: z.string().nullable(),
    partner_role: z.enum(["sponsor", "partner"]).nullable(),
    sections: z.partialRecord(z.enum(sectionNames), ZLocalisedSchema).nullable(),
  }),
});

const ZItemAnswerSchema = z.object({ item: ZItemViewSchema });

const ZIdParamsSchema = z.object({ id: z.uuid({ message: "invalid" }) });
const ZRevisionParamsSchema = z.object({
  id: z.uuid({ message: "invalid" }),
  number: z.coerce
    .number({ message: "invalid" })
    .int("invalid")
    .min(1, "invalid")
    .max(1_000_000, "invalid"),
});
const ZRevisionNumberSchema = z
  .number({ message: "required" })
  .int("invalid")
  .min(1, "invalid")
  .max(1_000_000, "invalid");
const ZProjectSlugSchema = zSlug().nullable();

export const ZListQuerySchema = z
  .object({
    kind: z.enum(contentKinds, { message: "invalid" }).optional(),
    state: z.enum(contentStates, { message: "invalid" }).optional(),
    q: zText().max(200, "invalid").optional(),
    page: z.coerce
      .number({ message: "invalid" })
      .int("invalid")
      .min(1, "invalid")
      .max(10_000, "invalid")
      .default(1),
  })
  .strict();

export const ZNewItemBodySchema = z
  .object({
    kind: z.enum(contentKinds, { message: "invalid" }),
    project_slug: ZProjectSlugSchema.optional(),
    fields: ZFieldsInputSchema.optional(),
  })
  .strict();

export const ZSaveBodySchema = z
  .object({
    revision: ZRevisionNumberSchema,
    fields: ZFieldsInputSchema,
    project_slug: ZProjectSlugSchema.optional(),
  })
  .strict();

const ZPublishBodySchema = z.object({ revision: ZRevisionNumberSchema }).strict();
const ZScheduleBodySchema = z
  .object({ revision: ZRevisionNumberSchema, publish_at: zMoment() })
  .strict();

const ZPreviewQuerySchema = z
  .object({ locale: z.enum(["vi", "en"], { message: "invalid" }).default("vi") })
  .strict();

/**
 * Bodies and sections may be far longer than the input guard's usual bound for a string; in
 * bytes, all of an item's texts in both languages stay under this.
 */
const itemBodyLimit = 4 * 1024 * 1024;
const longText = { action: "content.manage" as const, bodyTextMaxLength: MAX_BODY_LENGTH };

export const contentRoutes: FastifyPluginAsyncZod<{
  database: Database;
  publicUrl: string;
}> = async (app, { database, publicUrl }) => {
  const { db } = database;
  const manage = { action: "content.manage" as const };

  app.get(
    "/api/content/items",
    {
      config: manage,
      schema: {
        querystring: ZListQuerySchema,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                kind: z.enum(contentKinds),
                state: z.enum(contentStates),
                title: ZLocalisedSchema,
                updated_at: z.string(),
                published_at: z.string().nullable(),
                publish_at: z.string().nullable(),
                project_slug: z.string().nullable(),
              }),
            ),
            total: z.number(),
          }),
        },
      },
    },
    async (request) => listItemSummaries(db, request.query, new Date()),
  );

  app.post(
    "/api/content/items",
    {
      config: longText,
      bodyLimit: itemBodyLimit,
      schema: { body: ZNewItemBodySchema, response: { 201: ZItemAnswerSchema } },
    },
    async (request, reply) => {
      const item = await createItem(db, actorOf(request), request.body, new Date());
      return reply.status(201).send({ item });
    },
  );

  app.get(
    "/api/content/items/:id",
    { config: manage, schema: { params: ZIdParamsSchema, response: { 200: ZItemAnswerSchema } } },
    async (request) => ({ item: await getItem(db, request.params.id, new Date()) }),
  );

  app.put(
    "/api/content/items/:id",
    {
      config: longText,
      bodyLimit: itemBodyLimit,
      schema: {
        params: ZIdParamsSchema,
        body: ZSaveBodySchema,
        response: { 200: ZItemAnswerSchema },
      },
    },
    async (request) => ({
      item: await saveItem(db, actorOf(request), request.params.id, request.body, new Date()),
    }),
  );

  app.post(
    "/api/content/items/:id/publish",
    {
      config: manage,
      schema: {
        params: ZIdParamsSchema,
        body: ZPublishBodySchema,
        response: { 200: ZItemAnswerSchema },
      },
    },
    async (request) => ({
      item: await publishItem(
        db,
        actorOf(request),
        request.params.id,
        request.body.revision,
        new Date(),
      ),
    }),
  );

  app.post(
    "/api/content/items/:id/schedule",
    {
      config: manage,
      schema: {
        params: ZIdParamsSchema,
        body: ZScheduleBodySchema,
        response: { 200: ZItemAnswerSchema },
      },
    },
    async (request) => ({
      item: await scheduleItem(
        db,
        actorOf(request),
        request.params.id,
        { revision: request.body.revision, publishAt: new Date(request.body.publish_at) },
        new Date(),
      ),
    }),
  );

  app.post(
    "/api/content/items/:id/archive",
    { config: manage, schema: { params: ZIdParamsSchema, response: { 200: ZItemAnswerSchema } } },
    async (request) => ({
      item: await archiveItem(db, actorOf(request), request.params.id, new Date()),
    }),
  );

  app.post(
    "/api/content/items/:id/unpublish",
    { config: manage, schema: { params: ZIdParamsSchema, response: { 200: ZItemAnswerSchema } } },
    async (request) => ({
      item: await unpublishItem(db, actorOf(request), request.params.id, new Date()),
    }),
  );

  app.get(
    "/api/content/items/:id/revisions",
    {
      config: manage,
      schema: {
        params: ZIdParamsSchema,
        response: {
          200: z.object({
            revisions: z.array(
              z.object({
                number: z.number(),
                saved_at: z.string(),
                saved_by_name: z.string().nullable(),
                state: z.enum(contentStates),
                note: z.string(),
                restored_from: z.number().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ revisions: await listItemRevisions(db, request.params.id) }),
  );

  app.get(
    "/api/content/items/:id/revisions/:number/diff",
    {
      config: manage,
      schema: {
        params: ZRevisionParamsSchema,
        response: {
          200: z.object({
            changes: z.array(
              z.object({
                field: z.string(),
                locale: z.enum(["vi", "en"]).nullable(),
                parts: z.array(
                  z.object({
                    value: z.string(),
                    added: z.literal(true).optional(),
                    removed: z.literal(true).optional(),
                  }),
                ),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { before, after } = await getRevisionPair(db, request.params.id, request.params.number);
      // The word-by-word comparison (the `diff` library) loads with the first one an editor asks
      // for, not at start (docs/benchmarks.md, "site").
      const { diffFields } = await import("./diff.js");
      return { changes: diffFields(before, after) };
    },
  );

  app.post(
    "/api/content/items/:id/revisions/:number/restore",
    {
      config: manage,
      schema: { params: ZRevisionParamsSchema, response: { 200: ZItemAnswerSchema } },
    },
    async (request) => ({
      item: await restoreRevision(
        db,
        actorOf(request),
        request.params.id,
        request.params.number,
        new Date(),
      ),
    }),
  );

  app.get(
    "/api/content/items/:id/preview",
    { config: manage, schema: { params: ZIdParamsSchema, querystring: ZPreviewQuerySchema } },
    async (request, reply) => {
      const now = new Date();
      const { locale } = request.query;
      const { item, html } = await getItemWithHtml(db, request.params.id, now);
      const shown = await withPicture(
        db,
        toPublicItem({
          ...item,
          fields: item.fields,
          html,
          // As it will read once published: dated today if it has never been.
          published_at: item.published_at ?? item.publish_at ?? now.toISOString(),
        }),
      );
      const organisation = await getOrganisation(db);
      const project = item.project_slug
        ? await getPublishedProject(db, item.project_slug)
        : undefined;
      const page =
        item.kind === "project" && project
          ? renderProjectPage({
              locale,
              project,
              results: null,
              organisation,
              publicUrl,
              narrative: shown,
              preview: true,
            })
          : renderItemPage({ locale, item: shown, organisation, publicUrl, preview: true });
      return reply
        .header("cache-control", "no-store")
        .header("x-robots-tag", "noindex")
        .type("text/html; charset=utf-8")
        .send(page);
    },
  );
};
