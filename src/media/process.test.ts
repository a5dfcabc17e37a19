// What the server makes of an upload, without HTTP: the variants' sizes and types, a photo turned
// upright, no metadata left (the GPS position above all), types sniffed from the bytes, and the
// pixel limit met before anything is decoded.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "../lib/errors.js";
import { maxImagesWaiting } from "../limits/limits.js";
import {
  exifMarkers,
  photoWithGps,
  pngClaiming,
  transparentPng,
  webp,
} from "../test-support/images.js";
import { processImage, widthsFor } from "./process.js";

async function refusal(bytes: Buffer): Promise<AppError> {
  const error = await processImage(bytes).then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("processImage", () => {
  it("makes WebP and JPEG at each standard width below the photo's, never wider", async () => {
    const result = await processImage(await photoWithGps({ width: 2000, height: 1500 }));
    expect({ width: result.width, height: result.height }).toEqual({ width: 2000, height: 1500 });
    const made = result.variants.map((v) => `${v.format} ${v.width}x${v.height}`);
    expect(made).toEqual([
      "webp 320x240",
      "jpeg 320x240",
      "webp 640x480",
      "jpeg 640x480",
      "webp 1024x768",
      "jpeg 1024x768",
      "webp 1600x1200",
      "jpeg 1600x1200",
    ]);
    for (const variant of result.variants) {
      const metadata = await sharp(variant.bytes).metadata();
      expect(metadata.format).toBe(variant.format);
      expect([metadata.width, metadata.height]).toEqual([variant.width, variant.height]);
      expect(metadata.space).toBe("srgb");
      if (variant.format === "jpeg") expect(metadata.isProgressive).toBe(true);
    }
  });

  it("keeps a small image at its own width and makes nothing wider", async () => {
    expect(widthsFor(200)).toEqual([200]);
    expect(widthsFor(800)).toEqual([320, 640, 800]);
    expect(widthsFor(1600)).toEqual([320, 640, 1024, 1600]);
    const result = await processImage(await webp(500, 250));
    expect(result.variants.map((v) => `${v.format} ${v.width}x${v.height}`)).toEqual([
      "webp 320x160",
      "jpeg 320x160",
      "webp 500x250",
      "jpeg 500x250",
    ]);
  });

  it("removes the EXIF of a photo, its GPS position included, from every variant", async () => {
    const photo = await photoWithGps({ width: 1200, height: 900 });
    // The test photo does carry what a phone writes.
    const original = await sharp(photo).metadata();
    expect(original.exif).toBeDefined();
    expect(photo.includes(exifMarkers.datum)).toBe(true);
    expect(photo.includes(exifMarkers.camera)).toBe(true);

    const result = await processImage(photo);
    for (const variant of result.variants) {
      const metadata = await sharp(variant.bytes).metadata();
      expect(metadata.exif, `${variant.format} ${variant.width}`).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(metadata.iptc).toBeUndefined();
      expect(metadata.icc).toBeUndefined();
      for (const marker of ["Exif", "GPS", exifMarkers.datum, exifMarkers.camera]) {
        expect(variant.bytes.includes(marker), `${marker} in ${variant.format}`).toBe(false);
      }
    }
  });

  it("turns a photo upright from its EXIF orientation", async () => {
    // Stored 400 wide and 200 high, to be shown turned a quarter: 200 wide and 400 high.
    const result = await processImage(
      await photoWithGps({ width: 400, height: 200, orientation: 6 }),
    );
    expect({ width: result.width, height: result.height }).toEqual({ width: 200, height: 400 });
    expect(result.variants.map((v) => [v.width, v.height])).toEqual([
      [200, 400],
      [200, 400],
    ]);
  });

  it("makes a transparent PNG's JPEG white behind, and keeps its transparency in WebP", async () => {
    const result = await processImage(await transparentPng(400, 300));
    const jpeg = result.variants.find((v) => v.format === "jpeg" && v.width === 400)!;
    const webpVariant = result.variants.find((v) => v.format === "webp" && v.width === 400)!;
    expect((await sharp(jpeg.bytes).metadata()).hasAlpha).toBe(false);
    const pixel = await sharp(jpeg.bytes)
      .extract({ left: 0, top: 0, width: 1, height: 1 })
      .raw()
      .toBuffer();
    // Half-transparent blue over white: light blue, not dark.
    expect(pixel[0]).toBeGreaterThan(100);
    expect((await sharp(webpVariant.bytes).metadata()).hasAlpha).toBe(true);
  });

  it("sniffs the type from the bytes: text, HTML and SVG are refused whatever they are called", async () => {
    const texts = [
      "just some text, saved as photo.jpg",
      "<!doctype html><html><body><script>alert(1)</script></body></html>",
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
      "GIF89a",
    ];
    for (const text of texts) {
      const error = await refusal(Buffer.from(text));
      expect(error.code, text).toBe("invalid_image");
      expect(error.details.reason).toBe("image_type");
    }
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#000" } })
      .gif()
      .toBuffer();
    expect((await refusal(gif)).details.reason).toBe("image_type");
  });

  it("refuses an image of more than 40 megapixels from its header, before decoding it", async () => {
    const bomb = pngClaiming(10_000, 5_000);
    expect(bomb.byteLength).toBeLessThan(200);
    const error = await refusal(bomb);
    expect(error.details).toMatchObject({
      reason: "image_too_many_pixels",
      values: { pixels: 50, max: 40 },
    });
  });

  it("processes one upload at a time with a few waiting, and refuses more at once as busy", async () => {
    const image = await webp(500, 250);
    const answers = await Promise.allSettled(
      Array.from({ length: maxImagesWaiting + 3 }, () => processImage(image)),
    );
    // One processing and maxImagesWaiting waiting; the others refused without waiting.
    const done = answers.filter((a) => a.status === "fulfilled");
    const refused = answers.filter((a) => a.status === "rejected");
    expect(done).toHaveLength(maxImagesWaiting + 1);
    expect(refused).toHaveLength(2);
    for (const answer of refused) {
      expect(answer.reason).toBeInstanceOf(AppError);
      expect((answer.reason as AppError).code).toBe("busy");
      expect((answer.reason as AppError).status).toBe(503);
    }
    // Once they are done, uploads are taken again.
    await expect(processImage(image)).resolves.toMatchObject({ width: 500 });
  });

  it("refuses a file that starts like a JPEG and is not one", async () => {
    const photo = await photoWithGps({ width: 64, height: 64 });
    const error = await refusal(photo.subarray(0, 200));
    expect(error.details.reason).toBe("image_unreadable");
  });
});
