// The answer cache's makings: one at a time per family, never an answer made from data older than
// the request, and a burst of requests during a making shares the next one.
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it, vi } from "vitest";
import { AnswerCache, type Made } from "./answer-cache.js";

/** A making the test finishes by hand, and how many times it was begun. */
function controlled(body: string) {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const gate = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const making = {
    begun: 0,
    finish,
    fail,
    make: async (): Promise<Made> => {
      making.begun += 1;
      await gate;
      return { body, type: "text/plain; charset=utf-8", cacheControl: "no-cache" };
    },
  };
  return making;
}

const text = (answer: { identity: Buffer }) => answer.identity.toString("utf8");
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("the answer cache", () => {
  it("makes one answer of a family at a time; requests that came meanwhile share the next making", async () => {
    const cache = new AnswerCache();
    const v1 = controlled("made at version 1");
    const v2 = controlled("made at version 2");
    const v3 = controlled("made at version 3");
    const first = cache.answer("page@1", v1.make, "page");
    await tick();
    // Two changes later, two requests: their data is newer than the making under way.
    const second = cache.answer("page@2", v2.make, "page");
    const third = cache.answer("page@3", v3.make, "page");
    await tick();
    expect(v2.begun + v3.begun).toBe(0); // nothing begun while version 1 is being made
    v1.finish();
    expect(text(await first)).toBe("made at version 1");
    await tick();
    // One of them began the next making, after both arrived; the other shares it.
    expect(v2.begun + v3.begun).toBe(1);
    v2.finish();
    v3.finish();
    const [a, b] = await Promise.all([second, third]);
    expect(text(a)).toBe(text(b));
    expect(text(a)).not.toBe("made at version 1");
    expect(cache.made).toBe(2);
  });

  it("never serves a request an answer whose making began before it arrived, at other versions", async () => {
    const cache = new AnswerCache();
    const old = controlled("old");
    const fresh = controlled("fresh");
    const before = cache.answer("page@1", old.make, "page");
    await tick();
    const after = cache.answer("page@2", fresh.make, "page");
    old.finish();
    await before;
    await tick();
    expect(fresh.begun).toBe(1);
    fresh.finish();
    expect(text(await after)).toBe("fresh");
    // Ready under its key from then on, made no more.
    expect(text(await cache.answer("page@2", fresh.make, "page"))).toBe("fresh");
    expect(cache.made).toBe(2);
  });

  it("shares a making of the same key whenever it began, and keeps families apart", async () => {
    const cache = new AnswerCache();
    const home = controlled("home");
    const project = controlled("project");
    const a = cache.answer("home@1", home.make, "home");
    const b = cache.answer("project@1", project.make, "project");
    const c = cache.answer("home@1", home.make, "home");
    await tick();
    expect(home.begun).toBe(1);
    expect(project.begun).toBe(1); // another family is made at the same time
    home.finish();
    project.finish();
    expect(text(await a)).toBe("home");
    expect(text(await c)).toBe("home");
    expect(text(await b)).toBe("project");
  });

  it("after a failed making, the requests that waited make their own", async () => {
    const cache = new AnswerCache();
    const broken = controlled("never");
    const next = controlled("after the failure");
    const failing = cache.answer("page@1", broken.make, "page");
    await tick();
    const waiting = cache.answer("page@2", next.make, "page");
    broken.fail(new Error("the database went away"));
    await expect(failing).rejects.toThrow("the database went away");
    await tick();
    next.finish();
    expect(text(await waiting)).toBe("after the failure");
  });

  it("compresses a new answer quickly, and again at the best levels once it is still served a moment later", async () => {
    const cache = new AnswerCache();
    // A page of figures: long enough for the levels to differ, and the same text repeated unevenly.
    const body = Array.from(
      { length: 2_000 },
      (_, i) => `<tr><td>Xã ${i % 37}</td><td>${(i * 7919) % 1000}</td></tr>`,
    ).join("\n");
    const make = async (): Promise<Made> => ({
      body,
      type: "text/html; charset=utf-8",
      cacheControl: "no-cache",
    });
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const quick = await cache.answer("page@1", make, "page");
      expect(brotliDecompressSync(quick.br).toString("utf8")).toBe(body);
      expect(gunzipSync(quick.gzip).toString("utf8")).toBe(body);
      // Served again at once: as it was, nothing compressed again.
      expect(await cache.answer("page@1", make, "page")).toBe(quick);
      await tick();
      expect(cache.polished).toBe(0);
      // A second later it is still the page: that request gets it as it is, the next ones the best.
      vi.setSystemTime(Date.now() + 1_000);
      expect(await cache.answer("page@1", make, "page")).toBe(quick);
      await vi.waitFor(() => expect(cache.polished).toBe(1));
      const best = await cache.answer("page@1", make, "page");
      expect(best.etag).toBe(quick.etag);
      expect(best.br.length).toBeLessThan(quick.br.length);
      expect(best.gzip.length).toBeLessThanOrEqual(quick.gzip.length);
      expect(brotliDecompressSync(best.br).toString("utf8")).toBe(body);
      expect(gunzipSync(best.gzip).toString("utf8")).toBe(body);
      expect(best.polish).toBeUndefined();
      expect(cache.made).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("does not compress again an answer no longer served: its data changed meanwhile", async () => {
    const cache = new AnswerCache();
    const page = (version: number) => async (): Promise<Made> => ({
      body: `version ${version} `.repeat(500),
      type: "text/html; charset=utf-8",
      cacheControl: "no-cache",
    });
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      await cache.answer("page@1", page(1), "page");
      vi.setSystemTime(Date.now() + 1_000);
      // The next request comes at a new version: the old answer is never served, never polished.
      await cache.answer("page@2", page(2), "page");
      await tick();
      expect(cache.polished).toBe(0);
      expect(cache.made).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("lets requests share a making until it takes its snapshot, and only until then", async () => {
    const cache = new AnswerCache();
    let takeSnapshot!: () => void;
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let made = 0;
    const make = async (snapshotTaken: () => void): Promise<Made> => {
      made += 1;
      const version = made;
      takeSnapshot = snapshotTaken;
      if (version === 1) await gate;
      return {
        body: `made ${version}`,
        type: "text/plain; charset=utf-8",
        cacheControl: "no-cache",
      };
    };
    const first = cache.answer("page@1", make, "page", { marksSnapshot: true });
    await tick();
    // A change, then a request: the making has not taken its snapshot yet, so it will have it.
    const before = cache.answer("page@2", make, "page", { marksSnapshot: true });
    takeSnapshot();
    // Another change, another request: the snapshot was taken before it came, so it waits for
    // that making and has one of its own.
    const after = cache.answer("page@3", make, "page", { marksSnapshot: true });
    finish();
    expect(text(await first)).toBe("made 1");
    expect(text(await before)).toBe("made 1");
    expect(text(await after)).toBe("made 2");
    expect(cache.made).toBe(2);
  });
});
