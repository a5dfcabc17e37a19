// The actor of a request, as the audit log records it: the signed-in user and the client's
// address (X-Forwarded-For only from the proxies TRUST_PROXY names).
import type { FastifyRequest } from "fastify";
import { AppError } from "../lib/errors.js";
import type { Actor } from "./service.js";

/** For routes whose action needs a user: the auth plugin has already refused anyone else. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.user) throw new AppError("unauthenticated");
  return { channel: "api", userId: request.user.id, address: request.ip };
}
