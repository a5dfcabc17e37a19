// Whether this phone keeps the whole app for use without a network. The service worker precaches
// every file of the app when it installs, then takes charge of the page (vite.config.ts,
// clientsClaim); until it has, a screen not opened yet, or a reload, needs the network. A worker
// who signs in for the first time and walks out of coverage at once must be told to wait: Home
// says which of the three it is.
import { useEffect, useState } from "preact/hooks";

/** `kept`: the app opens offline; `keeping`: its files are still coming; `impossible`: never here. */
export type KeptOffline = "kept" | "keeping" | "impossible";

const listeners = new Set<() => void>();
let kept = false;

function current(): KeptOffline {
  // Service workers need a secure address (https, or localhost): on plain http there are none.
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return "impossible";
  return kept || navigator.serviceWorker.controller ? "kept" : "keeping";
}

/**
 * Called when the service worker says every file is kept (its `offlineReady`), and listening for
 * the moment it takes charge of the page.
 */
export function watchKeptOffline(): () => void {
  const mark = () => {
    if (kept) return;
    kept = true;
    for (const listener of listeners) listener();
  };
  if (typeof navigator !== "undefined" && "serviceWorker" in navigator)
    navigator.serviceWorker.addEventListener("controllerchange", mark);
  return mark;
}

/** Whether the app is kept for use offline on this phone, kept up to date. */
export function useKeptOffline(): KeptOffline {
  const [state, setState] = useState(current);
  useEffect(() => {
    const update = () => setState(current());
    listeners.add(update);
    update();
    return () => {
      listeners.delete(update);
    };
  }, []);
  return state;
}
