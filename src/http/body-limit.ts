// A request body over its route's limit. Fastify answers 413 (FST_ERR_CTP_BODY_TOO_LARGE), which
// the app says as the sync push's "at most 500 changes, the app will split it" — right for the
// staff app, which splits and retries, and wrong for a donor's form or a gateway's notification.
// A route that sets `config.bodyTooLarge: "bad_request"` has the refusal said as a 400 that names
// its limit, in the caller's language, instead.
import type { FastifyRequest } from "fastify";
import { AppError } from "../lib/errors.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Say an over-size body as a 400 naming the route's limit, not the sync push's 413. */
    bodyTooLarge?: "bad_request";
  }
}

/** A byte count as people read it: "4 KB", "5 MB". */
export function formatBytes(bytes: number): string {
  const mib = 1024 * 1024;
  if (bytes >= mib) return `${Math.round((bytes / mib) * 10) / 10} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The route's own refusal of an over-size body, or undefined when it keeps the default. */
export function bodyTooLargeError(error: unknown, request: FastifyRequest): AppError | undefined {
  if ((error as { code?: string }).code !== "FST_ERR_CTP_BODY_TOO_LARGE") return undefined;
  if (request.routeOptions.config?.bodyTooLarge !== "bad_request") return undefined;
  return new AppError("body_too_large", {
    values: { max: formatBytes(request.routeOptions.bodyLimit ?? 0) },
  });
}
