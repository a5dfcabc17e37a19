// Compiles the server (src/ → dist/) with esbuild: each module on its own, as tsc would lay them
// out, without type checking — `npm run check` does that (tsc --noEmit), and CI runs it. esbuild
// does in well under a second what `tsc` took 10 s to do on every fresh
// clone's first `npm start` (docs/benchmarks.md).
import { readdirSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const src = path.join(root, "src");

/** Every module of the server: not the tests, nor what only tests use. */
function modules(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "test-support" ? [] : modules(full);
    const isModule = /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name);
    return isModule && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

await build({
  entryPoints: modules(src),
  outdir: path.join(root, "dist"),
  outbase: src,
  format: "esm",
  platform: "node",
  target: "node20.19",
  sourcemap: true,
  jsx: "automatic",
  jsxImportSource: "preact",
  logLevel: "warning",
});
