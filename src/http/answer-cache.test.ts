// The answer cache's makings: one at a time per family, never an answer made from data older than
// the request, and a burst of requests during a making shares the next one.
import { describe, expect, it } from "vitest";
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
});
