import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import Fastify from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { describe, expect, it } from "vitest";
import { staffAppRoutes } from "./routes.js";

async function serve(root: string) {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(staffAppRoutes, { root });
  return app;
}

function builtApp(): string {
  const root = mkdtempSync(path.join(tmpdir(), "peerlink-app-"));
  mkdirSync(path.join(root, "assets"));
  writeFileSync(path.join(root, "index.html"), "<!doctype html><title>Peerlink</title>");
  writeFileSync(path.join(root, "sw.js"), "self.addEventListener('fetch', () => {});");
  writeFileSync(path.join(root, "assets", "index-Ab12Cd34.js"), "console.log(1)");
  return root;
}

describe("the staff app's files", () => {
  it("serves the page and the service worker revalidated, hashed assets cached for a year", async () => {
    const app = await serve(builtApp());
    const page = await app.inject("/app/");
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toMatch(/text\/html/);
    expect(page.headers["cache-control"]).toBe("no-cache");
    const worker = await app.inject("/app/sw.js");
    expect(worker.headers["cache-control"]).toBe("no-cache");
    expect(worker.headers["content-type"]).toMatch(/javascript/);
    const asset = await app.inject("/app/assets/index-Ab12Cd34.js");
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect((await app.inject("/app")).headers.location).toBe("/app/");
    expect((await app.inject("/app/nothing.js")).statusCode).toBe(404);
    expect((await app.inject("/app/../package.json")).statusCode).not.toBe(200);
  });

  it("answers /app/ with the page that has the sign-in form in its HTML, when the build made one", async () => {
    const root = builtApp();
    expect((await (await serve(root)).inject("/app/")).body).not.toContain("data-first-load");
    writeFileSync(path.join(root, "first.html"), "<!doctype html><main data-first-load></main>");
    const app = await serve(root);
    const page = await app.inject("/app/");
    expect(page.body).toContain("data-first-load");
    expect(page.headers["cache-control"]).toBe("no-cache");
    // What the service worker keeps, and opens offline, is the plain page.
    expect((await app.inject("/app/index.html")).body).not.toContain("data-first-load");
  });

  it("sends the build's brotli or gzip copy of a file to a browser that accepts it", async () => {
    const root = builtApp();
    const code = `export const app = ${JSON.stringify("Peerlink ".repeat(400))};`;
    const file = path.join(root, "assets", "index-Ef56Gh78.js");
    writeFileSync(file, code);
    writeFileSync(`${file}.br`, brotliCompressSync(code));
    writeFileSync(`${file}.gz`, gzipSync(code));
    const app = await serve(root);
    const url = "/app/assets/index-Ef56Gh78.js";
    const br = await app.inject({ url, headers: { "accept-encoding": "gzip, br" } });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(code);
    const gz = await app.inject({ url, headers: { "accept-encoding": "gzip" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.rawPayload).toString()).toBe(code);
    const plain = await app.inject({ url });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(code);
  });

  it("answers 503 with instructions when the app has not been built", async () => {
    const app = await serve(path.join(tmpdir(), "peerlink-no-such-build"));
    const page = await app.inject("/app/");
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain("npm run build");
    expect((await app.inject("/app/assets/x.js")).statusCode).toBe(503);
  });
});
