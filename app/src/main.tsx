// Start-up: choose the language, open the device's store, render, and keep syncing — now, when
// the network comes back, when the app is shown again, and every few minutes (the engine
// schedules itself after each run). The service worker makes the app open without a network.
//
// The store (Dexie) and the sync engine come in a file of their own (services.ts), so the first
// script stays small on a slow network (issue 14). A phone someone has signed in on opens the store
// first and shows what it holds (Home, or the sign-in screen with their name); a phone nobody has
// signed in on — a first load — shows the sign-in screen at once and opens the store as soon as
// the browser is idle, or when sign-in is pressed. Which of the two a phone is comes from the start
// hint (db/start-hint.ts), or, before one was written, from the page: only a load over the network
// gets first.html's own sign-in form. The service worker is registered once the store is open: its
// precache (every file of the app) then no longer competes with what the first screen needs.

import { registerSW } from "virtual:pwa-register";
import { render } from "preact";
import { App } from "./app.js";
import { refreshSession } from "./auth/session.js";
import { readStartHint } from "./db/start-hint.js";
import { setLocale } from "./i18n/i18n.js";
import "./styles.css";
import { servicesLoader } from "./ui/context.js";
import { mountBesidePage } from "./ui/first-load.js";
import { watchKeptOffline } from "./ui/kept-offline.js";
import { offerUpdate } from "./ui/update-banner.js";

/** Runs `task` when the browser has nothing more urgent to do (soon, at the latest). */
function whenIdle(task: () => void): void {
  if ("requestIdleCallback" in window) window.requestIdleCallback(task, { timeout: 1000 });
  else setTimeout(task, 50);
}

async function start() {
  const hint = readStartHint();
  await setLocale(hint?.locale ?? "vi");
  // Listening from the start for the service worker taking charge of the page (ui/kept-offline.ts).
  const keptOffline = watchKeptOffline();
  const loader = servicesLoader(() => import("./services.js").then((m) => m.openServices()));

  const root = document.getElementById("app")!;
  const storeFirst = hint ? hint.signedIn : !root.querySelector("[data-first-load]");
  const services = storeFirst
    ? await loader.load().catch((error) => {
        // Its file not reachable: the sign-in screen, which opens the store again when pressed.
        console.error("store failed to open", error);
        return undefined;
      })
    : undefined;
  // The page's loading note, or the first load's own sign-in form (first.html), stays until the
  // app's first screen takes its place (ui/first-load.ts).
  render(<App services={services} loader={loader} />, mountBesidePage(root));
  if (!services)
    whenIdle(() => {
      loader.load().catch((error) => console.error("store failed to open", error));
    });

  const { db, api, engine } = await loader.opened;
  const syncSoon = () => {
    engine.sync().catch((error) => console.error("sync failed", error));
  };
  window.addEventListener("online", syncSoon);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && navigator.onLine) syncSoon();
  });

  if (navigator.onLine)
    await refreshSession(db, api).catch((error) => console.error("session check failed", error));
  // Even when the phone says it is offline: a failed attempt arms the back-off timer.
  syncSoon();

  const updateSW = registerSW({
    onNeedRefresh: () => offerUpdate(() => updateSW(true)),
    // Every file of the app is kept on the phone: Home says it opens without a network now.
    onOfflineReady: keptOffline,
  });
}

void start();
