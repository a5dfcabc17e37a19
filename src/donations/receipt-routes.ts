// Receipts, yearly statements and the accountant's workbook over HTTP.
// Public: a receipt's PDF by its signed link (/api/donations/receipts/:id?t=…), a yearly
// statement's PDF by its signed link (/api/donations/yearly-statements?t=…), and the form where a
// donor asks for that link by e-mail (/vi/ung-ho/bao-cao-nam, /en/donate/yearly-statement).
// Finance (`finance.manage`): the gifts of a period, any gift's receipt, a donor's statement by
// e-mail address, and the accountant's XLSX of a period. Reading a receipt or a statement —
// donors' names — is written to the audit log. PDFs go out `no-store`, never cached on the way.
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../audit/actor.js";
import { recordEvent } from "../audit/service.js";
import type { Database } from "../db/connection.js";
import { vietnamToday } from "../lib/dates.js";
import { AppError } from "../lib/errors.js";
import { locales } from "../lib/i18n.js";
import { zCalendarDate, zText } from "../lib/input.js";
import { zAddress } from "../mail/address.js";
import { getOrganisation, projectRefsById } from "../programmes/service.js";
import { absoluteUrl, pagePath } from "../site/paths.js";
import { accountsWorkbook } from "./accounts-export.js";
import { renderStatementFormPage } from "./pages/statement-form.js";
import { listGiftsReceived } from "./queries.js";
import {
  printDonationPdf,
  type ReceiptIssuer,
  receiptHtml,
  statementHtml,
} from "./receipt-document.js";
import {
  checkReceiptToken,
  type DonorYear,
  donorKey,
  donorYear,
  getReceipt,
  readStatementToken,
  STATEMENT_LINK_TTL_MS,
  statementToken,
  throttleStatementRequest,
} from "./receipts.js";
import type { DonationContext, ReceiptMailer } from "./service.js";

const FORM_BODY_LIMIT = 4 * 1024;
/** The first year a statement may be asked for. */
const firstYear = 2000;
/** At most this many gifts in one list of the finance API. */
const maxListedGifts = 1_000;

const ZIdParamsSchema = z.object({ id: z.uuid({ message: "invalid" }) });
const ZTokenQuerySchema = z.object({ t: zText().max(200, "link_invalid").default("") });
const zYear = z.coerce.number({ message: "statement_year" }).int("statement_year");

const ZStatementFormSchema = z.object({
  email: zAddress(),
  year: zYear,
  website: zText().max(200).optional(),
});

const ZFinanceStatementSchema = z.object({ email: zAddress(), year: zYear }).strict();

const zDate = zCalendarDate({ message: "invalid" }).refine((d) => d >= "2000-01-01", "invalid");
const ZPeriodQuerySchema = z.object({ from: zDate, to: zDate });
const ZGiftsQuerySchema = z.object({
  from: zDate.optional(),
  to: zDate.optional(),
  limit: z.coerce
    .number({ message: "invalid" })
    .int("invalid")
    .min(1, "invalid")
    .max(maxListedGifts, "invalid")
    .default(200),
});

const pdfName = (prefix: string, ...parts: (string | number)[]) =>
  `${[prefix, ...parts].join("-")}.pdf`;

export const donorDocumentRoutes: FastifyPluginAsyncZod<{
  database: Database;
  publicUrl: string;
  detailsKey: Buffer;
  linkKey: Buffer;
  postalAddress: string;
  mailer?: ReceiptMailer | undefined;
  now?: () => Date;
}> = async (
  app,
  { database, publicUrl, detailsKey, linkKey, postalAddress, mailer, now = () => new Date() },
) => {
  const { db } = database;
  const context: DonationContext = { db, detailsKey, now };

  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: FORM_BODY_LIMIT },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  async function issuer(): Promise<ReceiptIssuer> {
    const organisation = await getOrganisation(db);
    return {
      name: organisation?.name ?? { vi: "Peerlink", en: "Peerlink" },
      shortName: organisation?.shortName ?? "Peerlink",
      postalAddress,
      website: organisation?.website ?? null,
    };
  }

  const today = () => vietnamToday(now());
  const thisYear = () => Number(today().slice(0, 4));

  function checkYear(year: number) {
    if (year < firstYear || year > thisYear()) {
      throw new AppError("invalid_parameter", { parameter: "year", reason: "statement_year" });
    }
  }

  const sendPdf = (reply: FastifyReply, pdf: Buffer, name: string) =>
    reply
      .header("cache-control", "no-store")
      .header("referrer-policy", "no-referrer")
      .header("x-robots-tag", "noindex")
      .header("content-disposition", `inline; filename="${name}"`)
      .type("application/pdf")
      .send(pdf);

  async function receiptPdf(giftId: string) {
    const receipt = await getReceipt(context, giftId);
    const pdf = await printDonationPdf(receiptHtml(receipt, await issuer(), today()));
    return { pdf, name: pdfName("bien-nhan", receipt.number, receipt.year) };
  }

  async function statementPdf(statement: DonorYear, email: string | null) {
    const html = statementHtml(statement, await issuer(), email, today());
    return printDonationPdf(html);
  }

  app.get(
    "/api/donations/receipts/:id",
    {
      config: { action: "public" },
      schema: { params: ZIdParamsSchema, querystring: ZTokenQuerySchema },
    },
    async (request, reply) => {
      checkReceiptToken(linkKey, request.params.id, request.query.t, now());
      const { pdf, name } = await receiptPdf(request.params.id);
      return sendPdf(reply, pdf, name);
    },
  );

  app.get(
    "/api/donations/yearly-statements",
    { config: { action: "public" }, schema: { querystring: ZTokenQuerySchema } },
    async (request, reply) => {
      const { year, donor } = readStatementToken(linkKey, request.query.t, now());
      const statement = await donorYear(context, linkKey, donor, year);
      // A link is only sent for a year with gifts; none now means they were moved since.
      if (statement.gifts.length === 0) {
        throw new AppError("invalid_parameter", {
          parameter: "t",
          reason: "no_gifts_in_year",
          values: { year: String(year) },
        });
      }
      return sendPdf(reply, await statementPdf(statement, null), pdfName("ung-ho", year));
    },
  );

  for (const locale of locales) {
    const path = pagePath({ kind: "donor_statement" }, locale);
    const years = () =>
      Array.from({ length: Math.min(5, thisYear() - firstYear + 1) }, (_, i) => thisYear() - i);
    const page = async (reply: FastifyReply, sentFor: number | null) =>
      reply
        .header("cache-control", "no-store")
        .type("text/html; charset=utf-8")
        .send(
          renderStatementFormPage({
            locale,
            organisation: await getOrganisation(db),
            publicUrl,
            years: years(),
            sentFor,
          }),
        );

    app.get(path, async (_request, reply) => page(reply, null));

    app.post(
      path,
      { bodyLimit: FORM_BODY_LIMIT, schema: { body: ZStatementFormSchema } },
      async (request, reply) => {
        const { email, year, website } = request.body;
        checkYear(year);
        // A robot that filled the hidden field gets the same answer, and nothing is done.
        if (website) return page(reply, year);
        const donor = donorKey(linkKey, email);
        await throttleStatementRequest(context, { ip: request.ip, donor });
        const statement = await donorYear(context, linkKey, donor, year);
        if (statement.gifts.length > 0 && mailer) {
          const expires = new Date(now().getTime() + STATEMENT_LINK_TTL_MS);
          const token = statementToken(linkKey, year, email, expires);
          await mailer.sendStatementLink({
            locale,
            email,
            year,
            url: absoluteUrl(publicUrl, `/api/donations/yearly-statements?t=${token}`),
            expires: expires.toISOString().slice(0, 10),
          });
        }
        return page(reply, year);
      },
    );
  }

  app.get(
    "/api/finance/gifts",
    { config: { action: "finance.manage" }, schema: { querystring: ZGiftsQuerySchema } },
    async (request) => {
      const to = request.query.to ?? today();
      const from = request.query.from ?? `${to.slice(0, 4)}-01-01`;
      if (from > to) {
        throw new AppError("invalid_parameter", { parameter: "from", reason: "period_order" });
      }
      const gifts = await listGiftsReceived(db, from, to, request.query.limit);
      const projects = await projectRefsById(
        db,
        gifts.flatMap((g) => (g.project_id ? [g.project_id] : [])),
      );
      return {
        from,
        to,
        gifts: gifts.map((gift) => {
          const project = gift.project_id ? projects.get(gift.project_id) : undefined;
          return {
            id: gift.id,
            receipt: `${gift.receipt_number}/${gift.receipt_year}`,
            receipt_number: gift.receipt_number,
            receipt_year: gift.receipt_year,
            received_on: gift.received_on,
            amount: gift.amount,
            route: gift.channel === "bank" ? (gift.method ?? "bank") : gift.channel,
            pledge_reference: gift.reference,
            project: project ? { slug: project.slug, name: project.name } : null,
            ledger_transaction_id: gift.ledger_transaction_id,
          };
        }),
      };
    },
  );

  app.get(
    "/api/finance/gifts/:id/receipt",
    { config: { action: "finance.manage" }, schema: { params: ZIdParamsSchema } },
    async (request, reply) => {
      const { pdf, name } = await receiptPdf(request.params.id);
      await recordEvent(
        db,
        actorOf(request),
        {
          action: "donation.receipt_read",
          target: { type: "donation_gift", id: request.params.id },
          details: {},
        },
        now(),
      );
      return sendPdf(reply, pdf, name);
    },
  );

  app.post(
    "/api/finance/donor-statements",
    {
      config: { action: "finance.manage" },
      bodyLimit: FORM_BODY_LIMIT,
      schema: { body: ZFinanceStatementSchema },
    },
    async (request, reply) => {
      const { email, year } = request.body;
      checkYear(year);
      const donor = donorKey(linkKey, email);
      const statement = await donorYear(context, linkKey, donor, year);
      if (statement.gifts.length === 0) {
        throw new AppError("invalid_parameter", {
          parameter: "email",
          reason: "no_gifts_in_year",
          values: { year: String(year) },
        });
      }
      const pdf = await statementPdf(statement, email);
      await recordEvent(
        db,
        actorOf(request),
        {
          action: "donation.statement_read",
          target: { type: "donor", id: donor },
          details: { year, gifts: statement.gifts.length },
        },
        now(),
      );
      return sendPdf(reply, pdf, pdfName("ung-ho", year));
    },
  );

  app.get(
    "/api/finance/accounts-export",
    { config: { action: "finance.manage" }, schema: { querystring: ZPeriodQuerySchema } },
    async (request, reply) => {
      const { from, to } = request.query;
      const file = await accountsWorkbook(db, { from, to }, now());
      return reply
        .header("cache-control", "no-store")
        .header("content-disposition", `attachment; filename="so-quy-${from}-${to}.xlsx"`)
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .send(file);
    },
  );
};
