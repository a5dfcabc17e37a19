// Images of the public website: uploading (processed by ./process.ts), listing, changing alt texts,
// and what other modules need — the pictures of some images for their pages (getPictures), the
// image a Markdown link names (imageIdOfPath) — and the files served at /media/….
import type { Db } from "../db/connection.js";
import type { ImageFormat } from "../db/schema.js";
import { AppError } from "../lib/errors.js";
import type { Locale } from "../lib/i18n.js";
import { newId } from "../lib/ids.js";
import { processImage, sha256Of } from "./process.js";
import {
  countImages,
  findImageBySha256,
  findImages,
  findVariantFile,
  findVariants,
  type ImageRow,
  insertImage,
  listImages,
  updateImageAlt,
  type VariantRow,
} from "./queries.js";

/** An image as the staff app and the API see it. */
export interface MediaImage {
  id: string;
  alt: Record<Locale, string>;
  /** The upright size of the upload. */
  width: number;
  height: number;
  /** A JPEG at most 1024 wide: previews, and the picture of a Markdown link. */
  url: string;
  createdAt: Date;
}

/** What a page needs to show an image: `<Picture>` (./picture.tsx) renders it. */
export interface Picture {
  id: string;
  alt: Record<Locale, string>;
  /** The size of the largest file offered (the browser reserves the space from it). */
  width: number;
  height: number;
  /** A JPEG at most 1024 wide, for browsers that take no <source>. */
  src: string;
  sources: { type: "image/webp" | "image/jpeg"; srcset: string }[];
}

export const IMAGES_PER_PAGE = 24;

/** The widest file `url` and `src` point at. */
const previewWidth = 1024;

const extensions: Record<ImageFormat, string> = { webp: "webp", jpeg: "jpg" };
const contentTypes = { webp: "image/webp", jpeg: "image/jpeg" } as const;

/** The address's hash: 64 bits of the file's SHA-256, enough to tell its versions apart. */
const hashLength = 16;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Where a variant is served: /media/<image>/<width>.<hash>.<webp|jpg>. */
export function variantPath(variant: VariantRow): string {
  const hash = variant.sha256.slice(0, hashLength);
  return `/media/${variant.image_id}/${variant.width}.${hash}.${extensions[variant.format]}`;
}

/**
 * The image a Markdown link points at (`![alt](/media/<id>)`), or undefined when the address is
 * not one of an image.
 */
export function imageIdOfPath(path: string): string | undefined {
  const match = /^\/media\/([0-9a-fA-F-]{36})\/?$/.exec(path);
  const id = match?.[1]?.toLowerCase();
  return id && uuidPattern.test(id) ? id : undefined;
}

/** The JPEG for previews: the widest at most 1024 wide (an image narrower than 320 has only one). */
function previewOf(variants: readonly VariantRow[]): VariantRow {
  const jpegs = variants.filter((v) => v.format === "jpeg");
  const fitting = jpegs.filter((v) => v.width <= previewWidth);
  return (fitting.length > 0 ? fitting : jpegs).reduce((a, b) => (b.width > a.width ? b : a));
}

function groupByImage(variants: readonly VariantRow[]): Map<string, VariantRow[]> {
  const groups = new Map<string, VariantRow[]>();
  for (const variant of variants) {
    const group = groups.get(variant.image_id) ?? [];
    group.push(variant);
    groups.set(variant.image_id, group);
  }
  return groups;
}

async function withVariants(db: Db, rows: readonly ImageRow[]): Promise<MediaImage[]> {
  const variants = groupByImage(
    await findVariants(
      db,
      rows.map((row) => row.id),
    ),
  );
  return rows.map((row) => ({
    id: row.id,
    alt: { vi: row.alt_vi, en: row.alt_en },
    width: row.width,
    height: row.height,
    url: variantPath(previewOf(variants.get(row.id) ?? [])),
    createdAt: row.created_at,
  }));
}

export interface NewImage {
  bytes: Buffer;
  alt: Record<Locale, string>;
}

/**
 * Stores an upload as an image. The same file uploaded again is the image already stored (its alt
 * texts unchanged): `created` says which.
 */
export async function uploadImage(
  db: Db,
  upload: NewImage,
  uploadedBy: string | null,
  now: () => Date,
): Promise<{ image: MediaImage; created: boolean }> {
  const existing = await findImageBySha256(db, sha256Of(upload.bytes));
  if (existing) return { image: (await withVariants(db, [existing]))[0]!, created: false };
  const processed = await processImage(upload.bytes);
  const id = newId();
  const created = await insertImage(
    db,
    {
      id,
      alt_vi: upload.alt.vi,
      alt_en: upload.alt.en,
      width: processed.width,
      height: processed.height,
      original_sha256: processed.originalSha256,
      uploaded_by: uploadedBy,
      created_at: now(),
    },
    processed.variants,
  );
  const row = created
    ? (await findImages(db, [id]))[0]
    : await findImageBySha256(db, processed.originalSha256);
  if (!row) throw new AppError("internal", { detail: "an image just stored was not found" });
  return { image: (await withVariants(db, [row]))[0]!, created };
}

/** A page of images (from 1), newest first, and how many there are in all. */
export async function listImagePage(
  db: Db,
  page: number,
): Promise<{ images: MediaImage[]; total: number }> {
  const rows = await listImages(db, IMAGES_PER_PAGE, (page - 1) * IMAGES_PER_PAGE);
  return { images: await withVariants(db, rows), total: await countImages(db) };
}

export async function getImage(db: Db, id: string): Promise<MediaImage> {
  const row = (await findImages(db, [id]))[0];
  if (!row) throw new AppError("not_found");
  return (await withVariants(db, [row]))[0]!;
}

export async function changeImageAlt(
  db: Db,
  id: string,
  alt: Partial<Record<Locale, string>>,
  now: () => Date,
): Promise<MediaImage> {
  const row = await updateImageAlt(db, id, { alt_vi: alt.vi, alt_en: alt.en }, now());
  if (!row) throw new AppError("not_found");
  return (await withVariants(db, [row]))[0]!;
}

function srcset(variants: readonly VariantRow[], format: ImageFormat): string {
  return variants
    .filter((v) => v.format === format)
    .map((v) => `${variantPath(v)} ${v.width}w`)
    .join(", ");
}

/**
 * The pictures of these images, by id; an id that names no image (or is no id at all) is left out,
 * so a page shows what exists rather than failing.
 */
export async function getPictures(db: Db, ids: readonly string[]): Promise<Map<string, Picture>> {
  const wanted = [
    ...new Set(ids.map((id) => id.toLowerCase()).filter((id) => uuidPattern.test(id))),
  ];
  const rows = await findImages(db, wanted);
  const variants = groupByImage(
    await findVariants(
      db,
      rows.map((row) => row.id),
    ),
  );
  const pictures = new Map<string, Picture>();
  for (const row of rows) {
    const own = variants.get(row.id) ?? [];
    const largest = own
      .filter((v) => v.format === "jpeg")
      .reduce((a, b) => (b.width > a.width ? b : a));
    pictures.set(row.id, {
      id: row.id,
      alt: { vi: row.alt_vi, en: row.alt_en },
      width: largest.width,
      height: largest.height,
      src: variantPath(previewOf(own)),
      sources: [
        { type: "image/webp", srcset: srcset(own, "webp") },
        { type: "image/jpeg", srcset: srcset(own, "jpeg") },
      ],
    });
  }
  return pictures;
}

/** A file at /media/<id>/<name>, by the parts of its address. */
export interface MediaFile {
  bytes: Buffer;
  contentType: "image/webp" | "image/jpeg";
  /** The file's SHA-256: its ETag. */
  sha256: string;
}

const fileNamePattern = /^([1-9][0-9]{0,4})\.([0-9a-f]{16})\.(webp|jpg)$/;

/**
 * The file at /media/<id>/<name>, or undefined for any address that is not exactly one a variant
 * is served at (an old hash included: the address of a file never serves other bytes).
 */
export async function readMediaFile(
  db: Db,
  imageId: string,
  fileName: string,
): Promise<MediaFile | undefined> {
  const match = fileNamePattern.exec(fileName);
  if (!match || !uuidPattern.test(imageId)) return undefined;
  const [, width, hash, extension] = match;
  const format: ImageFormat = extension === "webp" ? "webp" : "jpeg";
  const file = await findVariantFile(db, imageId, format, Number(width));
  if (!file || file.sha256.slice(0, hashLength) !== hash) return undefined;
  return { bytes: file.bytes, contentType: contentTypes[format], sha256: file.sha256 };
}
