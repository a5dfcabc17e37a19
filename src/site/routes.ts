// The public website: server-rendered pages in Vietnamese (/vi/…) and English (/en/…), its
// stylesheet, the sitemap and robots.txt. Handlers read through the programme and indicator
// services and render; anything not found (an unknown language, page or project, or a draft) is
// thrown as not_found, and the app's handlers render the 404 page in the visitor's language.
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../db/connection.js";
import type { ReleaseCache } from "../indicators/release.js";
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
import { homePage, pagePath, projectRoute, searchPage, sponsorsPage } from "./paths.js";
import { listPublicPages, renderRobots, renderSitemap } from "./sitemap.js";
import { stylesheet } from "./stylesheet.js";

/** Pages change when staff edit them or record field work: caches may keep them a few minutes. */
const pageCacheControl = "public, max-age=300";

/** Search results answer one query: worth caching a moment, not as long as a page. */
const searchCacheControl = "public, max-age=60";

const ZProjectParamsSchema = z.object({ slug: zText() });

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
}> = async (app, { database, publicUrl, publicMinCount, releases }) => {
  const { db } = database;

  app.get("/", async (_request, reply) => reply.redirect(pagePath(homePage, defaultLocale), 302));

  for (const locale of locales) {
    app.get(`/${locale}`, async (_request, reply) =>
      reply.redirect(pagePath(homePage, locale), 301),
    );

    app.get(pagePath(homePage, locale), async (_request, reply) =>
      sendHtml(reply, renderHomePage({ locale, home: await getHome(db), publicUrl })),
    );

    app.get(pagePath(sponsorsPage, locale), async (_request, reply) =>
      sendHtml(reply, renderSponsorsPage({ locale, home: await getHome(db), publicUrl })),
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
        return sendHtml(
          reply,
          renderProjectPage({
            locale,
            project,
            results,
            organisation,
            publicUrl,
          }),
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

  app.get("/sitemap.xml", async (_request, reply) =>
    reply
      .header("cache-control", "public, max-age=3600")
      .type("application/xml; charset=utf-8")
      .send(renderSitemap(publicUrl, listPublicPages(await getHome(db)))),
  );

  app.get("/robots.txt", async (_request, reply) =>
    reply
      .header("cache-control", "public, max-age=86400")
      .type("text/plain; charset=utf-8")
      .send(renderRobots(publicUrl)),
  );
};
