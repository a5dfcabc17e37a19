// The public website: server-rendered pages in Vietnamese (/vi/…) and English (/en/…), its
// stylesheet, the sitemap and robots.txt. Handlers read through the programme and indicator
// services and render; anything not found (an unknown language, page or project, or a draft) is
// thrown as not_found, and the app's handlers render the 404 page in the visitor's language.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ChangeName } from "../db/change-notices.js";
import type { Database } from "../db/connection.js";
import { AnswerCache } from "../http/answer-cache.js";
import { renderPublicResultsPdf } from "../indicators/exports/pdf-export.js";
import { type ReleaseCache, todayInVietnam } from "../indicators/release.js";
import { computeProjectResults } from "../indicators/service.js";
import { AppError } from "../lib/errors.js";
import { defaultLocale, locales, type MessageKey, translator } from "../lib/i18n.js";
import { zText } from "../lib/input.js";
import { getHome, getOrganisation, getPublishedProject } from "../programmes/service.js";
import { searchSite } from "../search/service.js";
import { renderHomePage } from "./pages/home.js";
import { renderProjectPage } from "./pages/project.js";
import { renderSearchPage } from "./pages/search.js";
import { renderSponsorsPage } from "./pages/sponsors.js";
import {
  homePage,
  pagePath,
  projectReportRoute,
  projectRoute,
  searchPage,
  sponsorsPage,
} from "./paths.js";
import { listPublicPages, renderRobots, renderSitemap } from "./sitemap.js";
import { stylesheet } from "./stylesheet.js";

/**
 * Pages change the moment staff publish or sync: browsers and proxies may keep a page but must ask
 * each time whether it is still current (a 304 answer, from its ETag, when it is).
 */
const pageCacheControl = "public, no-cache";

/**
 * Search results answer one query, made for each request (not kept: queries are endless); like a
 * page, they are never kept stale by a browser either, since a publish changes them.
 */
const searchCacheControl = "public, no-cache";

const ZProjectParamsSchema = z.object({ slug: zText() });

/** What a page shows, by the names of data it is made from (src/db/change-notices.ts). */
const pageData: readonly ChangeName[] = ["programmes", "content", "media"];
/** A project page adds the figures, from the records. */
const projectData: readonly ChangeName[] = ["records", ...pageData];

// Other parameters (a campaign's tags, say) are ignored rather than refused. The service checks
// the query's and the page's bounds, so that a refusal can be shown on the search page itself.
const ZSearchQuerySchema = z.object({ q: zText().optional(), page: zText().optional() });

function sendHtml(reply: FastifyReply, html: string, cacheControl = pageCacheControl) {
  return reply.header("cache-control", cacheControl).type("text/html; charset=utf-8").send(html);
}

export const siteRoutes: FastifyPluginAsyncZod<{
  database: Database;
  publicUrl: string;
  /** The smallest figure about clients the project pages show (PUBLIC_MIN_COUNT). */
  publicMinCount: number;
  /** Public figures computed a moment ago (indicators/release.ts). */
  releases?: ReleaseCache;
  /** Pages kept until what they show changes (src/http/answer-cache.ts). */
  answers?: AnswerCache;
}> = async (
  app,
  { database, publicUrl, publicMinCount, releases, answers = new AnswerCache() },
) => {
  const { db } = database;

  /**
   * Serves a page made once per version of what it shows: `names` are the data it is made from,
   * `parts` whatever else tells one page from another (its language, its project, the day).
   */
  const servePage = (
    request: FastifyRequest,
    reply: FastifyReply,
    names: readonly ChangeName[],
    parts: readonly unknown[],
    make: () => Promise<string | Buffer>,
    type = "text/html; charset=utf-8",
    cacheControl = pageCacheControl,
  ) => {
    const versions = database.changes.key(names);
    const key = versions && JSON.stringify([versions, ...parts]);
    return answers.serve(request, reply, key, async () => ({
      body: await make(),
      type,
      cacheControl,
    }));
  };

  app.get("/", async (_request, reply) => reply.redirect(pagePath(homePage, defaultLocale), 302));

  for (const locale of locales) {
    app.get(`/${locale}`, async (_request, reply) =>
      reply.redirect(pagePath(homePage, locale), 301),
    );

    app.get(pagePath(homePage, locale), async (request, reply) =>
      servePage(request, reply, pageData, ["home", locale], async () =>
        renderHomePage({ locale, home: await getHome(db), publicUrl }),
      ),
    );

    app.get(pagePath(sponsorsPage, locale), async (request, reply) =>
      servePage(request, reply, pageData, ["sponsors", locale], async () =>
        renderSponsorsPage({ locale, home: await getHome(db), publicUrl }),
      ),
    );

    app.get(
      pagePath(searchPage, locale),
      { schema: { querystring: ZSearchQuerySchema } },
      async (request, reply) => {
        const { q = "", page } = request.query;
        const organisation = await getOrganisation(db);
        try {
          const results = await searchSite(db, {
            q,
            locale,
            page: page === undefined ? 1 : Number(page),
          });
          return sendHtml(
            reply,
            renderSearchPage({ locale, q, results, publicUrl, organisation }),
            searchCacheControl,
          );
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== "invalid_parameter") throw error;
          const { reason, values } = error.details;
          const refusal = translator(locale).t("site.search.refused", {
            reason: translator(locale).t(`reason.${reason}` as MessageKey, values),
          });
          return sendHtml(
            reply.status(400),
            renderSearchPage({ locale, q, results: undefined, refusal, publicUrl, organisation }),
            searchCacheControl,
          );
        }
      },
    );

    app.get(
      projectRoute(locale),
      { schema: { params: ZProjectParamsSchema } },
      async (request, reply) => {
        const { slug } = request.params;
        // The day in Việt Nam: a quarter that ends adds its figures (indicators/release.ts).
        const parts = ["project", locale, slug, todayInVietnam()];
        return servePage(request, reply, projectData, parts, async () => {
          const project = await getPublishedProject(db, slug);
          if (!project) throw new AppError("not_found", { detail: `no published project ${slug}` });
          const [results, organisation] = await Promise.all([
            computeProjectResults(
              db,
              { slug },
              { public: true, threshold: publicMinCount, ...(releases ? { cache: releases } : {}) },
            ).catch((error: unknown) => {
              // Before its first quarter ends a project has no public figures yet.
              if (error instanceof AppError && error.details.reason === "nothing_published") {
                return null;
              }
              throw error;
            }),
            getOrganisation(db),
          ]);
          return renderProjectPage({ locale, project, results, organisation, publicUrl });
        });
      },
    );

    // The public results report (PDF) the project page links to, printed once per change.
    app.get(
      projectReportRoute(locale),
      { schema: { params: ZProjectParamsSchema } },
      async (request, reply) => {
        const { slug } = request.params;
        const parts = ["project-report", locale, slug, todayInVietnam()];
        return servePage(
          request,
          reply,
          ["records", "programmes"],
          parts,
          () => renderPublicResultsPdf(db, slug, locale, publicMinCount),
          "application/pdf",
        );
      },
    );
  }

  app.get(stylesheet.path, async (_request, reply) =>
    reply
      .header("cache-control", stylesheet.cacheControl)
      .type("text/css; charset=utf-8")
      .send(stylesheet.css),
  );

  app.get("/sitemap.xml", async (request, reply) =>
    servePage(
      request,
      reply,
      pageData,
      ["sitemap"],
      async () => renderSitemap(publicUrl, listPublicPages(await getHome(db))),
      "application/xml; charset=utf-8",
    ),
  );

  app.get("/robots.txt", async (_request, reply) =>
    reply
      .header("cache-control", "public, max-age=86400")
      .type("text/plain; charset=utf-8")
      .send(renderRobots(publicUrl)),
  );
};
