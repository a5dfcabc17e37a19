// What the server loads at start: every module main.ts imports, and nothing of the libraries that
// only some requests need. Charts (ECharts), images (sharp), feeds, XML, spreadsheets, PDFs,
// Markdown, the password dictionaries and PayPal's SDK each cost the server seconds of start and tens of
// megabytes for as long as it runs (docs/benchmarks.md, "site"); they load on first use.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

/** The npm packages whose modules load when main.ts's modules are imported (not run). */
function packagesLoadedAtStart(): Set<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "peerlink-lazy-"));
  const log = path.join(dir, "loaded.txt");
  const hooks = path.join(dir, "hooks.mjs");
  writeFileSync(
    hooks,
    `import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  appendFileSync(${JSON.stringify(log)}, url + "\\n");
  return next(url, context);
}
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, resolved.url + "\\n");
  return resolved;
}
`,
  );
  const register = path.join(dir, "register.mjs");
  writeFileSync(
    register,
    `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
  // The modules main.ts's loadServer imports, in the same way (src/main.ts).
  const modules = [
    "src/app.ts",
    "src/backup/channel.ts",
    "src/exports/job.ts",
    "src/indicators/exports/index.ts",
    "src/jobs/runner.ts",
    "src/demo/service.ts",
  ];
  const script = modules
    .map((m) => `await import(${JSON.stringify(pathToFileURL(path.join(root, m)).href)});`)
    .join("\n");
  execFileSync(
    process.execPath,
    ["--import", register, "--import", "tsx", "--input-type=module", "-e", script],
    { cwd: root, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" } },
  );
  const packages = new Set<string>();
  for (const url of readFileSync(log, "utf8").split("\n")) {
    const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (match) packages.add(match[1]!);
  }
  return packages;
}

describe("the server's start", () => {
  it("loads the libraries only some requests need when they are first needed", {
    timeout: 120_000,
  }, () => {
    const loaded = packagesLoadedAtStart();
    // The probe works: what every request needs is there.
    expect(loaded).toContain("fastify");
    expect(loaded).toContain("kysely");
    for (const lazy of [
      "echarts",
      "zrender",
      "sharp",
      "file-type",
      "feed",
      "fast-xml-parser",
      "exceljs",
      "playwright-core",
      "markdown-it",
      "sanitize-html",
      "@zxcvbn-ts/core",
      "@zxcvbn-ts/language-common",
      "@paypal/paypal-server-sdk",
      "axios",
    ])
      expect(loaded, lazy).not.toContain(lazy);
  });
});
