// The browser security headers of every answer — pages, API, the staff app's files, error pages —
// and the one rule for caching private answers. Registered before every route, so a new route has
// both without asking.
//
// The Content-Security-Policy allows only this server's own files: no inline script but the staff
// app's first page's under /app/ (the public pages and dashboards run none, the app's build has
// none), no inline style but the website's stylesheet on the site and the staff app's first
// page's under /app/, each allowed by its hash on its own pages only (src/site/stylesheet.ts,
// src/staff-app/first-load.ts; the other stylesheets are files, the dashboards' SVG charts use
// presentation attributes, not `style`),
// images from here or `data:` (the pages' empty favicon), no plugins, foreign frames or foreign forms,
// and no page of ours inside anyone's frame (but a newsletter preview inside the staff app's). `Cache-Control: no-store` goes on every answer that
// needs a session or is given to one, so no browser or proxy keeps personal data.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import helmet from "helmet";
import { routeAction } from "../auth/plugin.js";

/** The policy's directives; `upgrade-insecure-requests` is added when the site is served over https. */
const contentSecurityPolicyDirectives = {
  "default-src": ["'none'"],
  "script-src": ["'self'"],
  "style-src": ["'self'"],
  "img-src": ["'self'", "data:"],
  "font-src": ["'self'"],
  "connect-src": ["'self'"],
  "manifest-src": ["'self'"],
  "worker-src": ["'self'"],
  "form-action": ["'self'"],
  // The staff app frames one page of ours: a newsletter issue's preview (itself sandboxed).
  "frame-src": ["'self'"],
  "base-uri": ["'none'"],
  "frame-ancestors": ["'none'"],
} as const;

/**
 * Powerful browser features none of our pages uses, switched off for them and anything they
 * embed: a page that is ever made to run foreign script still cannot reach a camera or a location.
 */
const permissionsPolicy = [
  "accelerometer",
  "autoplay",
  "camera",
  "display-capture",
  "encrypted-media",
  "fullscreen",
  "geolocation",
  "gyroscope",
  "hid",
  "idle-detection",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "picture-in-picture",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/**
 * A year, for browsers that have seen the site over https. Not its subdomains: those are the
 * operator's other services, which may not all speak https.
 */
const hstsMaxAgeSeconds = 365 * 24 * 60 * 60;

export type ApplySecurityHeaders = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * The headers as one function of the raw request and response: the plugin's hook calls it for
 * every routed request, and the app's router-error handler for requests no route ever sees (an
 * address with a malformed %-escape).
 */
export function securityHeaders(options: {
  https: boolean;
  /** CSP sources (`'sha256-…'`) of the inline stylesheets allowed, each exactly. */
  inlineStyles?: readonly string[];
  /**
   * Inline stylesheets and scripts allowed under one path prefix instead of `inlineStyles` (the
   * staff app's first page under /app/): each page's policy names its own and no other.
   */
  inlineUnder?: { prefix: string; styles: readonly string[]; scripts: readonly string[] };
}): ApplySecurityHeaders {
  const middlewareAllowing = (
    inlineStyles: readonly string[],
    inlineScripts: readonly string[],
  ) => {
    const directives: Record<string, readonly string[]> = { ...contentSecurityPolicyDirectives };
    if (inlineStyles.length)
      directives["style-src"] = [...contentSecurityPolicyDirectives["style-src"], ...inlineStyles];
    if (inlineScripts.length)
      directives["script-src"] = [
        ...contentSecurityPolicyDirectives["script-src"],
        ...inlineScripts,
      ];
    if (options.https) directives["upgrade-insecure-requests"] = [];
    return helmet({
      contentSecurityPolicy: { useDefaults: false, directives },
      crossOriginOpenerPolicy: { policy: "same-origin" },
      crossOriginResourcePolicy: { policy: "same-origin" },
      referrerPolicy: { policy: "no-referrer" },
      strictTransportSecurity: options.https
        ? { maxAge: hstsMaxAgeSeconds, includeSubDomains: false }
        : false,
      xFrameOptions: { action: "deny" },
    });
  };
  const everywhere = middlewareAllowing(options.inlineStyles ?? [], []);
  const under = options.inlineUnder;
  const underPrefix = under ? middlewareAllowing(under.styles, under.scripts) : everywhere;
  return (request, response) => {
    const middleware = under && request.url?.startsWith(under.prefix) ? underPrefix : everywhere;
    middleware(request, response, (error) => {
      if (error) throw error;
    });
    response.setHeader("permissions-policy", permissionsPolicy);
  };
}

/**
 * Private: the route needs a session (any action but `public`), the caller is signed in, or the
 * answer sets a cookie (log-in, log-out).
 */
function isPrivate(request: FastifyRequest, reply: FastifyReply): boolean {
  const url = request.routeOptions.url;
  if (url !== undefined && routeAction(url, request.routeOptions.config) !== "public") return true;
  return request.user !== undefined || reply.hasHeader("set-cookie");
}

const headersPlugin: FastifyPluginAsync<{ apply: ApplySecurityHeaders }> = async (
  app,
  { apply },
) => {
  app.addHook("onRequest", async (request, reply) => {
    apply(request.raw, reply.raw);
  });
};

/** Registered first: every answer, a refused one included, carries the headers. */
export const securityHeadersPlugin = fp(headersPlugin, { name: "peerlink-security-headers" });

const privateAnswersPlugin: FastifyPluginAsync = async (app) => {
  app.addHook("onSend", async (request, reply, payload) => {
    if (isPrivate(request, reply)) reply.header("cache-control", "no-store");
    return payload;
  });
};

/**
 * A private answer is never stored by a browser or a proxy, whatever its route said. Registered
 * after the auth plugin, so that its hook runs after the cookie plugin has written Set-Cookie.
 */
export const noStorePrivateAnswers = fp(privateAnswersPlugin, {
  name: "peerlink-no-store-private-answers",
  dependencies: ["peerlink-auth"],
});
