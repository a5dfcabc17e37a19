// The indicators over HTTP:
// GET /api/projects/:slug/results              public: the project page's Results, suppressed
// GET /api/projects/:slug/indicators           staff: any indicators and disaggregations, in scope
// GET /api/projects/:slug/targets              staff: the targets touching a period
// PUT /api/projects/:slug/targets              programme officers: set targets, all or none
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../audit/actor.js";
import { readableSites } from "../auth/policy.js";
import type { Database } from "../db/connection.js";
import { AnswerCache } from "../http/answer-cache.js";
import { AppError } from "../lib/errors.js";
import { zText } from "../lib/input.js";
import { maxCells, maxDisaggregations } from "../limits/limits.js";
import {
  type Dimension,
  type Disaggregation,
  dimensions,
  type IndicatorId,
  indicatorIds,
} from "./definitions.js";
import { listScopeSites } from "./engine.js";
import { checkDateInRange, checkPeriodSpan, parsePeriod, projectPeriodOf } from "./periods.js";
import { type ReleaseCache, todayInVietnam } from "./release.js";
import { buildReport, findProject } from "./report.js";
import { computeProjectResults } from "./service.js";
import { changeTargets, listTargets } from "./targets.js";

/**
 * A real calendar date written YYYY-MM-DD; the message is a reason key (see lib/messages.ts).
 * Its range (1900–2100, year 0000 included) is checked after, with a reason that names the range.
 */
const ZCalendarDate = z.iso.date({ message: "date_format" });
const ZPeriod = zText().max(40, { message: "period_format" });
const ZSiteCode = z.string().regex(/^[A-Z0-9-]{1,20}$/, { message: "unknown_site" });
const ZLang = z.enum(["vi", "en"], { message: "invalid" });

export const ZResultsQuerySchema = z
  .object({
    from: ZCalendarDate.optional(),
    to: ZCalendarDate.optional(),
    /** Instead of from/to: a published period, "project" or a quarter such as 2011Q3. */
    period: ZPeriod.optional(),
    site: ZSiteCode.optional(),
    lang: ZLang.optional(),
  })
  .strict();

/** `by=sex,age_band+sex`: disaggregations, each one dimension or a cross joined with "+". */
const ZBy = z
  .string()
  .max(300, { message: "unknown_dimension" })
  .transform((text, ctx): Disaggregation[] => {
    const list = text.split(",").filter((part) => part !== "");
    const parsed = list.map((part) => part.split("+"));
    if (parsed.some((dims) => dims.some((d) => !(dimensions as readonly string[]).includes(d)))) {
      ctx.addIssue({ code: "custom", message: "unknown_dimension" });
      return z.NEVER;
    }
    return parsed as Dimension[][];
  });

const ZIndicatorList = z
  .string()
  .max(1000, { message: "unknown_indicator" })
  .transform((text, ctx): IndicatorId[] => {
    const list = text.split(",").filter((part) => part !== "");
    if (list.some((id) => !(indicatorIds as readonly string[]).includes(id))) {
      ctx.addIssue({ code: "custom", message: "unknown_indicator" });
      return z.NEVER;
    }
    return list as IndicatorId[];
  });

const ZIndicatorsQuerySchema = z
  .object({
    period: ZPeriod.optional(),
    site: ZSiteCode.optional(),
    commune: z
      .string()
      .regex(/^[0-9]{2,5}$/, { message: "unknown_commune" })
      .optional(),
    by: ZBy.optional(),
    indicators: ZIndicatorList.optional(),
    /** Ask for the public (suppressed) figures, as a published report would show them. */
    public: z.enum(["true", "false"], { message: "invalid" }).optional(),
    lang: ZLang.optional(),
  })
  .strict();

const ZTargetsBodySchema = z
  .object({
    targets: z
      .array(
        z
          .object({
            site: ZSiteCode.optional(),
            indicator: zText().max(60, { message: "unknown_indicator" }),
            period: ZPeriod,
            value: z.number({ message: "invalid" }).nonnegative({ message: "invalid" }),
          })
          .strict(),
      )
      .max(5000, { message: "invalid" }),
  })
  .strict();

/** The period asked for, or the project's (its last five years, if longer). */
function periodOr(text: string | undefined, project: { starts_on: string; ends_on: string }) {
  return text === undefined ? projectPeriodOf(project) : parsePeriod(text);
}

export const indicatorRoutes: FastifyPluginAsyncZod<{
  database: Database;
  /** The smallest figure about clients the public figures show (PUBLIC_MIN_COUNT). */
  publicMinCount: number;
  /** Public figures computed a moment ago (release.ts). */
  releases?: ReleaseCache;
  /** Public answers kept until what they show changes (src/http/answer-cache.ts). */
  answers?: AnswerCache;
}> = async (app, { database, publicMinCount, releases, answers = new AnswerCache() }) => {
  const db = database.db;

  app.get(
    "/api/projects/:slug/results",
    {
      config: { action: "public" },
      schema: { params: z.object({ slug: zText() }), querystring: ZResultsQuerySchema },
    },
    async (request, reply) => {
      const { from, to, site, period } = request.query;
      if (period !== undefined && (from !== undefined || to !== undefined)) {
        throw new AppError("invalid_parameter", { parameter: "period", reason: "period_or_dates" });
      }
      // Years outside 1900–2100 are refused before anything else (year 0 is not a date PostgreSQL
      // takes); then only a published period is answered (release.ts).
      const asked = {
        slug: request.params.slug,
        period,
        from: from === undefined ? undefined : checkDateInRange(from, "from"),
        to: to === undefined ? undefined : checkDateInRange(to, "to"),
        site,
      };
      // The same figures until a record of an ended quarter or a project changes, or a day passes
      // in Việt Nam (a quarter that ends is published): then a new key.
      const versions = database.changes.key(["past_records", "programmes"]);
      const today = todayInVietnam();
      const key = versions && JSON.stringify(["results", versions, today, asked]);
      const family = JSON.stringify(["results", today, asked]);
      return answers.serve(
        request,
        reply,
        key,
        async () => {
          const results = await computeProjectResults(db, asked, {
            public: true,
            threshold: publicMinCount,
            ...(releases ? { cache: releases } : {}),
          });
          return {
            body: JSON.stringify(results),
            type: "application/json; charset=utf-8",
            // Browsers and proxies ask again each time (a 304 when nothing changed): never stale.
            cacheControl: "public, no-cache",
          };
        },
        family,
      );
    },
  );

  app.get(
    "/api/projects/:slug/indicators",
    {
      config: { action: "dashboard.read" },
      schema: { params: z.object({ slug: zText() }), querystring: ZIndicatorsQuerySchema },
    },
    async (request) => {
      const q = request.query;
      const project = await findProject(db, request.params.slug);
      const communeId = q.commune === undefined ? null : await communeIdOf(database, q.commune);
      const report = await buildReport(db, {
        slug: project.slug,
        period: checkPeriodSpan(periodOr(q.period, project)),
        user: request.user!,
        site: q.site,
        communeId,
        ...(q.indicators ? { indicators: q.indicators } : {}),
        by: q.by ?? [["site"]],
        public: q.public === "true",
        threshold: publicMinCount,
        limits: { maxDisaggregations, maxCells },
      });
      return {
        project: report.project.slug,
        period: report.set.period,
        public: report.public,
        threshold: report.threshold,
        sites: report.set.sites.map((s) => ({
          id: s.id,
          code: s.code,
          name_vi: s.name_vi,
          name_en: s.name_en,
        })),
        communes: report.set.communes.map((c) => ({
          id: c.id,
          code: c.code,
          name: c.name,
          kind: c.kind,
        })),
        figures: report.set.figures,
        targets: report.targets,
      };
    },
  );

  app.get(
    "/api/projects/:slug/targets",
    {
      config: { action: "dashboard.read" },
      schema: {
        params: z.object({ slug: zText() }),
        querystring: z.object({ period: ZPeriod.optional(), lang: ZLang.optional() }).strict(),
      },
    },
    async (request) => {
      const project = await findProject(db, request.params.slug);
      const period = periodOr(request.query.period, project);
      const sites = await listScopeSites(db, project.id, readableSites(request.user!));
      const codes = new Set(sites.map((s) => s.code));
      const rows = await listTargets(db, project.id, period);
      return {
        project: project.slug,
        period,
        targets: rows
          .filter((t) => t.site === null || codes.has(t.site))
          .map((t) => ({ ...t, value: Number(t.value) })),
      };
    },
  );

  app.put(
    "/api/projects/:slug/targets",
    {
      config: { action: "targets.manage" },
      schema: {
        params: z.object({ slug: zText() }),
        querystring: z.object({ lang: ZLang.optional() }).strict(),
        body: ZTargetsBodySchema,
      },
    },
    async (request) => {
      const project = await findProject(db, request.params.slug);
      const saved = await changeTargets(
        db,
        actorOf(request),
        project.id,
        request.body.targets,
        new Date(),
      );
      return { saved };
    },
  );
};

async function communeIdOf(database: Database, code: string): Promise<string> {
  const place = await database.db
    .selectFrom("places")
    .select("id")
    .where("code", "=", code)
    .where("level", "=", "commune")
    .executeTakeFirst();
  if (!place)
    throw new AppError("invalid_parameter", { parameter: "commune", reason: "unknown_commune" });
  return place.id;
}
