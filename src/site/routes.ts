// The public website: server-rendered pages in Vietnamese (/vi/…) and English (/en/…), its
// stylesheet, the sitemap and robots.txt. Handlers read through the programme, indicator and
// content services and render; anything not found (an unknown language, page or project, or a
// draft) is thrown as not_found, and the app's handlers render the 404 page in the visitor's
// language. An old slug of a published item answers with a 301 to the item's current address.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  findContentChangeDates,
  findProjectNarrative,
  findPublicItem,
  listActivities,
  listContentForSitemap,
  listLatestNews,
  listNews,
  listPartners,
} from "../content/published.js";
import { nextScheduledChange } from "../content/service.js";
import type { ChangeName } from "../db/change-notices.js";
import type { Database } from "../db/connection.js";
import { readSnapshot } from "../db/reading.js";
import type { ContentKind } from "../db/schema.js";
import { describeProjectFunds, listNamedDonors } from "../donations/transparency.js";
import { AnswerCache } from "../http/answer-cache.js";
import { renderPublicResultsPdf } from "../indicators/exports/pdf-export.js";
import { type ReleaseCache, todayInVietnam } from "../indicators/release.js";
import { computeProjectResults } from "../indicators/service.js";
import { AppError } from "../lib/errors.js";
import { defaultLocale, type Locale, locales } from "../lib/i18n.js";
import { zText } from "../lib/input.js";
import { type MessageKey, translator } from "../messages.js";
import { getHome, getOrganisation, getPublishedProject } from "../programmes/service.js";
import { searchSite } from "../search/service.js";
import { feedContentTypes, renderNewsFeed } from "./feeds.js";
import { logo } from "./logo.js";
import { renderActivitiesListPage } from "./pages/activities.js";
import { renderHomePage } from "./pages/home.js";
import { renderItemPage } from "./pages/item.js";
import { renderNewsListPage } from "./pages/news.js";
import { renderProjectPage } from "./pages/project.js";
import { renderSearchPage } from "./pages/search.js";
import { renderSponsorsPage } from "./pages/sponsors.js";
import {
  contentItemRoute,
  contentListRoute,
  type FeedFormat,
  homePage,
  newsFeedPath,
  pageParameter,
  pagePath,
  projectFilterParameter,
  projectReportRoute,
  projectRoute,
  type SitePage,
  searchPage,
  sponsorsPage,
} from "./paths.js";
import {
  renderShareImage,
  shareImageCacheControl,
  shareImageHash,
  shareImageRoute,
  shareImageSvg,
} from "./share-image.js";
import { listPublicPages, renderRobots, renderSitemap, sitemapEntries } from "./sitemap.js";
import type { OrganisationSettings } from "./structured-data.js";
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
const ZShareImageParamsSchema = z.object({ hash: zText().max(64) });

/** What a page shows, by the names of data it is made from (src/db/change-notices.ts). */
const pageData: readonly ChangeName[] = ["programmes", "content", "media"];
/**
 * A project page adds the figures, from the records of ended quarters: the only ones the public
 * release publishes (indicators/release.ts), so today's field work does not remake it.
 */
const projectData: readonly ChangeName[] = ["past_records", ...pageData];

// Other parameters (a campaign's tags, say) are ignored rather than refused. The service checks
// the query's and the page's bounds, so that a refusal can be shown on the search page itself.
const ZSearchQuerySchema = z.object({ q: zText().optional(), page: zText().optional() });

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
  /** Opens the names of donors who chose to be named (src/donations/, "donor-details"). */
  donorDetailsKey: Buffer;
  /** What the configuration says of the organisation (its postal address), for its JSON-LD. */
  organisationSettings?: OrganisationSettings;
}> = async (
  app,
  {
    database,
    publicUrl,
    publicMinCount,
    releases,
    answers = new AnswerCache(),
    donorDetailsKey,
    organisationSettings: settings = { postalAddress: "" },
  },
) => {
  const { db } = database;

  /**
   * Scheduled content goes public when its time comes, with nothing written (src/content/): the
   * moment the next scheduled item is due is part of every page's key, looked up again when the
   * content changes or that moment passes, so a page made before it is not served after it.
   */
  let schedule: { versions: string; next: Date | null; mark: string } | undefined;
  async function scheduleMark(): Promise<string | undefined> {
    const versions = database.changes.key(["content"]);
    if (versions === undefined) return undefined;
    const now = new Date();
    if (!schedule || schedule.versions !== versions || (schedule.next && schedule.next <= now)) {
      const next = await nextScheduledChange(db, now);
      schedule = { versions, next, mark: next?.toISOString() ?? "none" };
    }
    return schedule.mark;
  }

  /**
   * Serves a page made once per version of what it shows: `names` are the data it is made from,
   * `parts` whatever else tells one page from another (its language, its address, the day).
   */
  const servePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    names: readonly ChangeName[],
    parts: readonly unknown[],
    make: (
      /** For a page read from one snapshot: call when it is taken (answer-cache.ts). */
      snapshotTaken: () => void,
    ) => Promise<string | Buffer | { body: ""; status: 301; location: string }>,
    {
      type = "text/html; charset=utf-8",
      marksSnapshot = false,
    }: {
      type?: string;
      /** The page is read from one snapshot, and `make` says when it is taken. */
      marksSnapshot?: boolean;
    } = {},
  ) => {
    const versions = database.changes.key(names);
    const mark = names.includes("content") ? await scheduleMark() : "";
    const key =
      versions === undefined || mark === undefined
        ? undefined
        : JSON.stringify([versions, mark, ...parts]);
    // One page whatever the versions: its makings are taken one at a time (answer-cache.ts).
    const family = JSON.stringify(["page", ...parts]);
    return answers.serve(
      request,
      reply,
      key,
      async (snapshotTaken) => {
        const made = await make(snapshotTaken);
        const page = typeof made === "string" || Buffer.isBuffer(made) ? { body: made } : made;
        return { ...page, type, cacheControl: pageCacheControl };
      },
      family,
      { marksSnapshot },
    );
  };

  /** A news post, an activity or a page; its old slug answers with a 301 to the current one. */
  async function renderContentItem(
    kind: ContentKind,
    page: "news_post" | "activity" | "content_page",
    locale: Locale,
    slug: string,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    // Kept like a page, the move (301) included: a visitor's request reads no database.
    return servePage(request, reply, pageData, [page, locale, slug], async () => {
      const found = await findPublicItem(db, kind, locale, slug, new Date());
      if (!found) throw new AppError("not_found", { detail: `no public ${kind} ${slug}` });
      if ("movedTo" in found) {
        const location = pagePath({ kind: page, slug: found.movedTo }, locale);
        return { body: "", status: 301, location };
      }
      const home = await getHome(db);
      const project = home.projects.find((p) => p.slug === found.item.projectSlug);
      return renderItemPage({
        locale,
        item: found.item,
        organisation: home.organisation,
        publicUrl,
        project,
        settings,
      });
    });
  }

  app.get("/", async (_request, reply) => reply.redirect(pagePath(homePage, defaultLocale), 302));

  for (const locale of locales) {
    app.get(`/${locale}`, async (_request, reply) =>
      reply.redirect(pagePath(homePage, locale), 301),
    );

    app.get(pagePath(homePage, locale), async (request, reply) =>
      servePage(request, reply, pageData, ["home", locale], async () =>
        renderHomePage({ locale, home: await getHome(db), publicUrl, settings }),
      ),
    );

    app.get(pagePath(sponsorsPage, locale), async (request, reply) =>
      servePage(request, reply, pageData, ["sponsors", locale], async () => {
        const [home, partners] = await Promise.all([getHome(db), listPartners(db, new Date())]);
        return renderSponsorsPage({ locale, home, partners, publicUrl });
      }),
    );

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
        return servePage(
          request,
          reply,
          pageData,
          ["news", locale, page, projectSlug],
          async () => {
            const home = await getHome(db);
            const project = projectSlug
              ? home.projects.find((p) => p.slug === projectSlug)
              : undefined;
            if (projectSlug && !project) {
              throw new AppError("not_found", { detail: `no published project ${projectSlug}` });
            }
            const news = await listNews(db, { page, projectSlug }, new Date());
            if (page > news.pages)
              throw new AppError("not_found", { detail: `no news page ${page}` });
            return renderNewsListPage({
              locale,
              news,
              project,
              organisation: home.organisation,
              publicUrl,
            });
          },
        );
      },
    );

    app.get(
      contentListRoute("activities", locale),
      { schema: { querystring: z.object({ [pageParameter]: zPage().default(1) }) } },
      async (request, reply) => {
        const page = (request.query as Record<string, number>)[pageParameter]!;
        // Upcoming and past activities: the day decides which an activity is.
        const parts = ["activities", locale, page, todayInVietnam()];
        return servePage(request, reply, pageData, parts, async () => {
          const [activities, organisation] = await Promise.all([
            listActivities(db, { page }, new Date()),
            getOrganisation(db),
          ]);
          if (page > activities.pages) {
            throw new AppError("not_found", { detail: `no activities page ${page}` });
          }
          return renderActivitiesListPage({ locale, activities, organisation, publicUrl });
        });
      },
    );

    // The news feeds: the latest posts, made again when content changes (a publish shows at once).
    for (const format of ["rss", "atom"] as const satisfies readonly FeedFormat[]) {
      app.get(newsFeedPath(locale, format), async (request, reply) =>
        servePage(
          request,
          reply,
          pageData,
          ["news-feed", format, locale],
          async () => {
            const now = new Date();
            const [items, organisation] = await Promise.all([
              listLatestNews(db, now),
              getOrganisation(db),
            ]);
            return renderNewsFeed({ format, locale, items, organisation, publicUrl, now });
          },
          { type: feedContentTypes[format] },
        ),
      );
    }

    for (const { kind, segment, page } of itemPages) {
      app.get(
        contentItemRoute(segment, locale),
        { schema: { params: ZProjectParamsSchema } },
        async (request, reply) =>
          renderContentItem(kind, page, locale, request.params.slug, request, reply),
      );
    }

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
        const make = async (snapshotTaken: () => void) => {
          // What the page shows is read from one snapshot of the database (readSnapshot): its
          // figures, funds and donors agree, and on PGlite its statements take the connection
          // once between devices' pushes rather than each waiting behind them.
          const shown = await readSnapshot(
            db,
            async (db) => {
              // One after another: a transaction's statements take turns on its one connection, and
              // none is left running should an earlier one fail.
              const project = await getPublishedProject(db, slug);
              if (!project)
                throw new AppError("not_found", { detail: `no published project ${slug}` });
              const results = await computeProjectResults(
                db,
                { slug },
                {
                  public: true,
                  threshold: publicMinCount,
                  ...(releases ? { cache: releases } : {}),
                },
              ).catch((error: unknown) => {
                // Before its first quarter ends a project has no public figures yet.
                if (error instanceof AppError && error.details.reason === "nothing_published") {
                  return null;
                }
                throw error;
              });
              const organisation = await getOrganisation(db);
              // The fund's figures and donors come from the ledger and gifts, which tell
              // "programmes" of each posting (migration 0023): a gift shows here the moment it is
              // committed.
              const narrative = await findProjectNarrative(db, slug, new Date());
              const funds = await describeProjectFunds(db, project.id, publicMinCount);
              const donors = await listNamedDonors(db, donorDetailsKey, project.id, locale);
              return { project, results, organisation, narrative, funds, donors };
            },
            { changes: database.changes, began: snapshotTaken },
          );
          return renderProjectPage({
            locale,
            project: shown.project,
            results: shown.results,
            organisation: shown.organisation,
            publicUrl,
            narrative: shown.narrative,
            funds: {
              funds: shown.funds,
              donors: shown.donors,
              peopleReached: shown.results?.total.people_reached ?? null,
            },
          });
        };
        return servePage(request, reply, projectData, parts, make, { marksSnapshot: true });
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
          ["past_records", "programmes"],
          parts,
          () => renderPublicResultsPdf(db, slug, locale, publicMinCount),
          { type: "application/pdf" },
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

  // The organisation's logo (logo.ts), named by the JSON-LD: a file that never changes at its address.
  app.get(logo.path, async (_request, reply) =>
    reply.header("cache-control", logo.cacheControl).type("image/png").send(logo.png),
  );

  // The picture shared links show (share-image.ts): drawn once for the organisation's name as it
  // is now; an address naming another (an old name, a made-up hash) is not found.
  app.get(
    shareImageRoute,
    { schema: { params: ZShareImageParamsSchema } },
    async (request, reply) => {
      const { hash } = request.params;
      const key = JSON.stringify(["share-image", hash]);
      return answers.serve(request, reply, key, async () => {
        const organisation = await getOrganisation(db);
        const svg = locales
          .map((locale) => shareImageSvg(organisation, locale))
          .find((candidate) => shareImageHash(candidate) === hash);
        if (!svg) throw new AppError("not_found", { detail: `no share image ${hash}` });
        return {
          body: await renderShareImage(svg),
          type: "image/png",
          cacheControl: shareImageCacheControl,
          compress: false,
        };
      });
    },
  );

  app.get("/sitemap.xml", async (request, reply) => {
    // The day in Việt Nam: a quarter that ends moves a project page's date.
    const today = todayInVietnam();
    return servePage(
      request,
      reply,
      pageData,
      ["sitemap", today],
      async () => {
        const now = new Date();
        const [home, changes, content] = await Promise.all([
          getHome(db),
          findContentChangeDates(db, now),
          listContentForSitemap(db, now),
        ]);
        return renderSitemap(
          publicUrl,
          sitemapEntries(listPublicPages(home, changes, today), content),
        );
      },
      { type: "application/xml; charset=utf-8" },
    );
  });

  app.get("/robots.txt", async (_request, reply) =>
    reply
      .header("cache-control", "public, max-age=86400")
      .type("text/plain; charset=utf-8")
      .send(renderRobots(publicUrl)),
  );
};
