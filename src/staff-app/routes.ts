// The staff app (app/, built by `vite build` into dist/app/) served under /app/. Files whose
// names carry a content hash (assets/) are cached for a year; the page, the service worker and the
// manifest are revalidated on every load, so a new release reaches phones at their next start.
// Without a build, /app/ answers 503 with a page that says how to make one.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { zText } from "../lib/input.js";
import { firstLoadInlineSources, type InlineSources } from "./first-load.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Where the built app is: beside the compiled server (dist/staff-app → dist/app) under
 * `npm start`, or in dist/app at the repository's root when the server runs from src/ (tests, tsx).
 */
export function builtAppCandidates(): string[] {
  return [path.resolve(here, "../app"), path.resolve(here, "../../dist/app")];
}

/**
 * The inline stylesheets and scripts the built app's first page may use, as CSP sources
 * (first-load.ts).
 */
export function staffAppInlineSources(): InlineSources {
  return firstLoadInlineSources(
    builtAppCandidates().filter((dir) => existsSync(path.join(dir, "index.html"))),
  );
}

const immutable = "public, max-age=31536000, immutable";
const revalidate = "no-cache";

// Plain HTML: the Content-Security-Policy (src/http/security-headers.ts) allows no inline style.
const notBuiltPage = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Peerlink — ứng dụng chưa được build</title></head>
<body>
<h1>Ứng dụng cho nhân viên chưa được build</h1>
<p>Máy chủ không tìm thấy thư mục <code>dist/app</code>. Hãy chạy <code>npm run build</code> rồi khởi động lại máy chủ.</p>
<h2 lang="en">The staff app has not been built</h2>
<p lang="en">The server found no <code>dist/app</code> directory. Run <code>npm run build</code>, then restart the server.</p>
</body></html>
`;

const ZFileParamsSchema = z.object({ "*": zText() });

export const staffAppRoutes: FastifyPluginAsyncZod<{ root?: string }> = async (app, options) => {
  const candidates = options.root ? [options.root] : builtAppCandidates();
  const builtRoot = () => candidates.find((dir) => existsSync(path.join(dir, "index.html")));

  await app.register(fastifyStatic, {
    root: builtRoot() ?? candidates[candidates.length - 1]!,
    serve: false,
    // The site sends no other files through @fastify/static; keep reply.sendFile to this plugin.
    decorateReply: true,
    // The build writes a .br and a .gz beside each text file (scripts/compress-assets.mjs): the
    // one the browser accepts is sent, with no compressing per request.
    preCompressed: true,
  });

  const send = (reply: FastifyReply, file: string) => {
    const root = builtRoot();
    if (!root)
      return reply
        .code(503)
        .header("cache-control", "no-store")
        .type("text/html; charset=utf-8")
        .send(notBuiltPage);
    reply.header("cache-control", file.startsWith("assets/") ? immutable : revalidate);
    return reply.sendFile(file, root, { cacheControl: false });
  };

  const config = { action: "public" } as const;

  app.get("/app", { config }, async (_request, reply) => reply.redirect("/app/", 301));
  // A load over the network gets the page with the sign-in form in its HTML, usable before the
  // script arrives (scripts/first-load-page.mjs); the service worker keeps index.html for later.
  app.get("/app/", { config }, async (_request, reply) => {
    const root = builtRoot();
    return send(
      reply,
      root && existsSync(path.join(root, "first.html")) ? "first.html" : "index.html",
    );
  });
  app.get("/app/*", { config, schema: { params: ZFileParamsSchema } }, async (request, reply) =>
    send(reply, request.params["*"]),
  );
};
