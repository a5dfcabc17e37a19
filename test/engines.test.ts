// `npm install` must not warn that a dependency wants a newer Node than Peerlink declares: every
// package in the lock file (production and development) accepts the oldest Node of our `engines`.
// cookie@2 and content-disposition@3 (through @fastify/cookie 11.1.2+, @fastify/static 10 and
// light-my-request 6.8) want Node 22; package.json pins the versions before them (docs/decisions.md).
import { readFileSync } from "node:fs";
import path from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const readJson = (file: string) => JSON.parse(readFileSync(path.join(root, file), "utf8"));

describe("Node versions", () => {
  it("every locked package runs on the oldest Node that package.json declares", () => {
    const declared = readJson("package.json").engines.node as string;
    const oldest = semver.minVersion(declared)!.version;
    const lock = readJson("package-lock.json") as {
      packages: Record<string, { engines?: { node?: string } | string[] }>;
    };
    const refusing = Object.entries(lock.packages)
      .filter(([name, entry]) => {
        const wanted = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return name !== "" && wanted !== undefined && !semver.satisfies(oldest, wanted);
      })
      .map(([name, entry]) => `${name} wants Node ${JSON.stringify(entry.engines)}`);
    expect(refusing).toEqual([]);
  });
});
