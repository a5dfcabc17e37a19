// The language to answer a request in: the page's own (/vi/…, /en/…), then ?lang=, then the
// signed-in user's chosen language, then the browser's Accept-Language, then Vietnamese.
import type { FastifyRequest } from "fastify";
import { isLocale, type Locale, localeFromAcceptLanguage } from "./i18n.js";

export function requestLocale(request: FastifyRequest): Locale {
  const prefix = request.url.split("/")[1];
  if (isLocale(prefix)) return prefix;
  const lang = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(lang)) return lang;
  if (request.user) return request.user.locale;
  return localeFromAcceptLanguage(request.headers["accept-language"]);
}
