import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
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

  it("answers 503 with instructions when the app has not been built", async () => {
    const app = await serve(path.join(tmpdir(), "peerlink-no-such-build"));
    const page = await app.inject("/app/");
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain("npm run build");
    expect((await app.inject("/app/assets/x.js")).statusCode).toBe(503);
  });
});
