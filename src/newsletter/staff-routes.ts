// The newsletter's staff API under /api/newsletter/ (docs/api.md): issues — list, compose, save,
// preview as a recipient sees it (HTML or text), send a test to oneself, send, progress — and
// the counts of subscribers, for editors and administrators (`newsletter.manage`); and, for
// administrators only (`newsletter.subscribers`), one subscriber's data found by address, exported
// or erased on that person's request, each read written to the audit log.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../audit/actor.js";
import { recordEvent } from "../audit/service.js";
import type { Database } from "../db/connection.js";
import { locales } from "../lib/i18n.js";
import { zText } from "../lib/input.js";
import { zAddress } from "../mail/address.js";
import {
  createIssue,
  getIssue,
  issueProgress,
  listIssues,
  previewIssue,
  saveIssue,
  sendIssue,
  sendTestIssue,
} from "./issues.js";
import { countSubscribers } from "./queries.js";
import {
  eraseSubscriber,
  exportSubscriber,
  findIdByAddress,
  type NewsletterContext,
} from "./subscribers.js";

const ZIssueFieldsSchema = z
  .object({
    subject_vi: zText().max(200, "field_too_long").default(""),
    subject_en: zText().max(200, "field_too_long").default(""),
    intro_vi: zText().max(20_000, "field_too_long").default(""),
    intro_en: zText().max(20_000, "field_too_long").default(""),
    news_ids: z
      .array(z.uuid({ message: "invalid" }))
      .max(20, "invalid")
      .default([]),
    /** A project's slug: the issue goes to those who chose it (or chose none). */
    topic: zText().max(120, "field_too_long").nullable().default(null),
  })
  .strict();

const ZIssueSchema = z.object({
  id: z.string(),
  state: z.enum(["draft", "sending", "sent"]),
  subject_vi: z.string(),
  subject_en: z.string(),
  intro_vi: z.string(),
  intro_en: z.string(),
  news_ids: z.array(z.string()),
  topic: z.string().nullable(),
  recipients: z.number().nullable(),
  updated_at: z.string(),
  sent_at: z.string().nullable(),
});

const ZProgressSchema = z.object({
  state: z.enum(["draft", "sending", "sent"]),
  total: z.number(),
  queued: z.number(),
  sending: z.number(),
  sent: z.number(),
  failed: z.number(),
  left: z.number(),
});

const ZIdParamsSchema = z.object({ id: z.uuid({ message: "invalid" }) });
const ZPreviewQuerySchema = z
  .object({
    locale: z.enum(locales, { message: "invalid" }).default("vi"),
    format: z.enum(["html", "text"], { message: "invalid" }).default("html"),
  })
  .strict();
const ZTestBodySchema = z
  .object({ address: zAddress(), locale: z.enum(locales, { message: "invalid" }).default("vi") })
  .strict();
const ZAddressBodySchema = z.object({ address: zAddress() }).strict();

/** The preview's own policy: a message's inline styles and images, no script, framed by us only. */
const previewPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https:; " +
  "sandbox; frame-ancestors 'self'";

/** Issues carry up to 2 × 20,000 characters of text. */
const issueBodyLimit = 256 * 1024;

export const newsletterStaffRoutes: FastifyPluginAsyncZod<{
  database: Database;
  context: NewsletterContext;
}> = async (app, { database, context }) => {
  const { db } = database;
  const manage = { action: "newsletter.manage" as const };
  const subscribers = { action: "newsletter.subscribers" as const };

  app.get(
    "/api/newsletter/issues",
    {
      config: manage,
      schema: {
        response: {
          200: z.object({
            issues: z.array(
              z.object({
                id: z.string(),
                state: z.enum(["draft", "sending", "sent"]),
                subject: z.object({ vi: z.string(), en: z.string() }),
                recipients: z.number().nullable(),
                updated_at: z.string(),
                sent_at: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ issues: await listIssues(db) }),
  );

  app.post(
    "/api/newsletter/issues",
    {
      config: { ...manage, bodyTextMaxLength: 20_000 },
      bodyLimit: issueBodyLimit,
      schema: { body: ZIssueFieldsSchema, response: { 201: z.object({ issue: ZIssueSchema }) } },
    },
    async (request, reply) => {
      const issue = await createIssue(db, actorOf(request), request.body, new Date());
      return reply.status(201).send({ issue });
    },
  );

  app.get(
    "/api/newsletter/issues/:id",
    {
      config: manage,
      schema: { params: ZIdParamsSchema, response: { 200: z.object({ issue: ZIssueSchema }) } },
    },
    async (request) => ({ issue: await getIssue(db, request.params.id) }),
  );

  app.put(
    "/api/newsletter/issues/:id",
    {
      config: { ...manage, bodyTextMaxLength: 20_000 },
      bodyLimit: issueBodyLimit,
      schema: {
        params: ZIdParamsSchema,
        body: ZIssueFieldsSchema,
        response: { 200: z.object({ issue: ZIssueSchema }) },
      },
    },
    async (request) => ({
      issue: await saveIssue(db, request.params.id, request.body, new Date()),
    }),
  );

  app.get(
    "/api/newsletter/issues/:id/preview",
    { config: manage, schema: { params: ZIdParamsSchema, querystring: ZPreviewQuerySchema } },
    async (request, reply) => {
      const { locale, format } = request.query;
      const content = await previewIssue(db, context, request.params.id, locale, new Date());
      reply.header("x-mail-subject", encodeURIComponent(content.subject));
      // Shown in the staff app's sandboxed frame as a recipient sees it: the message's inline
      // styles apply, nothing runs (CSP sandbox, even opened on its own), only our pages frame it.
      reply.header("content-security-policy", previewPolicy);
      reply.header("x-frame-options", "SAMEORIGIN");
      return format === "html"
        ? reply.type("text/html; charset=utf-8").send(content.html)
        : reply.type("text/plain; charset=utf-8").send(content.text);
    },
  );

  app.post(
    "/api/newsletter/issues/:id/test",
    {
      config: manage,
      schema: {
        params: ZIdParamsSchema,
        body: ZTestBodySchema,
        response: { 202: z.object({ message_id: z.string() }) },
      },
    },
    async (request, reply) => {
      const { address, locale } = request.body;
      const sent = await sendTestIssue(
        db,
        context,
        actorOf(request),
        request.params.id,
        address,
        locale,
        new Date(),
      );
      return reply.status(202).send(sent);
    },
  );

  app.post(
    "/api/newsletter/issues/:id/send",
    {
      config: manage,
      schema: { params: ZIdParamsSchema, response: { 202: ZProgressSchema } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = new Date();
      const progress = await sendIssue(db, context, actor, request.params.id, now);
      await recordEvent(
        db,
        actor,
        {
          action: "newsletter.issue_sent",
          target: { type: "newsletter_issue", id: request.params.id },
          details: { recipients: progress.total },
        },
        now,
      );
      return reply.status(202).send(progress);
    },
  );

  app.get(
    "/api/newsletter/issues/:id/progress",
    { config: manage, schema: { params: ZIdParamsSchema, response: { 200: ZProgressSchema } } },
    async (request) => issueProgress(db, context, request.params.id, new Date()),
  );

  app.get(
    "/api/newsletter/subscribers/counts",
    {
      config: manage,
      schema: {
        response: {
          200: z.object({
            counts: z.array(
              z.object({
                status: z.enum(["pending", "confirmed", "left"]),
                locale: z.enum(locales),
                n: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ counts: await countSubscribers(db) }),
  );

  app.post(
    "/api/newsletter/subscribers/export",
    { config: subscribers, schema: { body: ZAddressBodySchema } },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await findIdByAddress(db, context, request.body.address);
      const data = await exportSubscriber(db, context, id);
      await recordEvent(
        db,
        actor,
        {
          action: "newsletter.subscriber_exported",
          target: { type: "newsletter_subscriber", id },
          details: {},
        },
        new Date(),
      );
      return reply
        .header("content-disposition", 'attachment; filename="newsletter-subscriber.json"')
        .type("application/json; charset=utf-8")
        .send(JSON.stringify(data, null, 2));
    },
  );

  app.post(
    "/api/newsletter/subscribers/erase",
    {
      config: subscribers,
      schema: {
        body: ZAddressBodySchema,
        response: { 200: z.object({ erased: z.literal(true) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const id = await findIdByAddress(db, context, request.body.address);
      await eraseSubscriber(db, context, id);
      await recordEvent(
        db,
        actor,
        {
          action: "newsletter.subscriber_erased",
          target: { type: "newsletter_subscriber", id },
          details: {},
        },
        new Date(),
      );
      return { erased: true as const };
    },
  );
};
