// The language to answer a request in: the page's own (/vi/…, /en/…), then ?lang=, then the
// Accept-Language the client sent (the staff app sends its own language switch's), then the
// signed-in user's chosen language, then Vietnamese.
import type { FastifyRequest } from "fastify";
import { isLocale, type Locale, localeFromAcceptLanguage } from "./i18n.js";

export function requestLocale(request: FastifyRequest): Locale {
  const prefix = request.url.split("/")[1];
  if (isLocale(prefix)) return prefix;
  const lang = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(lang)) return lang;
  const accepted = request.headers["accept-language"];
  if (accepted || !request.user) return localeFromAcceptLanguage(accepted);
  return request.user.locale;
}
