// Where the embedded database's thread loads its module from. Built (`npm start`), it is the
// compiled dist/db/pglite-worker.js beside this file. Run from the TypeScript sources (tsx, vitest),
// a thread cannot load TypeScript on Node 20 (loader hooks do not reach a worker's first module),
// so the worker's sources are compiled once to JavaScript under node_modules/.cache, in a folder
// named by their hash, and every thread starts from there.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = fileURLToPath(import.meta.url);
const fromSource = here.endsWith(".ts");
const entry = "pglite-worker";

/** The worker's own modules: the entry and what it imports by relative path, recursively. */
function sourcesOf(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (name: string) => {
    if (found.has(name)) return;
    const text = readFileSync(path.join(dir, `${name}.ts`), "utf8");
    found.set(name, text);
    for (const [, , relative] of text.matchAll(
      /^import (?!type\b)(.*?)from "\.\/([\w-]+)\.js";$/gms,
    )) {
      visit(relative!);
    }
  };
  visit(entry);
  return found;
}

let compiled: Promise<URL> | undefined;

async function compileFromSource(): Promise<URL> {
  const dir = path.dirname(here);
  const sources = sourcesOf(dir);
  const hash = createHash("sha256");
  for (const [name, text] of sources) hash.update(`${name}\n${text}`);
  const root = path.resolve(dir, "../..");
  const out = path.join(
    root,
    "node_modules",
    ".cache",
    "peerlink",
    `db-worker-${hash.digest("hex").slice(0, 16)}`,
  );
  const file = path.join(out, `${entry}.js`);
  if (!existsSync(file)) {
    const ts = (await import("typescript")).default;
    // Written aside and renamed, so a process starting a thread meanwhile sees all or nothing.
    const partial = `${out}.${process.pid}`;
    mkdirSync(partial, { recursive: true });
    // Below node_modules no package.json of ours says these files are ES modules: this one does.
    writeFileSync(path.join(partial, "package.json"), '{ "type": "module" }\n');
    for (const [name, text] of sources) {
      const js = ts.transpileModule(text, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      writeFileSync(path.join(partial, `${name}.js`), js);
    }
    try {
      renameSync(partial, out);
    } catch {
      // Another process put the same compiled files there first.
      rmSync(partial, { recursive: true, force: true });
    }
  }
  return pathToFileURL(file);
}

/** The URL a database thread starts from. */
export function workerModule(): Promise<URL> {
  if (!fromSource) return Promise.resolve(new URL(`./${entry}.js`, import.meta.url));
  compiled ??= compileFromSource();
  return compiled;
}
