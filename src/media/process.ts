// Turning an uploaded file into the images the website serves. The type is sniffed from the bytes
// (file-type), never taken from the name or the declared type; the pixel count is read from the
// header before anything is decoded; the picture is turned upright from its EXIF orientation and
// then re-encoded, at a few widths, as WebP and progressive JPEG in sRGB. Sharp writes no metadata
// unless asked (withMetadata, keepExif …), so the variants carry no EXIF, XMP, IPTC or GPS: a photo
// of outreach work must not say where it was taken. The upload's own bytes are dropped.
//
// Sharp works in libvips's thread pool, off the event loop; uploads are processed one at a time
// per process (processImage's queue), so a burst of them waits rather than taking every core.
import { createHash } from "node:crypto";
import type { OutputInfo } from "sharp";
import type { ImageFormat } from "../db/schema.js";
import { AppError } from "../lib/errors.js";
import { maxImagePixels, maxImagesWaiting } from "../limits/limits.js";

/** The widths a picture is offered at; an upload narrower than the largest adds its own width. */
export const variantWidths = [320, 640, 1024, 1600] as const;
const largestWidth = Math.max(...variantWidths);

type Sharp = typeof import("sharp").default;

/**
 * Sharp (libvips) and file-type load on the first upload, not at start: most processes never see
 * one, and loading them took a quarter of a second of every start (docs/benchmarks.md, "site").
 */
let libraries:
  | Promise<{ sharp: Sharp; fileTypeFromBuffer: typeof import("file-type").fileTypeFromBuffer }>
  | undefined;
function loadLibraries() {
  libraries ??= Promise.all([import("sharp"), import("file-type")]).then(([s, f]) => ({
    sharp: s.default,
    fileTypeFromBuffer: f.fileTypeFromBuffer,
  }));
  return libraries;
}

const acceptedTypes = new Set(["image/jpeg", "image/png", "image/webp"]);

/** Good enough for photos on a phone's screen at a third of the original's bytes, or less. */
const quality = 78;

export interface Variant {
  format: ImageFormat;
  width: number;
  height: number;
  bytes: Buffer;
  sha256: string;
}

export interface ProcessedImage {
  /** The upright size of the upload. */
  width: number;
  height: number;
  /** Of the uploaded bytes: the same file uploaded twice is one image. */
  originalSha256: string;
  variants: Variant[];
}

export const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const unreadable = (detail: string) =>
  new AppError("invalid_image", { reason: "image_unreadable", detail });

/** The widths to make for an upright width: the standard ones below it, and its own when smaller. */
export function widthsFor(width: number): number[] {
  const widest = Math.min(width, largestWidth);
  return [...variantWidths.filter((w) => w < widest), widest];
}

/** The upright size of the picture in its header, refused when it has too many pixels. */
async function checkedSize(
  sharp: Sharp,
  bytes: Buffer,
): Promise<{ width: number; height: number }> {
  // Reading the header decodes no pixel; `limitInputPixels: false` so the count can be named below.
  const metadata = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch((error: Error) => {
      throw unreadable(`sharp could not read the image header: ${error.message}`);
    });
  const { width, height } = metadata;
  if (!width || !height) throw unreadable("the image header gives no size");
  if (width * height > maxImagePixels) {
    const megapixels = (pixels: number) => Math.round(pixels / 100_000) / 10;
    throw new AppError("invalid_image", {
      reason: "image_too_many_pixels",
      values: { pixels: megapixels(width * height), max: megapixels(maxImagePixels) },
    });
  }
  // Orientations 5 to 8 turn the picture a quarter: its upright width is its stored height.
  const turned = (metadata.orientation ?? 1) >= 5;
  return turned ? { width: height, height: width } : { width, height };
}

async function encode(
  sharp: Sharp,
  upright: { data: Buffer; info: OutputInfo },
  format: ImageFormat,
  width: number,
): Promise<Variant> {
  const { data, info } = upright;
  const resized = sharp(data, {
    raw: { width: info.width, height: info.height, channels: info.channels },
  }).resize({ width, withoutEnlargement: true });
  const encoded =
    format === "webp"
      ? resized.webp({ quality })
      : // JPEG has no transparency: a transparent PNG's background becomes white, not black.
        resized.flatten({ background: "#ffffff" }).jpeg({ quality, progressive: true });
  const { data: bytes, info: out } = await encoded.toBuffer({ resolveWithObject: true });
  return { format, width: out.width, height: out.height, bytes, sha256: sha256Of(bytes) };
}

async function processNow(bytes: Buffer): Promise<ProcessedImage> {
  const { sharp, fileTypeFromBuffer } = await loadLibraries();
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !acceptedTypes.has(type.mime)) {
    throw new AppError("invalid_image", {
      reason: "image_type",
      detail: `sniffed type ${type?.mime ?? "unknown"}`,
    });
  }
  const size = await checkedSize(sharp, bytes);
  const widths = widthsFor(size.width);
  // Decoded once, upright and at the largest width, in sRGB; every variant is made from that.
  const upright = await sharp(bytes, { limitInputPixels: maxImagePixels })
    .rotate()
    .resize({ width: widths[widths.length - 1], withoutEnlargement: true })
    .toColourspace("srgb")
    .raw()
    .toBuffer({ resolveWithObject: true })
    .catch((error: Error) => {
      throw unreadable(`sharp could not decode the image: ${error.message}`);
    });
  const variants: Variant[] = [];
  for (const width of widths) {
    for (const format of ["webp", "jpeg"] as const) {
      variants.push(await encode(sharp, upright, format, width));
    }
  }
  return { ...size, originalSha256: sha256Of(bytes), variants };
}

let queue: Promise<unknown> = Promise.resolve();
/** Uploads taken and not yet done: the one being processed and those waiting for it. */
let taken = 0;

/**
 * The uploaded bytes as variants, or an AppError saying why not (`invalid_image`). Calls wait for
 * the one before them: one upload is processed at a time in a process, and at most
 * `maxImagesWaiting` wait; one more is refused at once (`busy`).
 */
export function processImage(bytes: Buffer): Promise<ProcessedImage> {
  if (taken > maxImagesWaiting) {
    return Promise.reject(
      new AppError("busy", { detail: `${taken} image uploads already taken by this process` }),
    );
  }
  taken += 1;
  const result = queue
    .then(() => processNow(bytes))
    .finally(() => {
      taken -= 1;
    });
  queue = result.catch(() => undefined);
  return result;
}
