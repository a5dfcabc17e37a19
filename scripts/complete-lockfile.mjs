// Completes package-lock.json with the platform packages of Biome that the registry reachable from
// our build machines does not serve (non-Linux binaries). `npm install` leaves an optional
// dependency out of the lock when it cannot fetch its metadata, and `npm ci` then refuses the lock
// as out of sync. Each added entry carries its os/cpu/libc, so npm never fetches it on Linux; on
// other platforms npm resolves it normally. Run after `npm install` changes the lock.
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const biome = lock.packages["node_modules/@biomejs/biome"];
const added = [];
for (const [name, version] of Object.entries(biome?.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const platform = /cli-(android|darwin|linux|win32)-(arm64|x64)(-musl)?$/.exec(name);
  if (!platform) continue;
  lock.packages[key] = {
    version,
    cpu: [platform[2]],
    dev: true,
    ...(platform[3] ? { libc: ["musl"] } : {}),
    license: "MIT OR Apache-2.0",
    optional: true,
    os: [platform[1]],
    engines: { node: ">=14.21.3" },
  };
  added.push(name);
}
const order = (a, b) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b));
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => order(a, b)));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `added ${added.join(", ")}` : "package-lock.json is complete");
