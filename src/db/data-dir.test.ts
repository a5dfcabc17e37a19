import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lockDataDir, prepareDataDir } from "./data-dir.js";

const tempDir = () => mkdtempSync(path.join(tmpdir(), "peerlink-datadir-"));

describe("prepareDataDir", () => {
  it("creates a missing directory and accepts Peerlink's own files", () => {
    const dir = path.join(tempDir(), "nested", "data");
    prepareDataDir(dir);
    expect(existsSync(dir)).toBe(true);
    writeFileSync(path.join(dir, "secret.key"), "x");
    expect(() => prepareDataDir(dir)).not.toThrow();
  });

  it("refuses a file, and a directory holding anything else", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "photo.jpg"), "");
    expect(() => prepareDataDir(dir)).toThrow(
      /not a Peerlink data directory \(it holds photo\.jpg\)/,
    );
    expect(() => prepareDataDir(path.join(dir, "photo.jpg"))).toThrow(/is a file, not a directory/);
  });
});

describe("lockDataDir", () => {
  it("refuses a directory locked by a running process", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "peerlink.lock"), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(
      `in use by another Peerlink process (pid ${process.ppid})`,
    );
  });

  it("takes over a lock left by a process that is gone, and releases it", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "peerlink.lock"), "2147483646");
    const release = lockDataDir(dir);
    expect(readFileSync(path.join(dir, "peerlink.lock"), "utf8")).toBe(String(process.pid));
    release();
    expect(existsSync(path.join(dir, "peerlink.lock"))).toBe(false);
  });
});
