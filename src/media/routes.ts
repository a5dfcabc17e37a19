// Images over HTTP. For editors and administrators (`content.manage`): POST /api/media (one image
// as multipart/form-data with its alt texts), GET /api/media (a page, newest first),
// GET and PATCH /api/media/:id (alt texts). For everyone: the files, at
// /media/<id>/<width>.<hash>.<webp|jpg>, cached for a year (the hash changes with the bytes).
//
// An upload is refused before it is read when its Content-Length says it is too large, and while
// it is read when it is sent without one; the multipart parser is registered for these routes
// only, so no other route accepts a file.
import { Readable } from "node:stream";
import multipart from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { zText } from "../lib/input.js";
import { maxImageBytes } from "../limits/limits.js";
import {
  changeImageAlt,
  getImage,
  listImagePage,
  type MediaImage,
  type NewImage,
  readMediaFile,
  uploadImage,
} from "./service.js";

export const MAX_ALT_LENGTH = 300;

/** Room in a request for the alt texts, the part headers and the boundaries beside the file. */
const multipartOverheadBytes = 64 * 1024;

const zAlt = (required: "alt_vi_required" | "alt_en_required") =>
  zText({ message: required }).trim().min(1, required).max(MAX_ALT_LENGTH, "alt_too_long");

export const ZAltFieldsSchema = z
  .object({ alt_vi: zAlt("alt_vi_required"), alt_en: zAlt("alt_en_required") })
  .strict();

export const ZAltChangesBodySchema = ZAltFieldsSchema.partial().strict();

export const ZImageViewSchema = z.object({
  id: z.string(),
  alt: z.object({ vi: z.string(), en: z.string() }),
  width: z.number(),
  height: z.number(),
  url: z.string(),
  created_at: z.string(),
});
export type TImageView = z.infer<typeof ZImageViewSchema>;

const ZImageAnswerSchema = z.object({ image: ZImageViewSchema });
const ZImageParamsSchema = z.object({ id: z.uuid({ message: "invalid" }) });
const ZImagesQuerySchema = z
  .object({
    page: z.coerce
      .number({ message: "invalid" })
      .int("invalid")
      .min(1, "invalid")
      .max(100_000, "invalid")
      .default(1),
    lang: z.enum(["vi", "en"], { message: "invalid" }).optional(),
  })
  .strict();
// Any text: an address that is not a file's is a 404, like any other unknown address.
const ZFileParamsSchema = z.object({ id: zText(), file: zText() });

function presentImage(image: MediaImage): TImageView {
  return {
    id: image.id,
    alt: image.alt,
    width: image.width,
    height: image.height,
    url: image.url,
    created_at: image.createdAt.toISOString(),
  };
}

const fileTooLarge = () =>
  new AppError("file_too_large", { values: { max: `${maxImageBytes / (1024 * 1024)} MB` } });

/** Refuses a request whose declared length is past the limit, before a byte of it is read. */
async function refuseDeclaredTooLarge(request: FastifyRequest) {
  const declared = Number(request.headers["content-length"]);
  if (declared > maxImageBytes + multipartOverheadBytes) throw fileTooLarge();
}

/** The multipart parser's refusals, as errors that say what to do. */
function uploadError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  switch ((error as { code?: string }).code) {
    case "FST_REQ_FILE_TOO_LARGE":
      return fileTooLarge();
    case "FST_FILES_LIMIT":
      return new AppError("invalid_parameter", { parameter: "file", reason: "one_file" });
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
      return new AppError("invalid_body", { reason: "multipart_expected" });
    default:
      // Busboy's own errors (a form cut short, a part without headers): the body is malformed.
      return new AppError("invalid_body", {
        reason: "multipart_expected",
        detail: `multipart body refused: ${(error as Error).message}`,
      });
  }
}

/** The upload's file and alt texts, read from the multipart body and checked. */
async function readUpload(request: FastifyRequest): Promise<NewImage> {
  let bytes: Buffer | undefined;
  const fields: Record<string, string> = {};
  try {
    const parts = request.parts({
      limits: {
        fileSize: maxImageBytes,
        files: 1,
        // One more than the form has, so that a field it does not have is refused by its name.
        fields: 3,
        fieldSize: MAX_ALT_LENGTH * 4 + 1,
      },
    });
    for await (const part of parts) {
      if (!["file", "alt_vi", "alt_en"].includes(part.fieldname)) {
        throw new AppError("invalid_parameter", {
          parameter: part.fieldname.slice(0, 40),
          reason: "unknown_parameter",
        });
      }
      if (part.type === "file") {
        if (part.fieldname !== "file") {
          throw new AppError("invalid_parameter", { parameter: part.fieldname, reason: "invalid" });
        }
        bytes = await part.toBuffer();
      } else if (part.fieldname === "file") {
        // Text where the image should be: a form whose file input sent no file.
        throw new AppError("invalid_parameter", { parameter: "file", reason: "file_required" });
      } else {
        if (part.valueTruncated) {
          throw new AppError("invalid_parameter", {
            parameter: part.fieldname,
            reason: "alt_too_long",
          });
        }
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    throw uploadError(error);
  }
  const alt = ZAltFieldsSchema.safeParse(fields);
  if (!alt.success) {
    const issue = alt.error.issues[0]!;
    throw new AppError("invalid_parameter", {
      parameter: String(issue.path[0] ?? "alt_vi"),
      reason: issue.message,
    });
  }
  if (!bytes || bytes.byteLength === 0) {
    throw new AppError("invalid_parameter", { parameter: "file", reason: "file_required" });
  }
  return { bytes, alt: { vi: alt.data.alt_vi, en: alt.data.alt_en } };
}

const now = () => new Date();

export const mediaRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  const { db } = database;
  const config = { action: "content.manage" } as const;
  // Busboy's own limit sits above ours, which readUpload sets per request.
  await app.register(multipart, { limits: { fileSize: maxImageBytes, files: 1 } });

  app.post(
    "/api/media",
    {
      config,
      onRequest: refuseDeclaredTooLarge,
      schema: { response: { 200: ZImageAnswerSchema, 201: ZImageAnswerSchema } },
    },
    async (request, reply) => {
      const upload = await readUpload(request);
      const { image, created } = await uploadImage(db, upload, request.user?.id ?? null, now);
      return reply.code(created ? 201 : 200).send({ image: presentImage(image) });
    },
  );

  app.get(
    "/api/media",
    {
      config,
      schema: {
        querystring: ZImagesQuerySchema,
        response: { 200: z.object({ images: z.array(ZImageViewSchema), total: z.number() }) },
      },
    },
    async (request) => {
      const { images, total } = await listImagePage(db, request.query.page);
      return { images: images.map(presentImage), total };
    },
  );

  app.get(
    "/api/media/:id",
    { config, schema: { params: ZImageParamsSchema, response: { 200: ZImageAnswerSchema } } },
    async (request) => ({ image: presentImage(await getImage(db, request.params.id)) }),
  );

  app.patch(
    "/api/media/:id",
    {
      config,
      schema: {
        params: ZImageParamsSchema,
        body: ZAltChangesBodySchema,
        response: { 200: ZImageAnswerSchema },
      },
    },
    async (request) => {
      const { alt_vi, alt_en } = request.body;
      const image = await changeImageAlt(db, request.params.id, { vi: alt_vi, en: alt_en }, now);
      return { image: presentImage(image) };
    },
  );

  app.get(
    "/media/:id/:file",
    { config: { action: "public" }, schema: { params: ZFileParamsSchema } },
    async (request, reply) => {
      const file = await readMediaFile(db, request.params.id, request.params.file);
      if (!file) throw new AppError("not_found");
      const etag = `"${file.sha256}"`;
      reply
        .header("cache-control", "public, max-age=31536000, immutable")
        .header("etag", etag)
        .header("x-content-type-options", "nosniff")
        .type(file.contentType);
      if (request.headers["if-none-match"] === etag) return reply.code(304).send();
      // A stream, with its length: a stored file of ours, not an answer computed from the request,
      // so the public class's answer bound (2 MiB) does not apply to a large, detailed photo.
      return reply
        .header("content-length", file.bytes.byteLength)
        .send(Readable.from([file.bytes]));
    },
  );
};
