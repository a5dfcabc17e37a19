import "fake-indexeddb/auto";
import { beforeEach, describe, expect, it } from "vitest";
import { signInOffline, signInOnline, signOut } from "../auth/session.js";
import { ApiError } from "../sync/api.js";
import { openTestDb, testUser } from "../test-support/fixtures.js";
import { scriptedApi } from "../test-support/scripted-api.js";
import { type AppServices, servicesLoader } from "../ui/context.js";
import { noteStart, setMeta } from "./meta.js";
import { readStartHint, startHintKey, writeStartHint } from "./start-hint.js";

// Node has no localStorage: a Map behind the same methods, fresh for each test.
class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}
let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  Object.defineProperty(globalThis, "localStorage", { value: storage, configurable: true });
});

function apiFor() {
  const api = scriptedApi();
  api.login = async (username, password) => {
    if (password !== "mat-khau-dung") throw new ApiError(401, "unauthenticated", "Sai mật khẩu");
    return { user: { ...testUser(), username }, csrf_token: "csrf-1" };
  };
  return api;
}

describe("the start hint", () => {
  it("is absent until written, and a value it does not know is no hint at all", () => {
    expect(readStartHint()).toBeUndefined();
    writeStartHint({ locale: "en" });
    expect(readStartHint()).toEqual({ signedIn: false, locale: "en" });
    for (const bad of ["{", "null", '{"signedIn":"yes","locale":"vi"}', '{"signedIn":true}'])
      storage.setItem(startHintKey, bad);
    expect(readStartHint()).toBeUndefined();
    storage.setItem(startHintKey, '{"signedIn":true,"locale":"fr"}');
    expect(readStartHint()).toBeUndefined();
  });

  it("follows the store: signing in, the language, signing out; never anything personal", async () => {
    const db = openTestDb();
    const api = apiFor();
    await noteStart(db);
    expect(readStartHint()).toEqual({ signedIn: false, locale: "vi" });

    await signInOnline(db, api, "tcv.lan", "mat-khau-dung");
    // The account's language (the server's answer) is kept as the phone's.
    expect(readStartHint()).toEqual({ signedIn: true, locale: testUser().locale });
    await setMeta(db, "locale", "en");
    expect(readStartHint()).toEqual({ signedIn: true, locale: "en" });
    // Two values and nothing else: no name, no id, no token, no password check.
    const stored = storage.getItem(startHintKey) ?? "";
    expect(Object.keys(JSON.parse(stored)).sort()).toEqual(["locale", "signedIn"]);
    expect(stored).not.toContain("tcv.lan");
    expect(stored).not.toContain(testUser().id);
    expect([...storage.items.keys()]).toEqual([startHintKey]);

    // Signed out, the offline sign-in check stays: the sign-in screen shows this person's name,
    // read from the store, so the next start still opens the store first.
    await signOut(db, api);
    expect(readStartHint()?.signedIn).toBe(true);
    await db.meta.delete("offlineLogin");
    await noteStart(db);
    expect(readStartHint()).toEqual({ signedIn: false, locale: "en" });
  });

  it("says someone has signed in once they have, offline too", async () => {
    const db = openTestDb();
    await signInOnline(db, apiFor(), "tcv.lan", "mat-khau-dung");
    await db.meta.delete("session");
    storage.items.clear();
    expect(await signInOffline(db, "tcv.lan", "mat-khau-dung")).toBe(true);
    expect(readStartHint()?.signedIn).toBe(true);
  });
});

describe("the services loader", () => {
  const services = {} as AppServices;

  it("opens once, when first asked; `opened` waits without asking", async () => {
    let openings = 0;
    const loader = servicesLoader(async () => {
      openings++;
      return services;
    });
    let opened = false;
    void loader.opened.then(() => {
      opened = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(openings).toBe(0);
    expect(opened).toBe(false);
    const [first, second] = await Promise.all([loader.load(), loader.load()]);
    expect(first).toBe(services);
    expect(second).toBe(services);
    expect(await loader.opened).toBe(services);
    expect(openings).toBe(1);
  });

  it("tries again after a failure (its file did not arrive)", async () => {
    let openings = 0;
    const loader = servicesLoader(async () => {
      openings++;
      if (openings === 1) throw new TypeError("Failed to fetch dynamically imported module");
      return services;
    });
    await expect(loader.load()).rejects.toThrow("Failed to fetch");
    expect(await loader.load()).toBe(services);
    expect(await loader.opened).toBe(services);
    expect(openings).toBe(2);
  });
});
