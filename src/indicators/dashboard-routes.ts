// The monitoring dashboards over HTTP, signed in with the staff app's session cookie:
// GET /dashboard/:slug                 the dashboard page (HTML, no JavaScript needed)
// GET /dashboard/:slug/records         the records behind one figure (HTML)
// GET /api/dashboard/:slug             the dashboard's data (JSON)
// GET /api/dashboard/:slug/records     the records behind one figure (JSON)
// Filters: period (2011-07, 2011Q3, 2011, 2011-07-01..2011-10-31), site (code), commune (GSO
// code), lang; records also take indicator, cell (`month:2011-07`) and page.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { SessionUser } from "../auth/policy.js";
import type { Database } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { isLocale, type Locale, localeFromAcceptLanguage } from "../lib/i18n.js";
import { zText } from "../lib/input.js";
import { requestLocale } from "../lib/request-locale.js";
import { translator } from "../messages.js";
import { buildDashboard, periodChoicesOf } from "./dashboard.js";
import {
  presentDashboard,
  presentFigureRecords,
  ZDashboardSchema,
  ZFigureRecordsSchema,
} from "./dashboard-present.js";
import {
  type DashboardInput,
  loadDashboardChoices,
  projectPeriodText,
  resolveDashboardScope,
} from "./dashboard-scope.js";
import { dashboardStylesheet } from "./dashboard-stylesheet.js";
import { renderAccessPage } from "./pages/access.js";
import { renderRecordsPage } from "./pages/records.js";
import { listFigureRecords } from "./records.js";

// The dashboard's pages draw their charts with ECharts (some 600 modules): loaded with the first
// dashboard asked for, not at start, which they made slower and heavier (docs/benchmarks.md, "site").
const dashboardPages = () => import("./pages/dashboard.js");

const ZParamsSchema = z.object({ slug: zText().max(100) });

const filterFields = {
  period: zText().max(60, { message: "period_format" }).optional(),
  site: z
    .string()
    .regex(/^[A-Z0-9-]{0,20}$/, { message: "unknown_site" })
    .optional(),
  commune: z
    .string()
    .regex(/^[0-9]{0,5}$/, { message: "unknown_commune" })
    .optional(),
  lang: z.enum(["vi", "en"], { message: "invalid" }).optional(),
};
const recordFields = {
  indicator: zText().max(60, { message: "unknown_indicator" }),
  cell: zText().max(500, { message: "cell_format" }).optional(),
  page: z.coerce.number({ message: "invalid" }).int({ message: "invalid" }).min(1).optional(),
};

const ZDashboardQuerySchema = z.object(filterFields).strict();
const ZRecordsQuerySchema = z.object({ ...filterFields, ...recordFields }).strict();

/**
 * Pages take what the form sends as it is: a wrong value is shown back in the form with the reason
 * (status 400) rather than refused by the schema, and unknown parameters are ignored.
 */
const ZPageQuerySchema = z.object({
  period: zText().max(200).optional(),
  site: zText().max(200).optional(),
  commune: zText().max(200).optional(),
  lang: zText().max(10).optional(),
});
const ZRecordsPageQuerySchema = ZPageQuerySchema.extend({
  indicator: zText().max(200).optional(),
  cell: zText().max(1000).optional(),
  page: zText().max(10).optional(),
});

/** The page's language: `lang`, else the account's, else the browser's. */
function pageLocale(request: FastifyRequest, lang: string | undefined): Locale {
  if (isLocale(lang)) return lang;
  if (request.user) return request.user.locale;
  return localeFromAcceptLanguage(request.headers["accept-language"]);
}

function sendPage(reply: FastifyReply, html: string, status = 200) {
  return reply.status(status).type("text/html; charset=utf-8").send(html);
}

const filtersOf = (query: DashboardInput): DashboardInput => ({
  period: query.period,
  site: query.site,
  commune: query.commune,
});

export const dashboardRoutes: FastifyPluginAsyncZod<{
  database: Database;
  /** The clock the data-quality checks measure from (tests give their own). */
  now?: () => Date;
}> = async (app, options) => {
  const { db } = options.database;
  const now = options.now ?? (() => new Date());
  const userOf = (request: FastifyRequest): SessionUser => request.user!;

  app.get(dashboardStylesheet.path, { config: { action: "public" } }, async (_request, reply) =>
    reply
      .header("cache-control", dashboardStylesheet.cacheControl)
      .type("text/css; charset=utf-8")
      .send(dashboardStylesheet.css),
  );

  app.get(
    "/api/dashboard/:slug",
    {
      config: { action: "dashboard.read" },
      schema: {
        params: ZParamsSchema,
        querystring: ZDashboardQuerySchema,
        response: { 200: ZDashboardSchema },
      },
    },
    async (request) => {
      const scope = await resolveDashboardScope(
        db,
        request.params.slug,
        userOf(request),
        filtersOf(request.query),
      );
      return presentDashboard(await buildDashboard(db, scope, now()));
    },
  );

  app.get(
    "/api/dashboard/:slug/records",
    {
      config: { action: "records.read" },
      schema: {
        params: ZParamsSchema,
        querystring: ZRecordsQuerySchema,
        response: { 200: ZFigureRecordsSchema },
      },
    },
    async (request) => {
      const { indicator, cell, page } = request.query;
      const list = await listFigureRecords(db, request.params.slug, userOf(request), {
        ...filtersOf(request.query),
        indicator,
        cell,
        page,
      });
      return presentFigureRecords(list);
    },
  );

  // The pages answer a missing session or a role without access with a page of their own that
  // leads to the staff app's sign-in; any other error goes on to the app's error page.
  await app.register(async (plugin) => {
    const pages = plugin.withTypeProvider<ZodTypeProvider>();
    pages.setErrorHandler(async (error, request, reply) => {
      if (
        error instanceof AppError &&
        (error.code === "unauthenticated" || error.code === "forbidden")
      ) {
        return sendPage(reply, renderAccessPage(requestLocale(request), error.code), error.status);
      }
      throw error;
    });

    /** Filters that cannot be applied: the form again, with what was typed and why (400). */
    async function refusedFilters(
      request: FastifyRequest,
      reply: FastifyReply,
      error: unknown,
      slug: string,
      input: DashboardInput & { lang?: string | undefined },
    ) {
      if (!(error instanceof AppError) || error.code !== "invalid_parameter") throw error;
      const user = userOf(request);
      const locale = pageLocale(request, input.lang);
      const choices = await loadDashboardChoices(db, slug, user);
      const { renderDashboardFormPage } = await dashboardPages();
      const html = renderDashboardFormPage(
        translator(locale),
        choices,
        {
          slug: choices.project.slug,
          period: input.period ?? projectPeriodText(choices.project),
          site: input.site ?? "",
          commune: input.commune ?? "",
          lang: locale,
        },
        periodChoicesOf(choices),
        {
          parameter: error.details.parameter ?? "",
          reason: error.details.reason ?? "invalid",
          values: error.details.values,
        },
      );
      return sendPage(reply, html, 400);
    }

    pages.get(
      "/dashboard/:slug",
      {
        config: { action: "dashboard.read" },
        schema: { params: ZParamsSchema, querystring: ZPageQuerySchema },
      },
      async (request, reply) => {
        const { slug } = request.params;
        const input = filtersOf(request.query);
        const locale = pageLocale(request, request.query.lang);
        try {
          const scope = await resolveDashboardScope(db, slug, userOf(request), input);
          const dashboard = await buildDashboard(db, scope, now());
          const { renderDashboardPage } = await dashboardPages();
          return sendPage(reply, renderDashboardPage(translator(locale), dashboard));
        } catch (error) {
          return refusedFilters(request, reply, error, slug, request.query);
        }
      },
    );

    pages.get(
      "/dashboard/:slug/records",
      {
        config: { action: "records.read" },
        schema: { params: ZParamsSchema, querystring: ZRecordsPageQuerySchema },
      },
      async (request, reply) => {
        const { slug } = request.params;
        const { indicator, cell, page } = request.query;
        const locale = pageLocale(request, request.query.lang);
        try {
          const list = await listFigureRecords(db, slug, userOf(request), {
            ...filtersOf(request.query),
            indicator: indicator ?? "",
            cell,
            page: page && /^\d+$/.test(page) ? Number(page) : 1,
          });
          return sendPage(reply, renderRecordsPage(translator(locale), list));
        } catch (error) {
          return refusedFilters(request, reply, error, slug, request.query);
        }
      },
    );
  });
};
