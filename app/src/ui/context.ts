// What every screen needs: the device's store, the server, the sync engine, and the signed-in
// person. Provided once by app.tsx. The store and what works on it come in a file of their own
// (services.ts); on a phone nobody has signed in on, the sign-in screen is there before them
// (main.tsx), and waits for them only when it needs them.
import type { liveQuery } from "dexie";
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { SessionUser } from "../../../src/auth/policy.js";
import type { PeerlinkDb } from "../db/database.js";
import type { Reference } from "../db/meta.js";
import type { Api } from "../sync/api.js";
import type { SyncEngine } from "../sync/engine.js";

export interface AppServices {
  db: PeerlinkDb;
  api: Api;
  engine: SyncEngine;
  /** Dexie's live queries (ui/hooks.ts, useLive), from the same file as the store. */
  liveQuery: typeof liveQuery;
}

/** Opens the services once, when first asked; `opened` waits for that without asking. */
export interface ServicesLoader {
  load(): Promise<AppServices>;
  opened: Promise<AppServices>;
}

/** A loader for `open`: one opening for every caller; after a failure the next call tries again. */
export function servicesLoader(open: () => Promise<AppServices>): ServicesLoader {
  let loading: Promise<AppServices> | undefined;
  let opened: (services: AppServices) => void = () => undefined;
  return {
    opened: new Promise((resolve) => {
      opened = resolve;
    }),
    load() {
      loading ??= open().then(
        (services) => {
          opened(services);
          return services;
        },
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
  };
}

export interface Signed {
  user: SessionUser;
  reference: Reference;
  /** The site the person is recording for. */
  site: Reference["sites"][number] | undefined;
}

/** Undefined until the services are open (only on the sign-in screen of a phone nobody uses). */
export const Services = createContext<AppServices | undefined>(undefined);
export const Loader = createContext<ServicesLoader | undefined>(undefined);
export const SignedIn = createContext<Signed | undefined>(undefined);

export function useServices(): AppServices {
  const services = useContext(Services);
  if (!services) throw new Error("Services missing: render inside <App>");
  return services;
}

/** The services, opened now if they are not yet (sign-in needs the store). */
export function useLoadServices(): () => Promise<AppServices> {
  const loader = useContext(Loader);
  if (!loader) throw new Error("Loader missing: render inside <App>");
  return loader.load;
}

export function useSignedIn(): Signed {
  const signed = useContext(SignedIn);
  if (!signed) throw new Error("useSignedIn outside a signed-in screen");
  return signed;
}
