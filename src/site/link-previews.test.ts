// What other sites and search engines read in a public page's head: Open Graph and Twitter card
// tags with absolute addresses on every page, the share picture they point at (a real 1200×630
// PNG, immutable), and schema.org JSON-LD of the right type per page, which a title holding
// `</script>` cannot break out of.
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { commandLineActor } from "../audit/service.js";
import { findPublicItem } from "../content/published.js";
import { createItem, type NewItem, publishItem } from "../content/service.js";
import type { Database } from "../db/connection.js";
import { Mailer } from "../mail/service.js";
import { loadReferencePlaces } from "../places/service.js";
import { getOrganisation } from "../programmes/service.js";
import { testSecret } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture } from "../test-support/published-project.js";
import { renderItemPage } from "./pages/item.js";

const publicUrl = "https://peerlink.example.org";
/** MAIL_POSTAL_ADDRESS as an installation sets it (the newsletter's footer gives it too). */
const postalAddress = "Số 12 ngõ 34 Láng Hạ, phường Láng Hạ, quận Đống Đa, Hà Nội 100000, Việt Nam";
const breakout = "Họp nhóm </script><script>alert(1)</script> <!-- & >";
let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  database = await openTestDatabase();
  await loadReferencePlaces(database.db);
  await insertProjectFixture(database.db, { slug: "thu-nghiem" });
  app = await buildApp({
    database,
    config: { publicUrl, logLevel: "silent" },
    secret: testSecret,
    mailer: new Mailer(testSecret, { from: "SCDI <news@example.org>", postalAddress }),
  });
  await published({
    kind: "news",
    fields: {
      title: { vi: "Tin mới", en: "Latest news" },
      slug: { vi: "tin-moi", en: "latest-news" },
      summary: { vi: "Tóm tắt", en: "Summary" },
    },
  });
  await published({
    kind: "activity",
    fields: {
      title: { vi: breakout, en: "" },
      slug: { vi: "hop-nhom", en: "" },
      starts_at: "2026-07-01T02:00:00.000Z",
      ends_at: "2026-07-01T05:00:00.000Z",
      place: { vi: "Nhà văn hóa phường, Điện Biên Phủ", en: "" },
    },
  });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function published(input: NewItem) {
  const draft = await createItem(database.db, commandLineActor, input, new Date());
  return publishItem(database.db, commandLineActor, draft.id, draft.revision, new Date());
}

const page = async (url: string) => {
  const response = await app.inject({ method: "GET", url });
  expect(response.statusCode, url).toBe(200);
  return response.body;
};

/** The content of a meta tag in the head, by its property or name. */
function meta(html: string, key: string): string | undefined {
  const head = html.slice(0, html.indexOf("</head>"));
  const pattern = new RegExp(
    `<meta (?:property|name)="${key.replace(".", "\\.")}" content="([^"]*)"`,
  );
  return pattern.exec(head)?.[1];
}

/** The page's JSON-LD blocks, parsed. */
function structuredData(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) =>
    JSON.parse(m[1]!),
  );
}

const pages = [
  "/vi/",
  "/en/",
  "/vi/du-an/thu-nghiem",
  "/en/sponsors",
  "/vi/tin-tuc",
  "/en/activities",
  "/en/search?q=news",
  "/vi/tin-tuc/tin-moi",
  "/en/activities/hop-nhom",
];

describe("link previews", () => {
  it("put Open Graph and Twitter card tags with absolute addresses in every public page's head", async () => {
    for (const url of pages) {
      const html = await page(url);
      const locale = url.startsWith("/vi/") ? "vi" : "en";
      expect(meta(html, "og:title"), url).toBeTruthy();
      expect(meta(html, "og:description"), url).toBeTruthy();
      // Search results are not indexed: no canonical address, so no og:url either.
      const indexed = !url.includes("/search");
      expect(meta(html, "og:url"), url).toBe(indexed ? `${publicUrl}${url}` : undefined);
      expect(meta(html, "og:site_name"), url).toBe("SCDI");
      expect(meta(html, "og:locale"), url).toBe(locale === "vi" ? "vi_VN" : "en_US");
      expect(meta(html, "og:locale:alternate"), url).toBe(locale === "vi" ? "en_US" : "vi_VN");
      expect(meta(html, "og:image"), url).toMatch(
        new RegExp(`^${publicUrl}/assets/share\\.[0-9a-f]{12}\\.png$`),
      );
      expect(meta(html, "og:image:width"), url).toBe("1200");
      expect(meta(html, "og:image:height"), url).toBe("630");
      expect(meta(html, "twitter:card"), url).toBe("summary_large_image");
      const article = url.includes("/tin-tuc/") || url.includes("/activities/");
      expect(meta(html, "og:type"), url).toBe(article ? "article" : "website");
    }
  });

  it("point at a 1200×630 PNG served as an immutable file, and at nothing for a made-up name", async () => {
    const image = meta(await page("/en/"), "og:image")!;
    const response = await app.inject({ method: "GET", url: image.slice(publicUrl.length) });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("image/png");
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(response.headers["content-encoding"]).toBeUndefined();
    const { width, height, format } = await sharp(response.rawPayload).metadata();
    expect({ width, height, format }).toEqual({ width: 1200, height: 630, format: "png" });
    // Each language has its own (the organisation's name in it).
    expect(meta(await page("/vi/"), "og:image")).not.toBe(image);
    const made = await app.inject({ method: "GET", url: "/assets/share.0123456789ab.png" });
    expect(made.statusCode).toBe(404);
  });

  it("take a page's own picture when it has one", async () => {
    const found = await findPublicItem(database.db, "news", "en", "latest-news", new Date());
    const item = found && "item" in found ? found.item : undefined;
    expect(item).toBeDefined();
    const html = renderItemPage({
      locale: "en",
      item: item!,
      organisation: await getOrganisation(database.db),
      publicUrl,
      shareImage: { url: `${publicUrl}/media/cover.jpg`, width: 1600, height: 900 },
    });
    expect(meta(html, "og:image")).toBe(`${publicUrl}/media/cover.jpg`);
    expect(meta(html, "og:image:width")).toBe("1600");
    expect(structuredData(html)[0]?.image).toEqual([`${publicUrl}/media/cover.jpg`]);
  });
});

describe("structured data (JSON-LD)", () => {
  it("describes the organisation as an NGO on the home page", async () => {
    const [ngo, ...others] = structuredData(await page("/en/"));
    expect(others).toEqual([]);
    expect(ngo).toMatchObject({
      "@context": "https://schema.org",
      "@type": "NGO",
      alternateName: "SCDI",
      url: `${publicUrl}/en/`,
    });
    expect(ngo?.name).toBeTruthy();
  });

  it("gives the NGO its postal address, from the configuration, as a PostalAddress", async () => {
    for (const url of ["/vi/", "/en/"]) {
      const [ngo] = structuredData(await page(url));
      expect(ngo?.address, url).toEqual({
        "@type": "PostalAddress",
        streetAddress: "Số 12 ngõ 34 Láng Hạ, phường Láng Hạ, quận Đống Đa",
        addressLocality: "Hà Nội",
        postalCode: "100000",
        addressCountry: "VN",
      });
    }
  });

  it("gives the NGO a logo: an absolute address of a PNG of at least 112×112 the site serves", async () => {
    const [ngo] = structuredData(await page("/en/"));
    const logo = ngo?.logo as { "@type": string; url: string; width: number; height: number };
    expect(logo["@type"]).toBe("ImageObject");
    expect(logo.url).toMatch(new RegExp(`^${publicUrl}/assets/logo\\.[0-9a-f]{12}\\.png$`));
    const response = await app.inject({ method: "GET", url: logo.url.slice(publicUrl.length) });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("image/png");
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const { width, height, format } = await sharp(response.rawPayload).metadata();
    expect(format).toBe("png");
    expect({ width, height }).toEqual({ width: logo.width, height: logo.height });
    expect(Math.min(width, height)).toBeGreaterThanOrEqual(112);
    // Not a made-up name.
    const made = await app.inject({ method: "GET", url: "/assets/logo.0123456789ab.png" });
    expect(made.statusCode).toBe(404);
  });

  it("describes a news post as a NewsArticle by the NGO", async () => {
    const [article] = structuredData(await page("/en/news/latest-news"));
    expect(article).toMatchObject({
      "@type": "NewsArticle",
      headline: "Latest news",
      description: "Summary",
      inLanguage: "en",
      url: `${publicUrl}/en/news/latest-news`,
      author: { "@type": "NGO", alternateName: "SCDI" },
      publisher: { "@type": "NGO", alternateName: "SCDI" },
    });
    // Google asks of an article's publisher a name and a logo.
    const publisher = article?.publisher as Record<string, unknown>;
    expect(publisher.name).toBeTruthy();
    expect((publisher.logo as { url: string }).url).toMatch(
      /^https:\/\/peerlink\.example\.org\/assets\/logo\./,
    );
    expect((publisher.address as { addressCountry: string }).addressCountry).toBe("VN");
    expect(new Date(article?.datePublished as string).getTime()).not.toBeNaN();
    expect(new Date(article?.dateModified as string).getTime()).not.toBeNaN();
    expect((article?.image as string[] | undefined)?.[0]).toMatch(
      /^https:\/\/peerlink\.example\.org\/assets\//,
    );
  });

  it("describes an activity as an offline Event at its place, organised by the NGO", async () => {
    const [event] = structuredData(await page("/vi/hoat-dong/hop-nhom"));
    expect(event).toMatchObject({
      "@type": "Event",
      name: breakout,
      startDate: "2026-07-01T02:00:00.000Z",
      endDate: "2026-07-01T05:00:00.000Z",
      inLanguage: "vi",
      eventStatus: "https://schema.org/EventScheduled",
      eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
      location: {
        "@type": "Place",
        name: "Nhà văn hóa phường, Điện Biên Phủ",
        address: "Nhà văn hóa phường, Điện Biên Phủ",
      },
      organizer: { "@type": "NGO" },
    });
    expect((event!.image as string[])[0]).toMatch(/^https:\/\/peerlink\.example\.org\//);
    expect((event!.organizer as { logo: { url: string } }).logo.url).toMatch(/\/assets\/logo\./);
  });

  it("keeps a title holding </script> inside its block, and other pages carry none", async () => {
    const html = await page("/en/activities/hop-nhom");
    const head = html.slice(0, html.indexOf("</head>"));
    // One script element in the head, opened and closed once: the title could not end it.
    expect(head.match(/<script/g)).toHaveLength(1);
    expect(head.match(/<\/script>/g)).toHaveLength(1);
    expect(head).not.toContain("<!--");
    expect(head).toContain("\\u003c/script\\u003e");
    expect(structuredData(html)[0]?.name).toBe(breakout);
    for (const url of ["/vi/tin-tuc", "/en/sponsors", "/vi/du-an/thu-nghiem"]) {
      expect(structuredData(await page(url)), url).toEqual([]);
    }
  });
});
