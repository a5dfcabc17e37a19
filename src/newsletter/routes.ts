// The newsletter's public pages, in each language (/vi/ban-tin/…, /en/newsletter/…): the sign-up
// form's POST (a form post, no JavaScript needed), the confirmation link, the preferences page,
// the unsubscribe page and its POST — which is also RFC 8058's one-click unsubscribe, taken
// without any cookie or CSRF token and idempotent — and a subscriber's data as a JSON file.
// Forms are refused when the browser says they came from another site (Sec-Fetch-Site, Origin);
// the one-click POST comes from mail providers' servers and is exempt.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { type Locale, locales } from "../lib/i18n.js";
import { zText } from "../lib/input.js";
import { zAddress } from "../mail/address.js";
import { getHome, pick } from "../programmes/service.js";
import { newsletterPath, pagePath } from "../site/paths.js";
import { type NewsletterPageView, renderNewsletterPage } from "./pages/pages.js";
import type { TopicChoice } from "./pages/sign-up-form.js";
import {
  confirm,
  eraseSubscriber,
  exportSubscriber,
  findByToken,
  leave,
  type NewsletterContext,
  savePreferences,
  signUp,
} from "./subscribers.js";

/** A form of these pages is a few fields: a few kilobytes at most. */
const FORM_BODY_LIMIT = 8 * 1024;

/** One value or several of the same name (checkboxes), as a list. */
const zList = () =>
  z
    .union([zText().max(120), z.array(zText().max(120)).max(50)])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));

const ZSignUpBodySchema = z.object({
  address: zAddress(),
  locale: z.enum(locales, { message: "invalid" }).optional(),
  topics: zList(),
  website: zText().max(200).optional(),
});

const ZPreferencesBodySchema = z.object({
  do: z.enum(["save", "leave", "erase"], { message: "invalid" }).default("save"),
  locale: z.enum(locales, { message: "invalid" }).optional(),
  topics: zList(),
});

const ZTokenQuerySchema = z.object({ t: zText().max(200).default("") });

/** A form body: `a=1&b=2&b=3` as `{ a: "1", b: ["2", "3"] }`. */
function parseForm(body: string): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const existing = form[name];
    form[name] = existing === undefined ? value : [...[existing].flat(), value];
  }
  return form;
}

/** A form posted from another site is refused: the browser says where it came from. */
function checkSameSite(request: FastifyRequest, publicUrl: string) {
  const site = request.headers["sec-fetch-site"];
  if (typeof site === "string") {
    if (site === "same-origin" || site === "none") return;
  } else {
    const origin = request.headers.origin;
    const own = [new URL(publicUrl).origin, `${request.protocol}://${request.host}`];
    if (origin === undefined || own.includes(origin)) return;
  }
  throw new AppError("forbidden", { parameter: "origin", reason: "cross_site_form" });
}

export const newsletterRoutes: FastifyPluginAsyncZod<{
  database: Database;
  publicUrl: string;
  context: NewsletterContext;
}> = async (app, { database, publicUrl, context }) => {
  const { db } = database;

  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: FORM_BODY_LIMIT },
    (_request, body, done) => done(null, parseForm(body as string)),
  );
  // RFC 8058 lets a mail provider send the one-click POST as multipart/form-data: its content
  // ("List-Unsubscribe=One-Click") says nothing the address does not, so it is read and set aside.
  app.addContentTypeParser(
    "multipart/form-data",
    { parseAs: "string", bodyLimit: FORM_BODY_LIMIT },
    (_request, _body, done) => done(null, {}),
  );

  async function topicsOf(locale: Locale): Promise<TopicChoice[]> {
    const home = await getHome(db);
    return home.projects.map((project) => ({
      slug: project.slug,
      name: pick(project.name, locale),
    }));
  }

  async function send(
    reply: FastifyReply,
    locale: Locale,
    view: NewsletterPageView,
    cacheControl = "no-store",
  ) {
    const home = await getHome(db);
    const html = renderNewsletterPage({
      locale,
      publicUrl,
      organisation: home.organisation,
      view,
    });
    return reply
      .header("cache-control", cacheControl)
      .header("referrer-policy", "no-referrer")
      .type("text/html; charset=utf-8")
      .send(html);
  }

  for (const locale of locales) {
    const base = pagePath({ kind: "newsletter" }, locale);
    const known = async (chosen: string[]) => {
      const slugs = new Set((await topicsOf(locale)).map((topic) => topic.slug));
      return [...new Set(chosen)].filter((slug) => slugs.has(slug));
    };

    app.get(base, async (_request, reply) =>
      send(reply, locale, { kind: "sign_up", topics: await topicsOf(locale) }, "public, no-cache"),
    );

    app.post(
      base,
      { bodyLimit: FORM_BODY_LIMIT, schema: { body: ZSignUpBodySchema } },
      async (request, reply) => {
        checkSameSite(request, publicUrl);
        const body = request.body;
        const referer = request.headers.referer;
        const page = referer && URL.canParse(referer) ? new URL(referer).pathname : base;
        await signUp(
          db,
          context,
          {
            address: body.address,
            locale: body.locale ?? locale,
            topics: await known(body.topics),
            page,
            honeypot: body.website ?? "",
            ip: request.ip,
          },
          new Date(),
        );
        return send(reply, locale, { kind: "check_mail" });
      },
    );

    app.get(
      newsletterPath(locale, "confirm"),
      { schema: { querystring: ZTokenQuerySchema } },
      async (request, reply) => {
        const confirmed = await confirm(db, context, request.query.t, new Date());
        return send(
          reply,
          confirmed?.locale ?? locale,
          confirmed ? { kind: "confirmed", token: confirmed.token } : { kind: "invalid" },
        );
      },
    );

    app.get(
      newsletterPath(locale, "preferences"),
      { schema: { querystring: ZTokenQuerySchema } },
      async (request, reply) => {
        const subscriber = await findByToken(db, context, request.query.t);
        if (!subscriber) return send(reply, locale, { kind: "invalid" });
        const topics = await topicsOf(locale);
        return send(reply, locale, { kind: "preferences", subscriber, topics, saved: false });
      },
    );

    app.post(
      newsletterPath(locale, "preferences"),
      {
        bodyLimit: FORM_BODY_LIMIT,
        schema: { querystring: ZTokenQuerySchema, body: ZPreferencesBodySchema },
      },
      async (request, reply) => {
        checkSameSite(request, publicUrl);
        const now = new Date();
        const subscriber = await findByToken(db, context, request.query.t);
        if (!subscriber) return send(reply, locale, { kind: "invalid" });
        const body = request.body;
        if (body.do === "erase") {
          await eraseSubscriber(db, context, subscriber.id);
          return send(reply, locale, { kind: "erased" });
        }
        if (body.do === "leave") {
          await leave(db, subscriber, now);
          return send(reply, locale, { kind: "unsubscribe", token: subscriber.token, done: true });
        }
        const preferences = {
          locale: body.locale ?? subscriber.locale,
          topics: await known(body.topics),
        };
        await savePreferences(db, subscriber, preferences, now);
        const saved = (await findByToken(db, context, subscriber.token))!;
        const shown = preferences.locale;
        return send(reply, shown, {
          kind: "preferences",
          subscriber: saved,
          topics: await topicsOf(shown),
          saved: true,
        });
      },
    );

    app.get(
      newsletterPath(locale, "unsubscribe"),
      { schema: { querystring: ZTokenQuerySchema } },
      async (request, reply) => {
        // A GET never unsubscribes: link checkers of mail providers open every link.
        const subscriber = await findByToken(db, context, request.query.t);
        if (!subscriber) return send(reply, locale, { kind: "invalid" });
        return send(reply, locale, {
          kind: "unsubscribe",
          token: subscriber.token,
          done: subscriber.status === "left",
        });
      },
    );

    app.post(
      newsletterPath(locale, "unsubscribe"),
      { bodyLimit: FORM_BODY_LIMIT, schema: { querystring: ZTokenQuerySchema } },
      async (request, reply) => {
        const subscriber = await findByToken(db, context, request.query.t);
        if (!subscriber) return send(reply, locale, { kind: "invalid" });
        await leave(db, subscriber, new Date());
        return send(reply, locale, { kind: "unsubscribe", token: subscriber.token, done: true });
      },
    );

    app.get(
      newsletterPath(locale, "data"),
      { schema: { querystring: ZTokenQuerySchema } },
      async (request, reply) => {
        const subscriber = await findByToken(db, context, request.query.t);
        if (!subscriber) throw new AppError("not_found", { detail: "no subscriber for this link" });
        const data = await exportSubscriber(db, context, subscriber.id);
        return reply
          .header("cache-control", "no-store")
          .header("content-disposition", 'attachment; filename="newsletter.json"')
          .type("application/json; charset=utf-8")
          .send(JSON.stringify(data, null, 2));
      },
    );
  }
};
