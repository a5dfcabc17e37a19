// Every request's text is checked once, before any route's schema sees it: each string in the
// path's parameters, the query and a JSON body (names included) must be storable text of at most
// MAX_TEXT_LENGTH characters (src/lib/input.ts), and a JSON body must be valid UTF-8 — Node would
// otherwise replace broken bytes with "�" without a word. A refusal is a 400 that names the
// parameter and says why in the caller's language, so no such value can reach the database and
// come back as a 500, whether or not the route's schema thought of it.
import { isUtf8 } from "node:buffer";
import type { FastifyPluginAsync } from "fastify";
import fp from "fastify-plugin";
import { AppError } from "../lib/errors.js";
import { MAX_TEXT_LENGTH, textProblem } from "../lib/input.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * The route checks the text inside its JSON body itself, item by item, so that one bad item
     * is refused alone (sync push: a change is rejected by its id, the rest of the batch goes on).
     * Its path and query are still checked here.
     */
    bodyTextCheckedPerItem?: boolean;
    /**
     * The longest string the route's JSON body may hold, when its own schema allows more than
     * MAX_TEXT_LENGTH (a page's Markdown body); path and query keep the usual bound.
     */
    bodyTextMaxLength?: number;
  }
}

/** The first string in `value` (a key or a value, at any depth) that cannot be stored. */
function findBadText(
  value: unknown,
  root: string,
  maxLength = MAX_TEXT_LENGTH,
): AppError | undefined {
  // A loop rather than recursion: a body nested thousands deep must not exhaust the stack.
  const pending: { value: unknown; path: string }[] = [{ value, path: root }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (typeof next.value === "string") {
      const refusal = refuseText(next.value, next.path || "body", maxLength);
      if (refusal) return refusal;
    } else if (Array.isArray(next.value)) {
      next.value.forEach((item, index) => {
        pending.push({ value: item, path: join(next.path, String(index)) });
      });
    } else if (next.value !== null && typeof next.value === "object") {
      for (const [key, item] of Object.entries(next.value)) {
        // A name that cannot be stored is named by where it is, not by itself.
        const refusal = refuseText(key, next.path || "body", maxLength);
        if (refusal) return refusal;
        pending.push({ value: item, path: join(next.path, key) });
      }
    }
  }
  return undefined;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function refuseText(text: string, parameter: string, maxLength: number): AppError | undefined {
  if (text.length > maxLength) {
    return new AppError("invalid_parameter", {
      parameter,
      reason: "text_too_long",
      values: { max: maxLength },
    });
  }
  const problem = textProblem(text);
  return problem ? new AppError("invalid_parameter", { parameter, reason: problem }) : undefined;
}

const plugin: FastifyPluginAsync = async (app) => {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
    const bytes = body as Buffer;
    if (!isUtf8(bytes)) {
      done(new AppError("invalid_body", { reason: "invalid_utf8" }), undefined);
      return;
    }
    parseJson(request, bytes.toString("utf8"), done);
  });

  app.addHook("preValidation", async (request) => {
    const { bodyTextCheckedPerItem, bodyTextMaxLength } = request.routeOptions.config;
    const refusal =
      findBadText(request.params, "") ??
      findBadText(request.query, "") ??
      (bodyTextCheckedPerItem ? undefined : findBadText(request.body, "", bodyTextMaxLength));
    if (refusal) throw refusal;
  });
};

/** Registered before any route, so that every route's requests are checked. */
export const inputGuard = fp(plugin, { name: "peerlink-input-guard" });
