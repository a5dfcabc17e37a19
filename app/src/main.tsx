// Start-up: open the device's store, choose the language, render, and keep syncing — now, when
// the network comes back, when the app is shown again, and every few minutes (the engine
// schedules itself after each run). The service worker makes the app open without a network.

import { registerSW } from "virtual:pwa-register";
import { render } from "preact";
import { App } from "./app.js";
import { refreshSession } from "./auth/session.js";
import { PeerlinkDb } from "./db/database.js";
import { getMeta } from "./db/meta.js";
import { getLocale, setLocale } from "./i18n/i18n.js";
import { createApi } from "./sync/api.js";
import { SyncEngine } from "./sync/engine.js";
import "./styles.css";
import { mountBesidePage } from "./ui/first-load.js";
import { watchKeptOffline } from "./ui/kept-offline.js";
import { offerUpdate } from "./ui/update-banner.js";

async function start() {
  const db = new PeerlinkDb();
  const api = createApi({
    baseUrl: "",
    fetch: (input, init) => fetch(input, init),
    csrfToken: async () => (await getMeta(db, "session"))?.csrf_token,
    locale: getLocale,
  });
  await setLocale((await getMeta(db, "locale")) ?? "vi");

  const engine = new SyncEngine({ db, api });
  const syncSoon = () => {
    engine.sync().catch((error) => console.error("sync failed", error));
  };
  window.addEventListener("online", syncSoon);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && navigator.onLine) syncSoon();
  });

  const root = document.getElementById("app")!;
  // The page's loading note, or the first load's own sign-in form (first.html), stays until the
  // app's first screen takes its place (ui/first-load.ts).
  render(<App services={{ db, api, engine }} />, mountBesidePage(root));

  if (navigator.onLine)
    await refreshSession(db, api).catch((error) => console.error("session check failed", error));
  // Even when the phone says it is offline: a failed attempt arms the back-off timer.
  syncSoon();

  const updateSW = registerSW({
    onNeedRefresh: () => offerUpdate(() => updateSW(true)),
    // Every file of the app is kept on the phone: Home says it opens without a network now.
    onOfflineReady: watchKeptOffline(),
  });
}

void start();
