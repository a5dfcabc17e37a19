// Copies the non-TypeScript files the server reads at run time (SQL migrations, CSS, data)
// from src/ into dist/, next to the compiled modules that read them.
import { cpSync } from "node:fs";

const assets = [
  "db/migrations",
  "site/assets",
  "donations/assets",
  "indicators/assets",
  "places/data",
];
for (const dir of assets) {
  cpSync(new URL(`../src/${dir}`, import.meta.url), new URL(`../dist/${dir}`, import.meta.url), {
    recursive: true,
    filter: (src) => !src.endsWith(".ts") && !src.endsWith(".md"),
  });
}
