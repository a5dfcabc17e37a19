// Hooks: live IndexedDB queries (a screen re-renders when the data it reads changes, in this tab
// or another), the network state, the sync engine's state, the language.
import { useContext, useEffect, useState } from "preact/hooks";
import { getLocale, type Locale, onLocaleChange } from "../i18n/i18n.js";
import type { SyncEngine } from "../sync/engine.js";
import { Services } from "./context.js";

/**
 * The result of `query`, kept up to date; undefined until the first answer. Asked once the store is
 * open (Dexie's liveQuery comes with it, services.ts): before, on the sign-in screen of a phone
 * nobody has signed in on, the answer is undefined.
 */
export function useLive<T>(query: () => Promise<T>, deps: unknown[] = []): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  const liveQuery = useContext(Services)?.liveQuery;
  useEffect(() => {
    if (!liveQuery) return;
    const subscription = liveQuery(query).subscribe({
      next: setValue,
      error: (error) => console.error("live query failed", error),
    });
    return () => subscription.unsubscribe();
    // The caller names the query's inputs in `deps` (the query itself is a new closure each render).
  }, [liveQuery, ...deps]);
  return value;
}

export function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    // The network may have come or gone between the first render and now (effects run after the
    // screen is drawn), with its event fired before anyone listened: read it again.
    update();
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  return online;
}

/** Re-renders the caller when the language changes. */
export function useLocale(): Locale {
  const [locale, setLocale] = useState(getLocale());
  useEffect(() => {
    const stop = onLocaleChange(() => setLocale(getLocale()));
    setLocale(getLocale());
    return stop;
  }, []);
  return locale;
}

/** Whether the sync engine is running now, kept up to date. */
export function useSyncing(engine: SyncEngine): boolean {
  const [running, setRunning] = useState(engine.running);
  useEffect(() => {
    const unsubscribe = engine.subscribe(() => setRunning(engine.running));
    // A run may have started or ended before this listened (as useOnline).
    setRunning(engine.running);
    return unsubscribe;
  }, [engine]);
  return running;
}
