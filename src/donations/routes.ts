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
import {
  findProjectRef,
  getOrganisation,
  listPublishedProjectRefs,
  projectRefsById,
} from "../programmes/service.js";
import { donateRoute, donationRoute, pagePath, projectFilterParameter } from "../site/paths.js";
import { type LineOutcome, recordBankLine, settleLineByHand } from "./bank-lines.js";
import { renderDonatePage, renderDonationStatusPage } from "./pages/donate.js";
import { pledgeStatusScript } from "./pages/pledge-status-script.js";
import {
  type PaypalGateway,
  type PaypalProblem,
  paypalErrorOf,
  paypalGateway,
  paypalProblems,
} from "./paypal.js";
import {
  completePaypalReturn,
  handlePaypalWebhook,
  type PaypalContext,
  type PaypalOutcome,
  paypalMaximum,
  paypalMinimum,
  paypalPresets,
  startPaypalOrder,
  vndOf,
} from "./paypal-checkout.js";
import { listUnmatchedLines, listWaitingPledges } from "./queries.js";
import { RECEIPT_LINK_TTL_MS, receiptToken } from "./receipts.js";
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
  method: z.enum(["vietqr", "vnpay", "paypal"], { message: "invalid" }).default("vietqr"),
  /** PayPal's amount, in whole units of PAYPAL_CURRENCY (a preset) or with cents ("25.50"). */
  paypal_preset: z.coerce.number({ message: "invalid" }).int("invalid").optional(),
  paypal_amount: z
    .union([z.literal(""), z.string().regex(/^\d{1,9}([.,]\d{1,2})?$/, "invalid")])
    .optional(),
});

/** The PayPal amount of a donate form, in hundredths, or null when none was given. */
function paypalHundredths(form: { paypal_preset?: number; paypal_amount?: string }): number | null {
  if (form.paypal_amount) {
    const [whole = "0", cents = ""] = form.paypal_amount.split(/[.,]/);
    return Number(whole) * 100 + Number(cents.padEnd(2, "0"));
  }
  return form.paypal_preset === undefined ? null : form.paypal_preset * 100;
}

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
  z
    .object({
      decision: z.literal("not_donation"),
      /** Why (interest, a refund, a transfer between own accounts): kept for the accountant. */
      reason: zText({ message: "required" }).trim().min(1, "required").max(500, "text_too_long"),
    })
    .strict(),
]);

const ZDateQuerySchema = z.object({
  on: z.iso.date({ message: "invalid" }).optional(),
});

export const donationRoutes: FastifyPluginAsyncZod<{
  database: Database;
  publicUrl: string;
  detailsKey: Buffer;
  /** Signs the links to receipts and statements (derived for "donation-links"). */
  linkKey: Buffer;
  config: DonationConfig;
  mailer?: ReceiptMailer | undefined;
  /** PayPal's gateway; by default PayPal's SDK with config.paypal (tests: a local PayPal). */
  paypal?: PaypalGateway | undefined;
  now?: () => Date;
}> = async (
  app,
  { database, publicUrl, detailsKey, linkKey, config, mailer, paypal, now = () => new Date() },
) => {
  const { db } = database;
  const paypalContext = async (): Promise<PaypalContext | undefined> => {
    if (!config.paypal) return undefined;
    const organisation = await getOrganisation(db);
    return {
      db,
      gateway: paypalGatewayOf(config.paypal),
      config: config.paypal,
      publicUrl,
      brandName: organisation?.shortName ?? "Peerlink",
      now,
    };
  };
  let madeGateway: PaypalGateway | undefined;
  const paypalGatewayOf = (paypalConfig: NonNullable<DonationConfig["paypal"]>) => {
    madeGateway ??= paypal ?? paypalGateway(paypalConfig);
    return madeGateway;
  };

  /** A signed link to a gift's receipt (PDF), good for RECEIPT_LINK_TTL_MS from now. */
  function receiptLink(giftId: string): { url: string; expires: string } {
    const expires = new Date(now().getTime() + RECEIPT_LINK_TTL_MS);
    const token = receiptToken(linkKey, giftId, expires);
    return {
      url: `/api/donations/receipts/${giftId}?t=${token}`,
      expires: expires.toISOString().slice(0, 10),
    };
  }
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
    const pdf = receiptLink(pledge.gift.id);
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
        receiptPdfUrl: `${publicUrl}${pdf.url}`,
        receiptPdfExpires: pdf.expires,
      });
    } catch (error) {
      // The gift stands; the receipt is on its page. Said without the donor's details.
      request.log.error({ err: error, gift: outcome.giftId }, "the receipt e-mail failed");
    }
  }

  async function publishedProjects(locale: Locale) {
    const projects = await listPublishedProjectRefs(db);
    return projects.map((project) => ({
      id: project.id,
      slug: project.slug,
      name: project.name[locale],
    }));
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
            paypal: config.paypal
              ? {
                  currency: config.paypal.currency,
                  presets: paypalPresets,
                  min: paypalMinimum / 100,
                  max: paypalMaximum / 100,
                }
              : null,
          }),
        );
      },
    );

    app.post(
      donateRoute(locale),
      {
        bodyLimit: maxFormBytes,
        config: { bodyTooLarge: "bad_request" },
        schema: { body: ZDonateFormSchema },
      },
      async (request, reply) => {
        const form = request.body;
        const projects = await publishedProjects(locale);
        const project = form.purpose ? projects.find((p) => p.slug === form.purpose) : undefined;
        if (form.purpose && !project) {
          throw new AppError("invalid_parameter", { parameter: "purpose", reason: "invalid" });
        }
        let amount = typeof form.amount === "number" ? form.amount : form.preset;
        if (
          (form.method === "vnpay" && !config.vnpay) ||
          (form.method === "paypal" && !config.paypal)
        ) {
          throw new AppError("invalid_parameter", { parameter: "method", reason: "invalid" });
        }
        let original: { currency: string; amount: number; vndRate: string } | undefined;
        if (form.method === "paypal" && config.paypal) {
          const hundredths = paypalHundredths(form);
          if (hundredths === null || hundredths < paypalMinimum || hundredths > paypalMaximum) {
            throw new AppError("invalid_parameter", {
              parameter: "paypal_amount",
              reason: "paypal_amount",
              values: {
                min: paypalMinimum / 100,
                max: paypalMaximum / 100,
                currency: config.paypal.currency,
              },
            });
          }
          original = {
            currency: config.paypal.currency,
            amount: hundredths,
            vndRate: config.paypal.vndRate,
          };
          amount = vndOf(hundredths, config.paypal.vndRate);
        }
        const pledge = await createPledge(context, {
          projectId: project?.id ?? null,
          amount: amount ?? 0,
          method: form.method,
          locale,
          named: form.named === "yes",
          name: form.name,
          email: form.email,
          original,
        });
        const paypalNow = form.method === "paypal" ? await paypalContext() : undefined;
        if (paypalNow) {
          const started = await startPaypalOrder(paypalNow, pledge.id, false);
          if ("approveUrl" in started) return reply.redirect(started.approveUrl, 303);
          return reply.redirect(afterPaypal(request, started, pledge.id, locale), 303);
        }
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
      {
        schema: {
          params: ZIdParamsSchema,
          querystring: z.object({
            // What PayPal said, as our own word (a stale or odd value is simply not shown).
            paypal: z.enum(paypalProblems).optional().catch(undefined),
          }),
        },
      },
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
            receiptPdfUrl: pledge.gift ? receiptLink(pledge.gift.id).url : null,
            paypalProblem: pledge.method === "paypal" ? (request.query.paypal ?? null) : null,
          }),
        );
      },
    );
  }

  // The status page's updater (pages/pledge-status-script.ts), under an address naming its content.
  app.get(pledgeStatusScript.path, async (_request, reply) =>
    reply
      .header("cache-control", pledgeStatusScript.cacheControl)
      .type("text/javascript; charset=utf-8")
      .send(pledgeStatusScript.source),
  );

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
      config: { action: "public", bodyTooLarge: "bad_request" },
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
      config: { action: "public", bodyTooLarge: "bad_request" },
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

  /**
   * Where a donor goes after a PayPal step: the pledge's page, saying what went wrong if it did.
   * A problem is logged with PayPal's status and issue only (no name, e-mail or amount).
   */
  function afterPaypal(
    request: FastifyRequest,
    outcome: PaypalOutcome,
    pledgeId: string,
    locale: Locale,
  ): string {
    const page = pagePath({ kind: "donation", id: pledgeId }, locale);
    if (outcome.kind === "received") return page;
    if (outcome.log) {
      request.log.warn(
        { gateway: "paypal", pledge: pledgeId, ...outcome.log },
        outcome.problem === "mismatch" ? "a PayPal capture was refused" : "a PayPal step failed",
      );
    }
    return `${page}?paypal=${outcome.problem satisfies PaypalProblem}`;
  }

  const ZPaypalBackSchema = z.object({
    token: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/, "invalid")
      .optional(),
    PayerID: z
      .string()
      .regex(/^[A-Za-z0-9]{1,32}$/, "invalid")
      .optional(),
  });

  async function paypalPledgeOf(id: string) {
    const context = await paypalContext();
    if (!context) throw new AppError("not_found", { detail: "PayPal is not configured" });
    const pledge = await getPledge(db, id);
    if (pledge.method !== "paypal")
      throw new AppError("not_found", { detail: `no PayPal pledge ${id}` });
    return { context, pledge };
  }

  /** The donor back from PayPal, having approved: the order is captured and the gift recorded. */
  app.get(
    "/api/donations/paypal/return/:id",
    {
      config: { action: "public" },
      schema: { params: ZIdParamsSchema, querystring: ZPaypalBackSchema },
    },
    async (request, reply) => {
      const { context, pledge } = await paypalPledgeOf(request.params.id);
      const outcome = await completePaypalReturn(context, pledge.id, request.query.token);
      if (outcome.kind === "received" && outcome.fresh) {
        await sendReceipt(
          { outcome: "matched", lineId: "", giftId: outcome.giftId, pledgeId: pledge.id },
          request,
        );
      }
      reply.header("cache-control", "no-store");
      return reply.redirect(afterPaypal(request, outcome, pledge.id, pledge.locale), 303);
    },
  );

  /** The donor cancelled on PayPal: back to the pledge, which they may pay later. */
  app.get(
    "/api/donations/paypal/cancel/:id",
    {
      config: { action: "public" },
      schema: { params: ZIdParamsSchema, querystring: ZPaypalBackSchema },
    },
    async (request, reply) => {
      const { pledge } = await paypalPledgeOf(request.params.id);
      const page = pagePath({ kind: "donation", id: pledge.id }, pledge.locale);
      return reply.redirect(pledge.status === "waiting" ? `${page}?paypal=cancelled` : page, 303);
    },
  );

  /** "Continue to pay with PayPal" on a waiting pledge's page: a new order, and off to PayPal. */
  app.post(
    "/api/donations/paypal/pledges/:id/order",
    {
      config: { action: "public", bodyTooLarge: "bad_request" },
      bodyLimit: maxFormBytes,
      schema: { params: ZIdParamsSchema },
    },
    async (request, reply) => {
      const { context, pledge } = await paypalPledgeOf(request.params.id);
      const started = await startPaypalOrder(context, pledge.id, true);
      if ("approveUrl" in started) return reply.redirect(started.approveUrl, 303);
      return reply.redirect(afterPaypal(request, started, pledge.id, pledge.locale), 303);
    },
  );

  const paypalHeader = (request: FastifyRequest, name: string) => {
    const value = request.headers[name];
    return typeof value === "string" && value.length > 0 && value.length <= 2048 ? value : null;
  };

  /**
   * PayPal's webhook (PAYMENT.CAPTURE.COMPLETED), when PAYPAL_WEBHOOK_ID is set: each event is
   * verified with PayPal's verify-webhook-signature API before anything is read from it; then the
   * capture records its pledge's gift, once, for a donor who never came back from PayPal. PayPal
   * retries an event answered other than 2xx: a verification PayPal could not answer is a 503.
   */
  app.post(
    "/api/donations/webhooks/paypal",
    {
      config: { action: "public", bodyTooLarge: "bad_request" },
      bodyLimit: maxWebhookBytes,
      schema: {
        body: z.looseObject({
          id: z.string().max(100, "invalid"),
          event_type: z.string().max(100, "invalid"),
          resource: z.record(z.string(), z.unknown()),
        }),
        response: { 200: z.object({ received: z.literal(true) }) },
      },
    },
    async (request) => {
      const context = await paypalContext();
      const webhookId = config.paypal?.webhookId;
      if (!context || !webhookId) {
        throw new AppError("not_found", { detail: "PayPal's webhook is not configured" });
      }
      const headers = {
        authAlgo: paypalHeader(request, "paypal-auth-algo"),
        certUrl: paypalHeader(request, "paypal-cert-url"),
        transmissionId: paypalHeader(request, "paypal-transmission-id"),
        transmissionSig: paypalHeader(request, "paypal-transmission-sig"),
        transmissionTime: paypalHeader(request, "paypal-transmission-time"),
      };
      const complete =
        headers.authAlgo &&
        headers.certUrl &&
        headers.transmissionId &&
        headers.transmissionSig &&
        headers.transmissionTime;
      let verified = false;
      if (complete) {
        try {
          verified = await context.gateway.verifyWebhook(
            headers as Record<keyof typeof headers, string>,
            webhookId,
            request.body,
          );
        } catch (error) {
          const failure = paypalErrorOf(error);
          request.log.warn(
            { gateway: "paypal", status: failure.status, issue: failure.issue },
            "PayPal could not verify a webhook",
          );
          throw new AppError("busy", { detail: "PayPal could not verify the webhook now" });
        }
      }
      if (!verified) {
        request.log.warn({ gateway: "paypal" }, "a webhook with a wrong signature was refused");
        throw new AppError("unauthenticated", { reason: "webhook_signature" });
      }
      const outcome = await handlePaypalWebhook(context, request.body);
      if (outcome?.kind === "received" && outcome.fresh) {
        await sendReceipt(
          { outcome: "matched", lineId: "", giftId: outcome.giftId, pledgeId: outcome.pledgeId },
          request,
        );
      } else if (outcome?.kind === "problem" && outcome.log) {
        request.log.warn(
          { gateway: "paypal", pledge: outcome.pledgeId, ...outcome.log },
          "a PayPal webhook's capture was refused",
        );
      }
      return { received: true as const };
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
      config: { action: "finance.manage", bodyTooLarge: "bad_request" },
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

  app.get("/api/finance/pledges", { config: { action: "finance.manage" } }, async () => {
    const pledges = await listWaitingPledges(db, 500);
    const projects = await projectRefsById(
      db,
      pledges.flatMap((p) => (p.project_id ? [p.project_id] : [])),
    );
    return {
      pledges: pledges.map(({ project_id, ...pledge }) => ({
        ...pledge,
        slug: project_id ? (projects.get(project_id)?.slug ?? null) : null,
      })),
    };
  });

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
        const project = await findProjectRef(db, body.project_slug);
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
          : { kind: "not_donation", reason: body.reason },
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
