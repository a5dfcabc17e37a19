// Giving over HTTP: the donate page and its form (/vi/ung-ho, /en/donate), a pledge's status page
// (/vi/ung-ho/<id>) and its status as JSON; SePay's and Casso's incoming-transfer webhooks
// (public, authenticated by their own key or signature, bodies bounded, replay-safe); and the
// finance API (/api/finance/…, `finance.manage`): unmatched lines, waiting pledges, a line matched
// by hand or marked not a donation, the funds' balances.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { DonationConfig } from "../config.js";
import type { Database } from "../db/connection.js";
import { balancesOn } from "../ledger/service.js";
import { AppError } from "../lib/errors.js";
import { type Locale, locales } from "../lib/i18n.js";
import { zText } from "../lib/input.js";
import { getHome, getOrganisation } from "../programmes/service.js";
import { donateRoute, donationRoute, pagePath, projectFilterParameter } from "../site/paths.js";
import { type LineOutcome, recordBankLine, settleLineByHand } from "./bank-lines.js";
import { renderDonatePage, renderDonationStatusPage } from "./pages/donate.js";
import { listUnmatchedLines, listWaitingPledges } from "./queries.js";
import { transferText } from "./reference.js";
import {
  createPledge,
  type DonationContext,
  donorOf,
  getPledge,
  maximumGift,
  minimumGift,
  presetAmounts,
  type ReceiptMailer,
} from "./service.js";
import {
  importStatement,
  maxStatementBytes,
  parseCsv,
  readXlsx,
  type StatementFormat,
  statementFormats,
  statementLines,
} from "./statement.js";
import { vietQrPayload, vietQrSvg } from "./vietqr.js";
import { paymentUrl, signatureHolds } from "./vnpay.js";
import { handleVnpayIpn } from "./vnpay-ipn.js";
import {
  cassoAuthorised,
  lineFromCasso,
  lineFromSepay,
  maxWebhookBytes,
  sepayAuthorised,
  ZCassoBodySchema,
  ZSepayTransactionSchema,
} from "./webhooks.js";

/** The donate form's body is a few hundred bytes. */
const maxFormBytes = 4 * 1024;

const ZIdParamsSchema = z.object({ id: z.uuid({ message: "invalid" }) });

const zOptionalText = (max: number) =>
  zText()
    .max(max, "text_too_long")
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : null));

const ZDonateFormSchema = z.object({
  purpose: zText().max(120, "invalid").optional(),
  preset: z.coerce.number({ message: "invalid" }).int("invalid").optional(),
  amount: z
    .union([z.literal(""), z.coerce.number({ message: "invalid" }).int("invalid")])
    .optional(),
  name: zOptionalText(100),
  email: zOptionalText(200).refine(
    (v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
    "invalid",
  ),
  named: z.literal("yes").optional(),
  method: z.enum(["vietqr", "vnpay"], { message: "invalid" }).default("vietqr"),
});

const ZSettleBodySchema = z.discriminatedUnion("decision", [
  z
    .object({
      decision: z.literal("gift"),
      pledge_reference: z
        .string()
        .regex(/^[A-Z0-9]{6,12}$/, "invalid")
        .nullable()
        .default(null),
      project_slug: zText().max(120, "invalid").nullable().default(null),
    })
    .strict(),
  z.object({ decision: z.literal("not_donation") }).strict(),
]);

const ZDateQuerySchema = z.object({
  on: z.iso.date({ message: "invalid" }).optional(),
});

export const donationRoutes: FastifyPluginAsyncZod<{
  database: Database;
  publicUrl: string;
  detailsKey: Buffer;
  config: DonationConfig;
  mailer?: ReceiptMailer | undefined;
  now?: () => Date;
}> = async (app, { database, publicUrl, detailsKey, config, mailer, now = () => new Date() }) => {
  const { db } = database;
  const context: DonationContext = { db, detailsKey, now };

  // The donate form posts as a browser does without script.
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: maxFormBytes },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  /** After a gift is committed: its receipt to the donor who gave an e-mail (never logged). */
  async function sendReceipt(outcome: LineOutcome, request: FastifyRequest) {
    if (outcome.outcome !== "matched" || !mailer) return;
    const donor = await donorOf(context, outcome.pledgeId);
    if (!donor.email) return;
    const pledge = await getPledge(db, outcome.pledgeId);
    if (!pledge.gift) return;
    try {
      await mailer.sendReceipt({
        giftId: outcome.giftId,
        locale: pledge.locale,
        email: donor.email,
        name: donor.name,
        amount: pledge.gift.amount,
        receiptYear: pledge.gift.receiptYear,
        receiptNumber: pledge.gift.receiptNumber,
        receiptUrl: `${publicUrl}${pagePath({ kind: "donation", id: pledge.id }, pledge.locale)}`,
      });
    } catch (error) {
      // The gift stands; the receipt is on its page. Said without the donor's details.
      request.log.error({ err: error, gift: outcome.giftId }, "the receipt e-mail failed");
    }
  }

  async function publishedProjects(locale: Locale) {
    const home = await getHome(db);
    const rows = await db
      .selectFrom("projects")
      .select(["id", "slug"])
      .where("status", "=", "published")
      .execute();
    return home.projects.flatMap((project) => {
      const row = rows.find((r) => r.slug === project.slug);
      return row ? [{ id: row.id, slug: project.slug, name: project.name[locale] }] : [];
    });
  }

  const sendPage = (reply: FastifyReply, html: string) =>
    reply.header("cache-control", "no-store").type("text/html; charset=utf-8").send(html);

  for (const locale of locales) {
    app.get(
      donateRoute(locale),
      {
        schema: {
          querystring: z.object({
            [projectFilterParameter[locale]]: zText().max(120, "invalid").optional(),
          }),
        },
      },
      async (request, reply) => {
        const project = (request.query as Record<string, string | undefined>)[
          projectFilterParameter[locale]
        ];
        const projects = await publishedProjects(locale);
        if (project && !projects.some((p) => p.slug === project)) {
          throw new AppError("not_found", { detail: `no published project ${project}` });
        }
        return sendPage(
          reply,
          renderDonatePage({
            locale,
            organisation: await getOrganisation(db),
            publicUrl,
            projects,
            project,
            presets: presetAmounts,
            min: minimumGift,
            max: maximumGift,
            cards: config.vnpay !== undefined,
          }),
        );
      },
    );

    app.post(
      donateRoute(locale),
      { bodyLimit: maxFormBytes, schema: { body: ZDonateFormSchema } },
      async (request, reply) => {
        const form = request.body;
        const projects = await publishedProjects(locale);
        const project = form.purpose ? projects.find((p) => p.slug === form.purpose) : undefined;
        if (form.purpose && !project) {
          throw new AppError("invalid_parameter", { parameter: "purpose", reason: "invalid" });
        }
        const amount = typeof form.amount === "number" ? form.amount : form.preset;
        if (form.method === "vnpay" && !config.vnpay) {
          throw new AppError("invalid_parameter", { parameter: "method", reason: "invalid" });
        }
        const pledge = await createPledge(context, {
          projectId: project?.id ?? null,
          amount: amount ?? 0,
          method: form.method,
          locale,
          named: form.named === "yes",
          name: form.name,
          email: form.email,
        });
        if (form.method === "vnpay" && config.vnpay) {
          const url = paymentUrl(config.vnpay, {
            reference: pledge.reference,
            amount: amount ?? 0,
            locale,
            ip: request.ip,
            returnUrl: `${publicUrl}/api/donations/vnpay/return`,
            now: now(),
          });
          return reply.redirect(url, 303);
        }
        return reply.redirect(pagePath({ kind: "donation", id: pledge.id }, locale), 303);
      },
    );

    app.get(
      donationRoute(locale),
      { schema: { params: ZIdParamsSchema } },
      async (request, reply) => {
        const pledge = await getPledge(db, request.params.id);
        const text = transferText(pledge.reference);
        const payload = vietQrPayload({
          bin: config.bank.bin,
          accountNumber: config.bank.accountNumber,
          amount: pledge.amount,
          purpose: text,
        });
        return sendPage(
          reply,
          renderDonationStatusPage({
            locale,
            organisation: await getOrganisation(db),
            publicUrl,
            pledge,
            bank: config.bank,
            transferText: text,
            qrSvg: await vietQrSvg(payload),
          }),
        );
      },
    );
  }

  app.get(
    "/api/donations/pledges/:id",
    {
      config: { action: "public" },
      schema: {
        params: ZIdParamsSchema,
        response: {
          200: z.object({
            status: z.enum(["waiting", "received", "failed"]),
            receipt: z.string().nullable(),
          }),
        },
      },
    },
    async (request, reply) => {
      const pledge = await getPledge(db, request.params.id);
      reply.header("cache-control", "no-store");
      return {
        status: pledge.status,
        receipt: pledge.gift ? `${pledge.gift.receiptNumber}/${pledge.gift.receiptYear}` : null,
      };
    },
  );

  app.post(
    "/api/donations/webhooks/sepay",
    {
      config: { action: "public" },
      bodyLimit: maxWebhookBytes,
      schema: {
        body: ZSepayTransactionSchema,
        response: { 200: z.object({ success: z.literal(true) }) },
      },
    },
    async (request) => {
      if (!config.sepayApiKey)
        throw new AppError("not_found", { detail: "SePay is not configured" });
      if (!sepayAuthorised(request.headers.authorization, config.sepayApiKey)) {
        request.log.warn({ gateway: "sepay" }, "a webhook with a wrong key was refused");
        throw new AppError("unauthenticated", { reason: "webhook_signature" });
      }
      if (request.body.transferType === "in") {
        const outcome = await recordBankLine(db, lineFromSepay(request.body), now());
        await sendReceipt(outcome, request);
      }
      return { success: true as const };
    },
  );

  app.post(
    "/api/donations/webhooks/casso",
    {
      config: { action: "public" },
      bodyLimit: maxWebhookBytes,
      schema: {
        body: ZCassoBodySchema,
        response: { 200: z.object({ success: z.literal(true) }) },
      },
    },
    async (request) => {
      if (!config.cassoSecret)
        throw new AppError("not_found", { detail: "Casso is not configured" });
      const header = request.headers["x-casso-signature"];
      if (
        !cassoAuthorised(
          typeof header === "string" ? header : undefined,
          request.body,
          config.cassoSecret,
        )
      ) {
        request.log.warn({ gateway: "casso" }, "a webhook with a wrong signature was refused");
        throw new AppError("unauthenticated", { reason: "webhook_signature" });
      }
      if (request.body.data.amount > 0) {
        const outcome = await recordBankLine(db, lineFromCasso(request.body.data), now());
        await sendReceipt(outcome, request);
      }
      return { success: true as const };
    },
  );

  // VNPay sends its parameters in the query; a few kilobytes at most.
  const ZVnpayQuerySchema = z.record(
    z.string().regex(/^vnp_[A-Za-z]{1,40}$/, "invalid"),
    z.string().max(512, "invalid"),
  );

  app.get(
    "/api/donations/vnpay/ipn",
    {
      config: { action: "public" },
      schema: {
        querystring: ZVnpayQuerySchema,
        response: { 200: z.object({ RspCode: z.string(), Message: z.string() }) },
      },
    },
    async (request) => {
      if (!config.vnpay) throw new AppError("not_found", { detail: "VNPay is not configured" });
      const result = await handleVnpayIpn(db, config.vnpay, request.query, now());
      if (result.answer.RspCode !== "00" && result.answer.RspCode !== "02") {
        request.log.warn(
          { gateway: "vnpay", code: result.answer.RspCode },
          "a VNPay IPN was refused",
        );
      }
      if (result.giftId && result.pledgeId) {
        await sendReceipt(
          { outcome: "matched", lineId: "", giftId: result.giftId, pledgeId: result.pledgeId },
          request,
        );
      }
      return result.answer;
    },
  );

  /** The donor's browser back from VNPay: to the pledge's status page (the IPN records the gift). */
  app.get(
    "/api/donations/vnpay/return",
    { config: { action: "public" }, schema: { querystring: ZVnpayQuerySchema } },
    async (request, reply) => {
      if (!config.vnpay || !signatureHolds(request.query, config.vnpay.hashSecret)) {
        throw new AppError("invalid_parameter", {
          parameter: "vnp_SecureHash",
          reason: "webhook_signature",
        });
      }
      const reference = request.query.vnp_TxnRef ?? "";
      const pledge = await db
        .selectFrom("donation_pledges")
        .select(["id", "locale"])
        .where("reference", "=", reference)
        .executeTakeFirst();
      if (!pledge) throw new AppError("not_found", { detail: "no pledge for this VNPay return" });
      return reply.redirect(pagePath({ kind: "donation", id: pledge.id }, pledge.locale), 303);
    },
  );

  // Statements are sent as the file's own bytes (text/csv or the XLSX type), up to 5 MiB.
  const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  app.addContentTypeParser(
    ["text/csv", xlsxType],
    { parseAs: "buffer", bodyLimit: maxStatementBytes },
    (_request, body, done) => done(null, body),
  );

  app.post(
    "/api/finance/statements",
    {
      config: { action: "finance.manage" },
      bodyLimit: maxStatementBytes,
      schema: {
        querystring: z.object({
          format: z.enum(Object.keys(statementFormats) as [StatementFormat], {
            message: "invalid",
          }),
        }),
      },
    },
    async (request) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) {
        throw new AppError("invalid_body", { reason: "statement_unreadable" });
      }
      const rows = request.headers["content-type"]?.startsWith(xlsxType)
        ? await readXlsx(body)
        : parseCsv(body.toString("utf8"));
      const lines = statementLines(rows, request.query.format);
      return { summary: await importStatement(db, lines, now()) };
    },
  );

  app.get("/api/finance/lines", { config: { action: "finance.manage" } }, async () => ({
    lines: await listUnmatchedLines(db, 500),
  }));

  app.get("/api/finance/pledges", { config: { action: "finance.manage" } }, async () => ({
    pledges: await listWaitingPledges(db, 500),
  }));

  app.post(
    "/api/finance/lines/:id/settle",
    {
      config: { action: "finance.manage" },
      schema: { params: ZIdParamsSchema, body: ZSettleBodySchema },
    },
    async (request) => {
      const body = request.body;
      let projectId: string | null = null;
      if (body.decision === "gift" && body.project_slug !== null) {
        const project = await db
          .selectFrom("projects")
          .select("id")
          .where("slug", "=", body.project_slug)
          .executeTakeFirst();
        if (!project) {
          throw new AppError("invalid_parameter", { parameter: "project_slug", reason: "invalid" });
        }
        projectId = project.id;
      }
      const result = await settleLineByHand(
        db,
        request.params.id,
        body.decision === "gift"
          ? { kind: "gift", pledgeReference: body.pledge_reference, projectId }
          : { kind: "not_donation" },
        request.user!.id,
        now(),
      );
      if (result.giftId && result.pledgeId) {
        await sendReceipt(
          {
            outcome: "matched",
            lineId: request.params.id,
            giftId: result.giftId,
            pledgeId: result.pledgeId,
          },
          request,
        );
      }
      return { gift_id: result.giftId };
    },
  );

  app.get(
    "/api/finance/balances",
    { config: { action: "finance.manage" }, schema: { querystring: ZDateQuerySchema } },
    async (request) => {
      const on = request.query.on ?? now().toISOString().slice(0, 10);
      return { on, accounts: await balancesOn(db, on) };
    },
  );
};
