// Start-up: choose the language, open the device's store, render, and keep syncing — now, when
// the network comes back, when the app is shown again, and every few minutes (the engine
// schedules itself after each run). The service worker makes the app open without a network.
//
// The store (Dexie) and the sync engine come in a file of their own (services.ts), so the first
// script stays small on a slow network (issue 14). A phone someone has signed in on opens the store
// first and shows what it holds (Home, or the sign-in screen with their name); a phone nobody has
// signed in on — a first load — shows the sign-in screen at once and opens the store when the
// person begins to sign in (a touch, a key, a field taking the focus: the seconds they spend typing
// are enough for its file to arrive on a slow network), or when sign-in or the language switch is
// pressed; a phone on which nobody signs in never downloads it. Which of the two a phone is comes
// from the start hint (db/start-hint.ts), or, before one was written, from the page: only a load
// over the network gets first.html's own sign-in form. The service worker is registered once the
// store is open: its precache (every file of the app) then no longer competes with what the first
// screen needs; the manifest is linked then too.

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

/**
 * Runs `task` once the person begins to do something on the page: touches it, presses a key, or a
 * field has (or takes) the focus — as it has when they were typing in first.html's form already.
 */
function whenPersonBegins(task: () => void): void {
  const events = ["pointerdown", "keydown", "focusin"] as const;
  const begin = () => {
    for (const name of events) document.removeEventListener(name, begin, true);
    task();
  };
  for (const name of events) document.addEventListener(name, begin, true);
  if (document.activeElement instanceof HTMLInputElement) begin();
}

/**
 * Links the app's manifest, if the page does not: first.html leaves it out, so that the first load
 * asks for nothing beside the app's script; with the service worker it makes the app installable.
 */
function linkManifest(): void {
  if (document.querySelector('link[rel="manifest"]')) return;
  const link = document.createElement("link");
  link.rel = "manifest";
  link.href = "/app/manifest.webmanifest";
  document.head.append(link);
}

/** Resolves in a later task of the event loop: the browser may handle input and paint first. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function start() {
  // Compiling and running the script is one task, choosing the first screen another, drawing it a
  // third: none holds a slow phone long, so a key pressed in the page's form meanwhile is answered.
  await nextTask();
  const hint = readStartHint();
  await setLocale(hint?.locale ?? "vi");
  // Listening from the start for the service worker taking charge of the page (ui/kept-offline.ts).
  const keptOffline = watchKeptOffline();
  // The file's modules are run in one task and the store opened in the next: neither holds a slow
  // phone long while the person types.
  const loader = servicesLoader(async () => {
    const { openServices } = await import("./services.js");
    await nextTask();
    return openServices();
  });

  const root = document.getElementById("app")!;
  const storeFirst = hint ? hint.signedIn : !root.querySelector("[data-first-load]");
  const services = storeFirst
    ? await loader.load().catch((error) => {
        // Its file not reachable: the sign-in screen, which opens the store again when pressed.
        console.error("store failed to open", error);
        return undefined;
      })
    : undefined;
  await nextTask();
  // The page's loading note, or the first load's own sign-in form (first.html), stays until the
  // app's first screen takes its place (ui/first-load.ts).
  render(<App services={services} loader={loader} />, mountBesidePage(root));
  if (!services)
    whenPersonBegins(() => {
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

  linkManifest();
  const updateSW = registerSW({
    onNeedRefresh: () => offerUpdate(() => updateSW(true)),
    // Every file of the app is kept on the phone: Home says it opens without a network now.
    onOfflineReady: keptOffline,
  });
}

void start();
