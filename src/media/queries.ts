// The SQL of images and their variants (migration 0020).
//
// A variant's bytes cross to and from the database as base64 text, decoded and encoded by the
// database: PGlite turns a bytea parameter or result into hex text in JavaScript, which for a
// megabyte takes 1.5 to 2 s going in and 0.4 to 0.7 s coming out, against 0.2 s and 0.03 to 0.14 s
// as base64 (measured on the 2-core machine of docs/benchmarks.md) — while PGlite's one connection
// waits for it. On PostgreSQL, base64 is a third more to send, and nothing else.
import { sql } from "kysely";
import type { Db } from "../db/connection.js";
import type { ImageFormat } from "../db/schema.js";

export interface ImageRow {
  id: string;
  alt_vi: string;
  alt_en: string;
  width: number;
  height: number;
  created_at: Date;
}

/** A variant without its bytes: what an address and a srcset need. */
export interface VariantRow {
  image_id: string;
  format: ImageFormat;
  width: number;
  height: number;
  sha256: string;
}

const imageColumns = ["id", "alt_vi", "alt_en", "width", "height", "created_at"] as const;
const variantColumns = ["image_id", "format", "width", "height", "sha256"] as const;

export function findImageBySha256(db: Db, sha256: string): Promise<ImageRow | undefined> {
  return db
    .selectFrom("images")
    .select(imageColumns)
    .where("original_sha256", "=", sha256)
    .executeTakeFirst();
}

/** Stores an image and its variants; false when an image of the same original is stored. */
export async function insertImage(
  db: Db,
  image: {
    id: string;
    alt_vi: string;
    alt_en: string;
    width: number;
    height: number;
    original_sha256: string;
    uploaded_by: string | null;
    created_at: Date;
  },
  variants: readonly {
    format: ImageFormat;
    width: number;
    height: number;
    bytes: Buffer;
    sha256: string;
  }[],
): Promise<boolean> {
  // Inside a caller's transaction (the demo's load), within it; otherwise in one of its own.
  const inTransaction = <T>(work: (trx: Db) => Promise<T>) =>
    db.isTransaction ? work(db) : db.transaction().execute(work);
  return inTransaction(async (trx) => {
    // The same file sent twice at once: the first stores it, the second finds it stored.
    const inserted = await trx
      .insertInto("images")
      .values({ ...image, updated_at: image.created_at })
      .onConflict((oc) => oc.column("original_sha256").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return false;
    await trx
      .insertInto("image_variants")
      .values(variants.map((v) => ({ ...v, image_id: image.id, size: v.bytes.byteLength })))
      .execute();
    return true;
  });
}

export function findImages(db: Db, ids: readonly string[]): Promise<ImageRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom("images").select(imageColumns).where("id", "in", ids).execute();
}

/** A page of images, newest first. */
export function listImages(db: Db, limit: number, offset: number): Promise<ImageRow[]> {
  return db
    .selectFrom("images")
    .select(imageColumns)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countImages(db: Db): Promise<number> {
  const row = await db
    .selectFrom("images")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findVariants(db: Db, imageIds: readonly string[]): Promise<VariantRow[]> {
  if (imageIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("image_variants")
    .select(variantColumns)
    .where("image_id", "in", imageIds)
    .orderBy("width")
    .execute();
}

export function updateImageAlt(
  db: Db,
  id: string,
  changes: { alt_vi?: string; alt_en?: string },
  at: Date,
): Promise<ImageRow | undefined> {
  return db
    .updateTable("images")
    .set({ ...changes, updated_at: at })
    .where("id", "=", id)
    .returning(imageColumns)
    .executeTakeFirst();
}

/** A variant's bytes, by its address's parts. */
export async function findVariantFile(
  db: Db,
  imageId: string,
  format: ImageFormat,
  width: number,
): Promise<{ bytes: Buffer; sha256: string } | undefined> {
  const row = await db
    .selectFrom("image_variants")
    .select([sql<string>`encode(bytes, 'base64')`.as("base64"), "sha256"])
    .where("image_id", "=", imageId)
    .where("format", "=", format)
    .where("width", "=", width)
    .executeTakeFirst();
  // The database writes base64 in lines of 76 characters; the decoder skips the line breaks.
  return row && { bytes: Buffer.from(row.base64, "base64"), sha256: row.sha256 };
}
