// Peerlink is built when it is installed (`npm install` runs this as `prepare`) and, should the
// sources have changed since, when it starts (scripts/start.mjs): a fingerprint of every file the
// build reads (their contents, not their dates, which a checkout changes) is kept in
// dist/.build-fingerprint. A fresh clone's first `npm start` and every restart therefore start at
// once (docs/benchmarks.md, "site").
//
//   node scripts/build-if-needed.mjs            build if the sources changed
//   node scripts/build-if-needed.mjs --install  the same, at install; skipped, saying so, when the
//                                               build tools are not installed (--omit=dev)

import { execSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const inputs = ["src", "app", "scripts", "package-lock.json", "vite.config.ts", "tsconfig.json"];
const stamp = path.join(root, "dist", ".build-fingerprint");

function files(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full, { withFileTypes: true }).flatMap((child) =>
    child.name === "node_modules" ? [] : files(path.join(entry, child.name)),
  );
}

function fingerprint() {
  const hash = createHash("sha256");
  for (const file of inputs.flatMap(files).sort()) {
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(path.join(root, file)))
      .update("\0");
  }
  return hash.digest("hex");
}

/** Builds dist/ unless it was built from the sources as they are. */
export function buildIfNeeded({ atInstall = false } = {}) {
  const current = fingerprint();
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === current) {
    if (!atInstall) console.log("peerlink: the build is up to date");
    return;
  }
  if (atInstall && !existsSync(path.join(root, "node_modules", "vite"))) {
    console.log("peerlink: build tools not installed; `npm start` will build when they are");
    return;
  }
  console.log(`peerlink: building${atInstall ? " (once, at install)" : ""}…`);
  execSync("npm run build", { cwd: root, stdio: "inherit" });
  writeFileSync(stamp, current);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  buildIfNeeded({ atInstall: process.argv.includes("--install") });
}
