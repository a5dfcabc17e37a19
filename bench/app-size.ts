// Measures the staff app's JavaScript as a phone downloads it (gzip), from the production build in
// dist/app, and writes it to docs/benchmarks.md. Aim: under 150 KiB in total.
//
//   npm run build && npx tsx bench/app-size.ts
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { recordBenchmark } from "./report.js";

const dist = path.resolve(import.meta.dirname, "../dist/app");
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
const rows = files(dist)
  .filter((f) => /\.(js|css)$/.test(f))
  .map((f) => {
    const bytes = readFileSync(f);
    return {
      file: path.relative(dist, f),
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
    };
  })
  .sort((a, b) => b.gzip - a.gzip);
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const js = rows.filter((r) => r.file.endsWith(".js"));
console.log(rows);
recordBenchmark(
  "staff app size",
  "The staff app's production build (`dist/app`), each file as served, gzip level 9 (`npx tsx bench/app-size.ts` after `npm run build`). Aim: JavaScript under 150 KiB gzip in total. The service worker (`sw.js`, `workbox-*.js`) is fetched once, in the background.",
  ["file", "size", "gzip"],
  [
    ...rows.map((r) => [r.file, kib(r.raw), kib(r.gzip)]),
    [
      "**all JavaScript**",
      kib(js.reduce((n, r) => n + r.raw, 0)),
      `**${kib(js.reduce((n, r) => n + r.gzip, 0))}**`,
    ],
  ],
);
