// `npm start` builds only when the sources changed since the last build: a fingerprint of every
// file the build reads (their contents, not their dates, which a checkout changes) is kept in
// dist/.build-fingerprint. A restart of built code therefore starts at once.

import { execSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

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

const hash = createHash("sha256");
for (const file of inputs.flatMap(files).sort()) {
  hash
    .update(file)
    .update("\0")
    .update(readFileSync(path.join(root, file)))
    .update("\0");
}
const fingerprint = hash.digest("hex");

if (existsSync(stamp) && readFileSync(stamp, "utf8") === fingerprint) {
  console.log("peerlink: the build is up to date");
} else {
  execSync("npm run build", { cwd: root, stdio: "inherit" });
  writeFileSync(stamp, fingerprint);
}
