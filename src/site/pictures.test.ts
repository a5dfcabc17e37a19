// Images on the public website: an item's cover on its page (WebP and JPEG at every width made, its
// size, its alt text in the page's language), a thumbnail on each card of the news and activities
// lists, a partner's logo on the sponsors page; none where an item has no image or names one that
// does not exist; an alt text changed or an image added shows on the next request; every
// address a page offers is served; and the sitemap names each page's images.

import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandLineActor } from "../audit/service.js";
import { createItem, type NewItem, publishItem, saveItem } from "../content/service.js";
import type { Database } from "../db/connection.js";
import { newId } from "../lib/ids.js";
import { changeImageAlt, type MediaImage, uploadImage } from "../media/service.js";
import { loadReferencePlaces } from "../places/service.js";
import { buildTestApp } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { transparentPng, webp } from "../test-support/images.js";
import { insertProjectFixture } from "../test-support/published-project.js";
import { createAccount, type SignedIn, signIn } from "../test-support/sessions.js";

const project = "thu-nghiem";
let database: Database;
let app: FastifyInstance;
let editor: SignedIn;
let cover: MediaImage;
let logo: MediaImage;
let withoutPicture: { id: string; revision: number };

const now = () => new Date();
// Writes here go to the services, not through a request (whose end settles, app.ts): on PostgreSQL
// their notices of change are counted before a page is asked for, as they would be.
const get = async (url: string, headers: Record<string, string> = {}) => {
  await database.changes.settle();
  return app.inject({ method: "GET", url, headers });
};

async function published(input: NewItem) {
  const draft = await createItem(database.db, commandLineActor, input, now());
  return publishItem(database.db, commandLineActor, draft.id, draft.revision, now());
}

const coverAlt = { vi: "Nhóm đồng đẳng họp ở Điện Biên", en: "A peer group meets in Điện Biên" };
const logoAlt = { vi: "Biểu trưng Quỹ Hỗ trợ", en: "The Support Fund's logo" };

beforeAll(async () => {
  database = await openTestDatabase();
  await loadReferencePlaces(database.db);
  await insertProjectFixture(database.db, { slug: project });
  await database.changes.ready();
  app = await buildTestApp(database);
  const account = await createAccount(database.db, { role: "editor" });
  editor = await signIn(app, account.username, account.password);
  ({ image: cover } = await uploadImage(
    database.db,
    { bytes: await webp(800, 450), alt: coverAlt },
    null,
    now,
  ));
  ({ image: logo } = await uploadImage(
    database.db,
    { bytes: await transparentPng(400, 200), alt: logoAlt },
    null,
    now,
  ));

  await published({
    kind: "news",
    project_slug: project,
    fields: {
      title: { vi: "Tin có ảnh", en: "News with a picture" },
      slug: { vi: "tin-co-anh", en: "news-with-a-picture" },
      summary: { vi: "Tóm tắt", en: "Summary" },
      image_id: cover.id,
    },
  });
  withoutPicture = await published({
    kind: "news",
    fields: {
      title: { vi: "Tin không ảnh", en: "News without a picture" },
      slug: { vi: "tin-khong-anh", en: "news-without-a-picture" },
    },
  });
  await published({
    kind: "news",
    fields: {
      title: { vi: "Tin ảnh mất", en: "News whose image is gone" },
      slug: { vi: "tin-anh-mat", en: "news-whose-image-is-gone" },
      image_id: newId(),
    },
  });
  await published({
    kind: "activity",
    fields: {
      title: { vi: "Tập huấn có ảnh", en: "Training with a picture" },
      slug: { vi: "tap-huan-co-anh", en: "training-with-a-picture" },
      starts_at: "2024-07-12T01:00:00.000Z",
      place: { vi: "Điện Biên Phủ", en: "" },
      image_id: cover.id,
    },
  });
  await published({
    kind: "partner",
    project_slug: project,
    fields: {
      title: { vi: "Quỹ Hỗ trợ", en: "Support Fund" },
      partner_role: "sponsor",
      image_id: logo.id,
    },
  });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** The <picture> elements of a page. */
const picturesOf = (html: string) => html.match(/<picture>.*?<\/picture>/gs) ?? [];

/** The WebP srcset of a picture, as [address, width] pairs. */
function webpSources(picture: string): [string, number][] {
  const srcset = /<source type="image\/webp" srcset="([^"]+)"/.exec(picture)?.[1] ?? "";
  return srcset.split(", ").map((entry) => {
    const [url, width] = entry.split(" ");
    return [url!, Number(width!.replace("w", ""))];
  });
}

describe("pictures on the public website", () => {
  it("draws an item's cover at the top of its page, in each language, with its size and alt text", async () => {
    for (const [url, locale] of [
      ["/vi/tin-tuc/tin-co-anh", "vi"],
      ["/en/news/news-with-a-picture", "en"],
    ] as const) {
      const page = await get(url);
      expect(page.statusCode).toBe(200);
      const pictures = picturesOf(page.body);
      expect(pictures).toHaveLength(1);
      const [picture] = pictures as [string];
      expect(webpSources(picture).map(([, width]) => width)).toEqual([320, 640, 800]);
      expect(picture).toContain('<source type="image/jpeg" srcset="');
      expect(picture).toContain('sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)"');
      expect(picture).toContain('width="800" height="450"');
      expect(picture).toContain(`alt="${coverAlt[locale]}"`);
      expect(picture).toContain('loading="eager"');
      expect(picture).toContain('fetchpriority="high"');
      // A shared link shows the cover too: its JPEG, at an absolute address, with its size.
      const jpeg = /<img src="([^"]+\.jpg)"/.exec(picture)![1];
      expect(page.body).toContain(
        `<meta property="og:image" content="http://localhost:3000${jpeg}"/>`,
      );
      expect(page.body).toContain('<meta property="og:image:width" content="800"/>');
      expect(page.body).toContain('<meta property="og:image:height" content="450"/>');
      expect(page.body).not.toContain(`alt="${coverAlt[locale === "vi" ? "en" : "vi"]}"`);
      // Between the title and the text.
      expect(page.body.indexOf("<picture>")).toBeGreaterThan(page.body.indexOf("<h1>"));
    }
  });

  it("serves every address of a cover's srcset, as the type it says", async () => {
    const page = await get("/vi/tin-tuc/tin-co-anh");
    const [picture] = picturesOf(page.body) as [string];
    for (const [url, width] of webpSources(picture)) {
      expect(url).toMatch(new RegExp(`^/media/${cover.id}/`));
      const file = await get(url);
      expect(file.statusCode).toBe(200);
      expect(file.headers["content-type"]).toBe("image/webp");
      const meta = await sharp(file.rawPayload).metadata();
      expect(meta.format).toBe("webp");
      expect(meta.width).toBe(width);
    }
    const jpeg = /<img src="([^"]+)"/.exec(picture)?.[1];
    const file = await get(jpeg!);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("image/jpeg");
  });

  it("draws an image the editor put in the text as a picture, with the editor's alt text", async () => {
    await published({
      kind: "news",
      fields: {
        title: { vi: "Tin có ảnh trong bài", en: "News with a picture in its text" },
        slug: { vi: "tin-co-anh-trong-bai", en: "news-with-a-picture-in-its-text" },
        body: {
          vi: `Mở đầu.\n\n![Buổi họp nhóm](/media/${cover.id})\n\n![Ảnh đã xoá](/media/${newId()})`,
          en: `Opening.\n\n![A group meeting](/media/${cover.id})`,
        },
      },
    });
    for (const [url, alt] of [
      ["/vi/tin-tuc/tin-co-anh-trong-bai", "Buổi họp nhóm"],
      ["/en/news/news-with-a-picture-in-its-text", "A group meeting"],
    ] as const) {
      const page = await get(url);
      expect(page.statusCode).toBe(200);
      const [picture, ...others] = picturesOf(page.body) as [string];
      expect(others).toEqual([]);
      expect(webpSources(picture).map(([, width]) => width)).toEqual([320, 640, 800]);
      expect(picture).toContain(`alt="${alt}"`);
      expect(picture).toContain('width="800" height="450"');
      expect(picture).toContain('loading="lazy"');
      expect(picture).not.toContain("fetchpriority");
      // No address the browser could not load: every image is one of the variants served.
      expect(page.body).not.toMatch(new RegExp(`src="/media/${cover.id}"`));
      for (const [address] of webpSources(picture)) {
        expect((await get(address)).statusCode).toBe(200);
      }
    }
  });

  it("draws no image for an item without one, or one whose image does not exist", async () => {
    for (const url of ["/vi/tin-tuc/tin-khong-anh", "/en/news/news-whose-image-is-gone"]) {
      const page = await get(url);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain("<img");
      expect(page.body).not.toContain("<picture");
    }
  });

  it("shows a small lazy thumbnail on the cards of the news and activities lists", async () => {
    const news = (await get("/vi/tin-tuc")).body;
    const thumbs = news.match(/<div class="card__thumb">.*?<\/div>/gs) ?? [];
    // One post has a cover; the one without and the one whose image is gone have none.
    expect(thumbs).toHaveLength(1);
    expect(thumbs[0]).toContain('loading="lazy"');
    expect(thumbs[0]).toContain(`alt="${coverAlt.vi}"`);
    expect(thumbs[0]).toContain('sizes="(min-width: 40em) 8rem, 6rem"');
    // The thumbnail belongs to the card of the post with the cover.
    const card = news.slice(
      news.lastIndexOf('<li class="card">', news.indexOf('<div class="card__thumb">')),
    );
    expect(card.slice(0, card.indexOf("</li>"))).toContain("/vi/tin-tuc/tin-co-anh");

    const activities = (await get("/en/activities")).body;
    expect(activities).toContain('<div class="card__thumb">');
    expect(activities).toContain(`alt="${coverAlt.en}"`);
  });

  it("draws each partner's logo on the sponsors page, with its alt text", async () => {
    for (const [url, locale] of [
      ["/vi/nha-tai-tro", "vi"],
      ["/en/sponsors", "en"],
    ] as const) {
      const page = (await get(url)).body;
      const logos = page.match(/<div class="organisation__logo">.*?<\/div>/gs) ?? [];
      expect(logos).toHaveLength(1);
      expect(logos[0]).toContain(`alt="${logoAlt[locale]}"`);
      expect(logos[0]).toContain('width="400" height="200"');
      expect(logos[0]).toContain(`/media/${logo.id}/`);
    }
  });

  it("shows a changed alt text and a newly chosen image on the next request", async () => {
    const url = "/en/news/news-without-a-picture";
    expect((await get(url)).body).not.toContain("<picture>");
    const list = "/en/news";
    expect((await get(list)).body).toContain(coverAlt.en);

    const withPicture = "/en/news/news-with-a-picture";
    // Made before the change, and kept (the same ETag on the next request).
    const before = await get(withPicture);
    expect(before.body).toContain(`alt="${coverAlt.en}"`);
    expect((await get(withPicture)).headers.etag).toBe(before.headers.etag);

    await changeImageAlt(database.db, cover.id, { en: "Peer educators meet by the river" }, now);
    const page = (await get(withPicture)).body;
    expect(page).toContain('alt="Peer educators meet by the river"');
    expect(page).not.toContain(coverAlt.en);
    expect((await get(list)).body).toContain('alt="Peer educators meet by the river"');

    await saveItem(
      database.db,
      commandLineActor,
      withoutPicture.id,
      { revision: withoutPicture.revision, fields: { image_id: logo.id } },
      now(),
    );
    const after = (await get(url)).body;
    expect(picturesOf(after)).toHaveLength(1);
    expect(after).toContain(`alt="${logoAlt.en}"`);
  });

  it("draws the cover of a project's narrative on the project page", async () => {
    await published({
      kind: "project",
      project_slug: project,
      fields: {
        title: { vi: "Dự án thử nghiệm", en: "" },
        sections: { background: { vi: "Bối cảnh.", en: "" } },
        image_id: cover.id,
      },
    });
    const page = (await get(`/vi/du-an/${project}`)).body;
    const pictures = picturesOf(page);
    expect(pictures).toHaveLength(1);
    expect(pictures[0]).toContain(`alt="${coverAlt.vi}"`);
    expect(pictures[0]).toContain('loading="eager"');
  });

  it("previews an item's cover for an editor before it is published", async () => {
    const draft = await createItem(
      database.db,
      commandLineActor,
      {
        kind: "page",
        fields: {
          title: { vi: "Trang nháp", en: "A draft page" },
          slug: { vi: "trang-nhap", en: "draft-page" },
          image_id: cover.id,
        },
      },
      now(),
    );
    const preview = await get(`/api/content/items/${draft.id}/preview?locale=vi`, editor.headers);
    expect(preview.statusCode).toBe(200);
    expect(picturesOf(preview.body)).toHaveLength(1);
    expect(preview.body).toContain(`alt="${coverAlt.vi}"`);
    await saveItem(
      database.db,
      commandLineActor,
      draft.id,
      { revision: draft.revision, fields: { image_id: null } },
      now(),
    );
    const without = await get(`/api/content/items/${draft.id}/preview?locale=vi`, editor.headers);
    expect(without.body).not.toContain("<img");
  });

  it("names in the sitemap the images each public page shows, in both languages' entries", async () => {
    const response = await get("/sitemap.xml");
    expect(response.statusCode).toBe(200);
    const xml = response.body;
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"');
    const parsed = new XMLParser({
      isArray: (name) => ["url", "image:image"].includes(name),
    }).parse(xml) as {
      urlset: { url: { loc: string; "image:image"?: { "image:loc": string }[] }[] };
    };
    const images = new Map(
      parsed.urlset.url.map((url) => [
        url.loc.replace("http://localhost:3000", ""),
        (url["image:image"] ?? []).map((image) => image["image:loc"]),
      ]),
    );
    /** The JPEG a page's <img> falls back to: the address the sitemap names. */
    const jpegOf = async (url: string) => /<img src="([^"]+\.jpg)"/.exec((await get(url)).body)![1];
    const coverJpeg = `http://localhost:3000${await jpegOf("/vi/tin-tuc/tin-co-anh")}`;
    const logoJpeg = `http://localhost:3000${await jpegOf("/vi/nha-tai-tro")}`;
    for (const [vi, en, expected] of [
      // A cover; an image in the text; a project's narrative's cover; the partners' logos.
      ["/vi/tin-tuc/tin-co-anh", "/en/news/news-with-a-picture", [coverJpeg]],
      ["/vi/tin-tuc/tin-co-anh-trong-bai", "/en/news/news-with-a-picture-in-its-text", [coverJpeg]],
      ["/vi/hoat-dong/tap-huan-co-anh", "/en/activities/training-with-a-picture", [coverJpeg]],
      [`/vi/du-an/${project}`, `/en/projects/${project}`, [coverJpeg]],
      ["/vi/nha-tai-tro", "/en/sponsors", [logoJpeg]],
      // The post given the logo as its cover a moment ago.
      ["/vi/tin-tuc/tin-khong-anh", "/en/news/news-without-a-picture", [logoJpeg]],
      // None: no image, an image that does not exist, a list.
      ["/vi/tin-tuc/tin-anh-mat", "/en/news/news-whose-image-is-gone", []],
      ["/vi/tin-tuc", "/en/news", []],
    ] as const) {
      expect(images.get(vi), vi).toEqual(expected);
      expect(images.get(en), en).toEqual(expected);
    }
    expect(coverJpeg).toMatch(new RegExp(`/media/${cover.id}/\\d+\\.[0-9a-f]{16}\\.jpg$`));
    // Every image named is served, and a draft's cover is named nowhere (the draft page).
    expect((await get(coverJpeg.replace("http://localhost:3000", ""))).statusCode).toBe(200);
    expect(xml).not.toContain("trang-nhap");
  });
});
