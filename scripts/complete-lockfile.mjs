// Completes package-lock.json with the platform-specific optional packages (native binaries of
// Biome, Rollup, …) that the registry reachable from our build machines does not serve for other
// platforms. `npm install` leaves an optional dependency out of the lock when it cannot fetch its
// metadata, and `npm ci` then refuses the lock as out of sync. Each added entry carries the
// os/cpu/libc its name states, so npm never fetches it on a machine it does not fit; elsewhere npm
// resolves it as usual. Run after `npm install` changes the lock.
import { readFileSync, writeFileSync } from "node:fs";

const oses = [
  "android",
  "darwin",
  "linux",
  "win32",
  "freebsd",
  "openbsd",
  "netbsd",
  "sunos",
  "aix",
  "openharmony",
];
const cpus = [
  "arm64",
  "x64",
  "ia32",
  "arm",
  "riscv64",
  "ppc64",
  "s390x",
  "loong64",
  "wasm32",
  "mips64el",
];

/** os, cpu and libc from a platform package's name, e.g. rollup-linux-arm-musleabihf. */
function platformOf(name) {
  const tokens = name.split("/").pop().split("-");
  const os = tokens.find((t) => oses.includes(t));
  const cpu = tokens.find((t) => cpus.includes(t));
  if (!cpu) return undefined;
  const libc = tokens.some((t) => t.startsWith("musl"))
    ? ["musl"]
    : os === "linux" && tokens.some((t) => t.startsWith("gnu"))
      ? ["glibc"]
      : undefined;
  return { cpu: [cpu], ...(os ? { os: [os] } : {}), ...(libc ? { libc } : {}) };
}

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const added = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    const platform = platformOf(name);
    if (lock.packages[key] || !platform || !/^\d+\.\d+\.\d+/.test(version)) continue;
    lock.packages[key] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...platform,
    };
    added.push(`${name}@${version} (for ${path.replace(/^node_modules\//, "") || "the project"})`);
  }
}
const order = (a, b) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b));
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => order(a, b)));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `added:\n  ${added.join("\n  ")}` : "package-lock.json is complete");
