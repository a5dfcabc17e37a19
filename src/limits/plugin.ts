// Puts each request under its class's limits (./limits.ts): every statement it sends runs with the
// class's statement timeout, and an answer past the class's size is refused rather than sent.
// Registered before every other plugin, so the session look-up is limited too.
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { routeAction } from "../auth/plugin.js";
import { withStatementTimeout } from "../db/statement-timeout.js";
import { AppError } from "../lib/errors.js";
import { type RequestClass, type RequestLimits, requestClasses, requestClassOf } from "./limits.js";

export interface LimitsPluginOptions {
  /** Other limits for some classes (tests make a class's limits small enough to meet). */
  classes?: Partial<Record<RequestClass, RequestLimits>>;
}

/** A size as people read it: whole megabytes, or kilobytes under one. */
const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${Math.floor(bytes / (1024 * 1024))} MB`
    : `${Math.ceil(bytes / 1024)} KB`;

function byteLength(payload: unknown): number | undefined {
  if (typeof payload === "string") return Buffer.byteLength(payload);
  if (payload instanceof Uint8Array) return payload.byteLength;
  // Streams (the staff app's files) are files of ours, not answers computed from a request.
  return undefined;
}

const plugin: FastifyPluginAsync<LimitsPluginOptions> = async (app, options) => {
  const classes = { ...requestClasses, ...options.classes };
  const limitsOf = (request: FastifyRequest): RequestLimits => {
    const url = request.routeOptions.url;
    const action = url === undefined ? undefined : routeAction(url, request.routeOptions.config);
    return classes[requestClassOf(action)];
  };
  const limited = (request: FastifyRequest, _reply: unknown, done: () => void) =>
    withStatementTimeout(limitsOf(request).statementTimeoutMs, done);
  app.addHook("onRequest", limited);
  // A body is read from the socket's events, which do not carry the request's context on to the
  // handler: it is entered again once the body is parsed.
  app.addHook("preValidation", limited);

  app.addHook("onSend", async (request, _reply, payload) => {
    const { maxAnswerBytes } = limitsOf(request);
    const size = byteLength(payload);
    if (size !== undefined && size > maxAnswerBytes) {
      throw new AppError("answer_too_large", {
        values: { max: sizeText(maxAnswerBytes) },
        detail: `an answer of ${size} bytes was refused (its class allows ${maxAnswerBytes}); a limit on input is missing`,
      });
    }
    return payload;
  });
};

export const limitsPlugin = fp(plugin, { name: "peerlink-limits" });
