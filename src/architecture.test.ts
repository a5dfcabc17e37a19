// The shape of the code (docs/architecture.md), checked on every import of the server's sources:
// `lib/` is small shared things and knows no feature; a feature's tables are read and written by
// its own `queries` modules, which other features reach only through its service.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = path.dirname(fileURLToPath(import.meta.url));

/** Every TypeScript source under `dir` but tests, as paths relative to src/. */
function sources(dir: string): string[] {
  return readdirSync(path.join(src, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .filter((entry) => !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(src, path.join(entry.parentPath, entry.name)));
}

/** The relative imports of a source (static, re-exports and dynamic), as paths relative to src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(src, file), "utf8");
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)"/g),
    ...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g),
  ].map((match) => match[1]!);
  return specifiers
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) => path.join(path.dirname(file), specifier));
}

/** The top folder of src/ a path is in ("" for the files at its root: main.ts, app.ts …). */
const folderOf = (file: string) => (file.includes(path.sep) ? file.split(path.sep)[0]! : "");

/** A module that reads or writes tables: `queries.ts` or `…-queries.ts`. */
const isQueries = (file: string) => /(^|[-/])queries\.ts$/.test(file);

describe("the shape of the code", () => {
  it("finds the sources it checks", () => {
    expect(sources("lib").length).toBeGreaterThan(5);
    expect(sources(".").length).toBeGreaterThan(200);
    expect(importsOf("app.ts").length).toBeGreaterThan(20);
  });

  it("keeps lib/ free of features: it imports only lib/, the database handle and the configuration", () => {
    const wrong = sources("lib").flatMap((file) =>
      importsOf(file)
        .filter((target) => !["lib", "db"].includes(folderOf(target)) && target !== "config.js")
        .map((target) => `${file} imports ${target}`),
    );
    expect(wrong).toEqual([]);
  });

  it("lets a feature's tables be reached by other features only through its service", () => {
    // The demo seeds every feature's tables as a migration would, and test support builds fixtures.
    const exempt = new Set(["demo", "test-support", "db"]);
    const wrong = sources(".")
      .filter((file) => !exempt.has(folderOf(file)))
      .flatMap((file) =>
        importsOf(file)
          .filter((target) => isQueries(target.replace(/\.js$/, ".ts")))
          .filter((target) => folderOf(target) !== folderOf(file))
          .map((target) => `${file} imports ${target}`),
      );
    expect(wrong).toEqual([]);
  });
});
