// The device's store (Dexie over IndexedDB) and what works on it: the server's API, which takes the
// session's CSRF token from the store, and the sync engine. A file of its own, loaded by main.tsx:
// before the first screen on a phone someone has signed in on, just after it on a phone nobody has
// (the first script stays small on a slow network, issue 14). The service worker precaches it with
// every other file, so it opens offline as the rest does.
import { liveQuery } from "dexie";
import { PeerlinkDb } from "./db/database.js";
import { getMeta, noteStart } from "./db/meta.js";
import { getLocale, setLocale } from "./i18n/i18n.js";
import { createApi } from "./sync/api.js";
import { SyncEngine } from "./sync/engine.js";
import type { AppServices } from "./ui/context.js";

export async function openServices(): Promise<AppServices> {
  const db = new PeerlinkDb();
  const api = createApi({
    baseUrl: "",
    fetch: (input, init) => fetch(input, init),
    csrfToken: async () => (await getMeta(db, "session"))?.csrf_token,
    locale: getLocale,
  });
  // The store's language is the truth; the start hint (db/start-hint.ts) only guessed it early.
  // None kept yet: the one shown now (Vietnamese, unless switched on the sign-in screen).
  await setLocale((await getMeta(db, "locale")) ?? getLocale());
  await noteStart(db);
  return { db, api, engine: new SyncEngine({ db, api }), liveQuery };
}
