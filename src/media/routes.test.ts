// Images as an editor meets them over HTTP, and as a visitor's browser fetches them: upload with
// both alt texts, see it listed, change its alt text; every refusal named in the user's language;
// only editors and administrators may upload; the files served for a year, with their type.
import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { newId } from "../lib/ids.js";
import { buildTestApp } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture } from "../test-support/fixtures.js";
import {
  exifMarkers,
  type FormPart,
  multipartForm,
  photoWithGps,
  pngClaiming,
  transparentPng,
  webp,
} from "../test-support/images.js";
import { createAccount, type SignedIn, signIn } from "../test-support/sessions.js";
import type { TImageView } from "./routes.js";
import { getPictures, imageIdOfPath } from "./service.js";

let database: Database;
let app: FastifyInstance;
const as: Record<string, SignedIn> = {};

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
  const { siteA } = await insertProjectFixture(database.db);
  const accounts = {
    editor: { role: "editor" as const },
    admin: { role: "administrator" as const },
    worker: { role: "outreach_worker" as const, siteIds: [siteA.id] },
  };
  for (const [name, account] of Object.entries(accounts)) {
    const created = await createAccount(database.db, account);
    as[name] = await signIn(app, created.username, created.password);
  }
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const alts = {
  alt_vi: "Nhóm đồng đẳng họp ở Điện Biên",
  alt_en: "A peer group meets in Điện Biên",
};

/** An upload as `who` (null: an anonymous visitor). */
function upload(parts: readonly FormPart[], who: string | null = "editor", language = "en") {
  const { payload, contentType } = multipartForm(parts);
  return app.inject({
    method: "POST",
    url: "/api/media",
    headers: {
      ...(who ? as[who]!.unsafeHeaders : {}),
      "content-type": contentType,
      "accept-language": language,
    },
    payload,
  });
}

const fileOf = (file: Buffer, fileName = "photo.jpg", type = "image/jpeg"): FormPart => ({
  name: "file",
  file,
  fileName,
  type,
});
const altParts = (values: Record<string, string> = alts): FormPart[] =>
  Object.entries(values).map(([name, value]) => ({ name, value }));

function get(url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: "GET", url, headers });
}

describe("uploading an image", () => {
  it("stores a JPEG photo as variants, and answers its view with a JPEG preview", async () => {
    const photo = await photoWithGps({ width: 2400, height: 1600 });
    const response = await upload([...altParts(), fileOf(photo)]);
    expect(response.statusCode, response.body).toBe(201);
    const image = response.json<{ image: TImageView }>().image;
    expect(image).toMatchObject({
      alt: { vi: alts.alt_vi, en: alts.alt_en },
      width: 2400,
      height: 1600,
    });
    expect(image.url).toMatch(new RegExp(`^/media/${image.id}/1024\\.[0-9a-f]{16}\\.jpg$`));
    const preview = await get(image.url);
    expect(preview.statusCode).toBe(200);
    expect(preview.headers["content-type"]).toBe("image/jpeg");
    expect(await sharp(preview.rawPayload).metadata()).toMatchObject({ width: 1024, height: 683 });
    for (const marker of ["Exif", "GPS", exifMarkers.datum, exifMarkers.camera]) {
      expect(preview.rawPayload.includes(marker), marker).toBe(false);
    }
  });

  it("takes PNG and WebP, and a PNG called photo.jpg, by what the bytes are", async () => {
    for (const [file, name] of [
      [await transparentPng(700, 350), "photo.jpg"],
      [await webp(300, 300), "image.webp"],
    ] as const) {
      const response = await upload([
        ...altParts({ alt_vi: `Ảnh ${name}`, alt_en: `Picture ${name}` }),
        fileOf(file, name, "image/jpeg"),
      ]);
      expect(response.statusCode, response.body).toBe(201);
      const image = response.json<{ image: TImageView }>().image;
      const pictures = await getPictures(database.db, [image.id]);
      const picture = pictures.get(image.id)!;
      for (const source of picture.sources) {
        for (const candidate of source.srcset.split(", ")) {
          const [url, width] = candidate.split(" ");
          const file = await get(url!);
          expect(file.headers["content-type"]).toBe(source.type);
          expect(`${(await sharp(file.rawPayload).metadata()).width}w`).toBe(width);
        }
      }
    }
  });

  it("gives back the image already stored when the same file comes again", async () => {
    const photo = await photoWithGps({ width: 500, height: 400 });
    const first = await upload([...altParts(), fileOf(photo)]);
    const again = await upload([
      ...altParts({ alt_vi: "khác", alt_en: "other" }),
      fileOf(photo, "copy.jpg"),
    ]);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().image).toEqual(first.json().image);
  });

  it("is allowed to editors and administrators, not to outreach workers or visitors", async () => {
    const photo = await webp(100, 80);
    const admin = await upload([...altParts(), fileOf(photo)], "admin");
    expect(admin.statusCode).toBe(201);
    expect((await upload([...altParts(), fileOf(photo)], "worker")).statusCode).toBe(403);
    expect((await upload([...altParts(), fileOf(photo)], null)).statusCode).toBe(401);
    expect((await get("/api/media", as.worker!.headers)).statusCode).toBe(403);
    expect((await get("/api/media")).statusCode).toBe(401);
  });
});

describe("a refused upload", () => {
  async function refused(parts: FormPart[], language: "vi" | "en") {
    const response = await upload(parts, "editor", language);
    return { status: response.statusCode, error: response.json().error };
  }

  it("says the type is wrong, for text, HTML and SVG files called .jpg", async () => {
    for (const text of [
      "not a picture",
      "<!doctype html><html><script>alert(1)</script></html>",
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    ]) {
      const { status, error } = await refused(
        [...altParts(), fileOf(Buffer.from(text), "photo.jpg", "image/jpeg")],
        "en",
      );
      expect(status).toBe(400);
      expect(error.code).toBe("invalid_image");
      expect(error.message).toContain("not a JPEG, PNG or WebP image");
    }
    const { error } = await refused(
      [...altParts(), fileOf(Buffer.from("<svg/>"), "logo.svg", "image/svg+xml")],
      "vi",
    );
    expect(error.message).toContain("không phải ảnh JPEG, PNG hay WebP");
  });

  it("names the missing alt text's language, in the user's language", async () => {
    const photo = await webp(100, 100);
    const noEnglish = await refused(
      [...altParts({ alt_vi: alts.alt_vi, alt_en: "   " }), fileOf(photo)],
      "vi",
    );
    expect(noEnglish.status).toBe(400);
    expect(noEnglish.error.parameter).toBe("alt_en");
    expect(noEnglish.error.message).toContain("bằng tiếng Anh");
    const noVietnamese = await refused([...altParts({ alt_en: alts.alt_en }), fileOf(photo)], "en");
    expect(noVietnamese.error.parameter).toBe("alt_vi");
    expect(noVietnamese.error.message).toContain("in Vietnamese");
    const tooLong = await refused(
      [...altParts({ alt_vi: "á".repeat(301), alt_en: alts.alt_en }), fileOf(photo)],
      "en",
    );
    expect(tooLong.error.message).toContain("longer than 300 characters");
  });

  it("says a file is missing, or too many, or a field is unknown", async () => {
    const photo = await webp(100, 100);
    expect((await refused(altParts(), "en")).error.message).toContain("no image file");
    const two = await refused([...altParts(), fileOf(photo), fileOf(photo, "b.jpg")], "en");
    expect(two.error.message).toContain("one image at a time");
    const text = await refused([...altParts(), { name: "file", value: "photo.jpg" }], "en");
    expect(text.error).toMatchObject({ parameter: "file" });
    expect(text.error.message).toContain("no image file");
    const other = await refused([...altParts(), { name: "caption", value: "x" }], "en");
    expect(other.error).toMatchObject({ code: "invalid_parameter", parameter: "caption" });
  });

  it("says how many megapixels are too many", async () => {
    const { status, error } = await refused(
      [...altParts(), fileOf(pngClaiming(10_000, 5_000))],
      "en",
    );
    expect(status).toBe(400);
    expect(error.message).toBe(
      "This image cannot be used: the image has 50 megapixels, at most 40 are allowed; make it smaller and upload it again.",
    );
  });

  it("refuses a file over 10 MB while reading it, and says the limit", async () => {
    const big = Buffer.concat([await webp(10, 10), Buffer.alloc(10 * 1024 * 1024 + 1)]);
    const { payload, contentType } = multipartForm([...altParts(), fileOf(big)]);
    // Sent without a length (chunked): only reading it finds it too large.
    const response = await app.inject({
      method: "POST",
      url: "/api/media",
      headers: {
        ...as.editor!.unsafeHeaders,
        "content-type": contentType,
        "accept-language": "vi",
      },
      payload: payload,
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({
      code: "file_too_large",
      message: "Tệp quá lớn: tối đa 10 MB. Hãy thu nhỏ ảnh hoặc chọn ảnh khác.",
    });
  });

  it("refuses a request declared over 10 MB before its body is sent", async () => {
    await app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = app.server.address() as AddressInfo;
    const { contentType } = multipartForm(altParts());
    // Headers and a first kilobyte of a declared 50 MB: the answer comes without the rest.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/api/media",
          headers: {
            ...as.editor!.unsafeHeaders,
            "content-type": contentType,
            "content-length": String(50 * 1024 * 1024),
            "accept-language": "en",
          },
        },
        (response) => {
          let body = "";
          response.on("data", (chunk) => {
            body += chunk;
          });
          response.on("end", () => {
            resolve({ status: response.statusCode!, body });
            request.destroy();
          });
        },
      );
      request.on("error", reject);
      request.write(Buffer.alloc(1024));
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.message).toContain("at most 10 MB");
  });
});

describe("images listed and changed", () => {
  it("lists images newest first, 24 a page, with the total", async () => {
    const response = await get("/api/media?page=1", as.editor!.headers);
    expect(response.statusCode).toBe(200);
    const body = response.json<{ images: TImageView[]; total: number }>();
    expect(body.total).toBeGreaterThanOrEqual(4);
    expect(body.images.length).toBe(Math.min(body.total, 24));
    const times = body.images.map((image) => image.created_at);
    expect(times).toEqual([...times].sort().reverse());
    expect((await get("/api/media?page=2", as.editor!.headers)).json().images).toEqual([]);
  });

  it("changes one alt text, keeps the other, and refuses an empty one", async () => {
    const created = await upload([...altParts(), fileOf(await webp(120, 90))]);
    const id = created.json<{ image: TImageView }>().image.id;
    const patch = (payload: Record<string, string>) =>
      app.inject({
        method: "PATCH",
        url: `/api/media/${id}`,
        headers: { ...as.editor!.unsafeHeaders, "accept-language": "en" },
        payload,
      });
    const changed = await patch({ alt_en: "Peer educators at a meeting" });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().image.alt).toEqual({
      vi: alts.alt_vi,
      en: "Peer educators at a meeting",
    });
    const empty = await patch({ alt_vi: "" });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toMatchObject({ parameter: "alt_vi" });
    expect(empty.json().error.message).toContain("in Vietnamese");
    const read = await get(`/api/media/${id}`, as.editor!.headers);
    expect(read.json().image.alt.en).toBe("Peer educators at a meeting");
    expect((await get(`/api/media/${newId()}`, as.editor!.headers)).statusCode).toBe(404);
  });
});

describe("the public files", () => {
  let image: TImageView;
  beforeAll(async () => {
    const response = await upload([
      ...altParts(),
      fileOf(await photoWithGps({ width: 900, height: 600 })),
    ]);
    image = response.json<{ image: TImageView }>().image;
  });

  it("are served to anyone for a year, with their type, an ETag and no sniffing", async () => {
    const response = await get(image.url);
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      "content-type": "image/jpeg",
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
    });
    const etag = String(response.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await get(image.url, { "if-none-match": etag });
    expect(again.statusCode).toBe(304);
    const webpUrl = image.url.replace(/\.[0-9a-f]{16}\.jpg$/, "");
    const pictures = await getPictures(database.db, [image.id]);
    const webpFile = pictures
      .get(image.id)!
      .sources[0]!.srcset.split(", ")
      .map((candidate) => candidate.split(" ")[0]!)
      .find((url) => url.startsWith(`${webpUrl}.`))!;
    expect((await get(webpFile)).headers["content-type"]).toBe("image/webp");
  });

  it("are sent whole when larger than the public answer bound (a stored file, not an answer)", async () => {
    // Black and white noise: a small PNG (one bit a pixel), the hardest picture for JPEG, whose
    // 1600-wide file is well over 2 MiB.
    const [width, height] = [1600, 3000];
    const pixels = Buffer.from(randomBytes(width * height).map((byte) => (byte & 1 ? 255 : 0)));
    const noise = await sharp(pixels, { raw: { width, height, channels: 1 } })
      .png({ palette: true, colours: 2 })
      .toBuffer();
    const response = await upload([...altParts(), fileOf(noise, "noise.png", "image/png")]);
    expect(response.statusCode, response.body).toBe(201);
    const id = response.json<{ image: TImageView }>().image.id;
    const jpeg = (await getPictures(database.db, [id]))
      .get(id)!
      .sources[1]!.srcset.split(", ")
      .at(-1)!;
    const file = await get(jpeg.split(" ")[0]!);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.byteLength).toBeGreaterThan(2 * 1024 * 1024);
    expect(Number(file.headers["content-length"])).toBe(file.rawPayload.byteLength);
    expect((await sharp(file.rawPayload).metadata()).width).toBe(1600);
  });

  it("answer 404 for an unknown id, width, hash or extension", async () => {
    const [, , id, file] = image.url.split("/");
    const [width, hash] = file!.split(".");
    for (const url of [
      `/media/${newId()}/${file}`,
      `/media/${id}/1600.${hash}.jpg`,
      `/media/${id}/${width}.${"0".repeat(16)}.jpg`,
      `/media/${id}/${width}.${hash}.png`,
      `/media/${id}/${width}.${hash}.webp`,
      `/media/${id}/${width}.${hash}`,
      `/media/not-an-id/${file}`,
      `/media/${id}`,
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers["content-type"], url).toContain("text/html");
    }
  });

  it("give pages a picture with sources, and Markdown links their image's id", async () => {
    const pictures = await getPictures(database.db, [image.id, newId(), "not-an-id"]);
    expect([...pictures.keys()]).toEqual([image.id]);
    const picture = pictures.get(image.id)!;
    expect(picture).toMatchObject({ width: 900, height: 600, src: image.url, alt: image.alt });
    expect(picture.sources.map((s) => s.type)).toEqual(["image/webp", "image/jpeg"]);
    expect(picture.sources[1]!.srcset).toMatch(/ 320w, .* 640w, .* 900w$/);
    expect(imageIdOfPath(`/media/${image.id}`)).toBe(image.id);
    expect(imageIdOfPath(`/media/${image.id.toUpperCase()}`)).toBe(image.id);
    expect(imageIdOfPath("/media/x")).toBeUndefined();
    expect(imageIdOfPath(`/media/${image.id}/320.abc.jpg`)).toBeUndefined();
    expect(imageIdOfPath("https://example.org/a.jpg")).toBeUndefined();
  });
});
