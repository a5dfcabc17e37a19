// The public website: server-rendered pages in Vietnamese (/vi/…) and English (/en/…), its
// stylesheet, the sitemap and robots.txt. Handlers read through the programme, indicator and
// content services and render; anything not found (an unknown language, page or project, or a
// draft) is thrown as not_found, and the app's handlers render the 404 page in the visitor's
// language. An old slug of a published item answers with a 301 to the item's current address.
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  findProjectNarrative,
  findPublicItem,
  listActivities,
  listContentPages,
  listNews,
  listPartners,
} from "../content/published.js";
import type { Database } from "../db/connection.js";
import type { ContentKind } from "../db/schema.js";
import type { ReleaseCache } from "../indicators/release.js";
import { computeProjectResults } from "../indicators/service.js";
import { AppError } from "../lib/errors.js";
import { defaultLocale, type Locale, locales } from "../lib/i18n.js";
import { zText } from "../lib/input.js";
import { getHome, getOrganisation, getPublishedProject } from "../programmes/service.js";
import { renderActivitiesListPage } from "./pages/activities.js";
import { renderHomePage } from "./pages/home.js";
import { renderItemPage } from "./pages/item.js";
import { renderNewsListPage } from "./pages/news.js";
import { renderProjectPage } from "./pages/project.js";
import { renderSponsorsPage } from "./pages/sponsors.js";
import {
  contentItemRoute,
  contentListRoute,
  homePage,
  pageParameter,
  pagePath,
  projectFilterParameter,
  projectRoute,
  type SitePage,
  sponsorsPage,
} from "./paths.js";
import { listPublicPages, renderRobots, renderSitemap } from "./sitemap.js";
import { stylesheet } from "./stylesheet.js";

/** Pages change when staff edit them or record field work: caches may keep them a few minutes. */
const pageCacheControl = "public, max-age=300";

const ZProjectParamsSchema = z.object({ slug: zText() });

/** A list's page number: a bad or absurd one is a 404 rather than an empty page. */
const zPage = () =>
  z.coerce.number({ message: "invalid" }).int("invalid").min(1, "invalid").max(10_000, "invalid");

/** Content items with pages of their own: the kind, its path word, and its page in paths.ts. */
const itemPages = [
  { kind: "news", segment: "news", page: "news_post" },
  { kind: "activity", segment: "activities", page: "activity" },
  { kind: "page", segment: "pages", page: "content_page" },
] as const satisfies readonly {
  kind: ContentKind;
  segment: "news" | "activities" | "pages";
  page: SitePage["kind"];
}[];

function sendHtml(reply: FastifyReply, html: string) {
  return reply
    .header("cache-control", pageCacheControl)
    .type("text/html; charset=utf-8")
    .send(html);
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

  /** A news post, an activity or a page; its old slug answers with a 301 to the current one. */
  async function renderContentItem(
    kind: ContentKind,
    page: "news_post" | "activity" | "content_page",
    locale: Locale,
    slug: string,
    reply: FastifyReply,
  ) {
    const found = await findPublicItem(db, kind, locale, slug, new Date());
    if (!found) throw new AppError("not_found", { detail: `no public ${kind} ${slug}` });
    if ("movedTo" in found)
      return reply.redirect(pagePath({ kind: page, slug: found.movedTo }, locale), 301);
    const home = await getHome(db);
    const project = home.projects.find((p) => p.slug === found.item.projectSlug);
    return sendHtml(
      reply,
      renderItemPage({
        locale,
        item: found.item,
        organisation: home.organisation,
        publicUrl,
        project,
      }),
    );
  }

  app.get("/", async (_request, reply) => reply.redirect(pagePath(homePage, defaultLocale), 302));

  for (const locale of locales) {
    app.get(`/${locale}`, async (_request, reply) =>
      reply.redirect(pagePath(homePage, locale), 301),
    );

    app.get(pagePath(homePage, locale), async (_request, reply) =>
      sendHtml(reply, renderHomePage({ locale, home: await getHome(db), publicUrl })),
    );

    app.get(pagePath(sponsorsPage, locale), async (_request, reply) => {
      const [home, partners] = await Promise.all([getHome(db), listPartners(db, new Date())]);
      return sendHtml(reply, renderSponsorsPage({ locale, home, partners, publicUrl }));
    });

    app.get(
      contentListRoute("news", locale),
      {
        schema: {
          querystring: z.object({
            [pageParameter]: zPage().default(1),
            [projectFilterParameter[locale]]: zText().max(120).optional(),
          }),
        },
      },
      async (request, reply) => {
        const query = request.query as Record<string, unknown>;
        const page = query[pageParameter] as number;
        const projectSlug = query[projectFilterParameter[locale]] as string | undefined;
        const home = await getHome(db);
        const project = projectSlug ? home.projects.find((p) => p.slug === projectSlug) : undefined;
        if (projectSlug && !project) {
          throw new AppError("not_found", { detail: `no published project ${projectSlug}` });
        }
        const news = await listNews(db, { page, projectSlug }, new Date());
        if (page > news.pages) throw new AppError("not_found", { detail: `no news page ${page}` });
        return sendHtml(
          reply,
          renderNewsListPage({
            locale,
            news,
            project,
            organisation: home.organisation,
            publicUrl,
          }),
        );
      },
    );

    app.get(
      contentListRoute("activities", locale),
      { schema: { querystring: z.object({ [pageParameter]: zPage().default(1) }) } },
      async (request, reply) => {
        const page = (request.query as Record<string, number>)[pageParameter]!;
        const [activities, organisation] = await Promise.all([
          listActivities(db, { page }, new Date()),
          getOrganisation(db),
        ]);
        if (page > activities.pages) {
          throw new AppError("not_found", { detail: `no activities page ${page}` });
        }
        return sendHtml(
          reply,
          renderActivitiesListPage({ locale, activities, organisation, publicUrl }),
        );
      },
    );

    for (const { kind, segment, page } of itemPages) {
      app.get(
        contentItemRoute(segment, locale),
        { schema: { params: ZProjectParamsSchema } },
        async (request, reply) => renderContentItem(kind, page, locale, request.params.slug, reply),
      );
    }

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
        const narrative = await findProjectNarrative(db, slug, new Date());
        return sendHtml(
          reply,
          renderProjectPage({
            locale,
            project,
            results,
            organisation,
            publicUrl,
            narrative,
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
      .send(
        renderSitemap(publicUrl, [
          ...listPublicPages(await getHome(db)),
          ...(await listContentPages(db, new Date())),
        ]),
      ),
  );

  app.get("/robots.txt", async (_request, reply) =>
    reply
      .header("cache-control", "public, max-age=86400")
      .type("text/plain; charset=utf-8")
      .send(renderRobots(publicUrl)),
  );
};
