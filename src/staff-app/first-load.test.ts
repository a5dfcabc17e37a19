import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { firstLoadInlineSources } from "./first-load.js";

const dir = mkdtempSync(path.join(tmpdir(), "peerlink-first-load-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const source = (text: string) =>
  `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

describe("the first-load page's inline sources", () => {
  it("are the hashes of its inline stylesheet and script, not of a script it fetches", () => {
    const css = "body{color:#1c2b2a}";
    const script = 'document.title = "Peerlink — đang tải";';
    writeFileSync(
      path.join(dir, "first.html"),
      `<!doctype html><head><style>${css}</style><script type="module" src="/app/assets/index-x.js"></script></head>` +
        `<body><main data-first-load></main><script>${script}</script></body>`,
    );
    expect(firstLoadInlineSources([path.join(dir, "none"), dir])).toEqual({
      styles: [source(css)],
      scripts: [source(script)],
    });
  });

  it("are none without a built page", () => {
    expect(firstLoadInlineSources([path.join(dir, "none")])).toEqual({ styles: [], scripts: [] });
  });
});
