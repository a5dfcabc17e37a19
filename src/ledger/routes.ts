// The finance API of the ledger's hand postings (`finance.manage`): allocations from the
// unrestricted fund to a project's fund, a project's expenses, their reversals, and the lists of
// each. Projects are named by slug and found through the programmes service. Every posting
// carries the client's key (`key`): a retry answers 200 with what the first request posted.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../db/connection.js";
import { vietnamToday } from "../lib/dates.js";
import { AppError } from "../lib/errors.js";
import { zCalendarDate, zText } from "../lib/input.js";
import { findProjectRef, projectRefsById } from "../programmes/service.js";
import {
  type FundPostingKind,
  type FundPostingView,
  listFundMovements,
  postFundMovement,
  reverseFundMovement,
} from "./fund-postings.js";

/** The largest posting taken, in đồng (a hundred billion: far above any NGO's single payment). */
export const maxPostingAmount = 100_000_000_000;
/** At most this many postings in one list. */
const maxListed = 500;

const zKey = z.string().regex(/^[A-Za-z0-9_-]{8,80}$/, "idempotency_key");
const zDate = zCalendarDate({ message: "invalid" }).refine(
  (date) => date >= "2000-01-01",
  "invalid",
);
const zMemo = zText().trim().min(1, "required").max(500, "memo_too_long");

const ZFundPostingBodySchema = z
  .object({
    key: zKey,
    project_slug: zText().max(120, "invalid"),
    amount: z
      .number({ message: "invalid" })
      .int("invalid")
      .min(1, "invalid")
      .max(maxPostingAmount, "invalid"),
    occurred_on: zDate,
    memo: zMemo,
  })
  .strict();

const ZReversalBodySchema = z.object({ key: zKey, occurred_on: zDate, memo: zMemo }).strict();

const ZListQuerySchema = z.object({
  from: zDate.optional(),
  to: zDate.optional(),
  limit: z.coerce
    .number({ message: "invalid" })
    .int("invalid")
    .min(1, "invalid")
    .max(maxListed, "invalid")
    .default(100),
});

const ZPostingSchema = z.object({
  id: z.string(),
  kind: z.enum(["allocation", "expense", "reversal"]),
  reverses_kind: z.enum(["allocation", "expense"]).nullable(),
  occurred_on: z.string(),
  amount: z.number(),
  memo: z.string(),
  project: z
    .object({
      id: z.string(),
      slug: z.string(),
      name: z.object({ vi: z.string(), en: z.string() }),
    })
    .nullable(),
  debit_account: z.string(),
  credit_account: z.string(),
  reverses: z.string().nullable(),
  reversed_by: z.string().nullable(),
  created_by: z.string().nullable(),
  created_at: z.string(),
});

const ZPostingAnswerSchema = z.object({ posting: ZPostingSchema });

/** A posting as the API answers it (the staff app's finance screens read it). */
export type TFundPosting = z.infer<typeof ZPostingSchema>;

export const ledgerRoutes: FastifyPluginAsyncZod<{
  database: Database;
  now?: () => Date;
}> = async (app, { database, now = () => new Date() }) => {
  const { db } = database;

  /** A posting's date may not be in the future (Việt Nam's today). */
  function checkNotFuture(date: string) {
    if (date > vietnamToday(now())) {
      throw new AppError("invalid_parameter", { parameter: "occurred_on", reason: "future_date" });
    }
  }

  async function withProjects(postings: FundPostingView[]) {
    const projects = await projectRefsById(
      db,
      postings.flatMap((p) => (p.project_id ? [p.project_id] : [])),
    );
    return postings.map(({ project_id, ...posting }) => {
      const project = project_id ? projects.get(project_id) : undefined;
      return {
        ...posting,
        project: project ? { id: project.id, slug: project.slug, name: project.name } : null,
      };
    });
  }

  const kinds: Record<FundPostingKind, string> = {
    allocation: "/api/finance/allocations",
    expense: "/api/finance/expenses",
  };

  for (const [kind, url] of Object.entries(kinds) as [FundPostingKind, string][]) {
    app.post(
      url,
      {
        config: { action: "finance.manage" },
        bodyLimit: 4 * 1024,
        schema: {
          body: ZFundPostingBodySchema,
          response: { 200: ZPostingAnswerSchema, 201: ZPostingAnswerSchema },
        },
      },
      async (request, reply) => {
        const body = request.body;
        checkNotFuture(body.occurred_on);
        const project = await findProjectRef(db, body.project_slug);
        if (!project) {
          throw new AppError("invalid_parameter", {
            parameter: "project_slug",
            reason: "project_unknown",
          });
        }
        const { posting, created } = await postFundMovement(
          db,
          kind,
          { id: project.id, nameVi: project.name.vi, nameEn: project.name.en },
          {
            clientKey: body.key,
            occurredOn: body.occurred_on,
            amount: body.amount,
            memo: body.memo,
            createdBy: request.user!.id,
          },
        );
        const [view] = await withProjects([posting]);
        return reply.code(created ? 201 : 200).send({ posting: view! });
      },
    );

    app.get(
      url,
      { config: { action: "finance.manage" }, schema: { querystring: ZListQuerySchema } },
      async (request) => {
        const to = request.query.to ?? vietnamToday(now());
        const from = request.query.from ?? `${to.slice(0, 4)}-01-01`;
        if (from > to) {
          throw new AppError("invalid_parameter", { parameter: "from", reason: "period_order" });
        }
        const postings = await listFundMovements(db, kind, {
          from,
          to,
          limit: request.query.limit,
        });
        return { from, to, postings: await withProjects(postings) };
      },
    );
  }

  app.post(
    "/api/finance/transactions/:id/reversal",
    {
      config: { action: "finance.manage" },
      bodyLimit: 4 * 1024,
      schema: {
        params: z.object({ id: z.uuid({ message: "invalid" }) }),
        body: ZReversalBodySchema,
        response: { 200: ZPostingAnswerSchema, 201: ZPostingAnswerSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      checkNotFuture(body.occurred_on);
      const { posting, created } = await reverseFundMovement(db, request.params.id, {
        clientKey: body.key,
        occurredOn: body.occurred_on,
        memo: body.memo,
        createdBy: request.user!.id,
      });
      const [view] = await withProjects([posting]);
      return reply.code(created ? 201 : 200).send({ posting: view! });
    },
  );
};
