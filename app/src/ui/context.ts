// What every screen needs: the device's store, the server, the sync engine, and the signed-in
// person. Provided once by app.tsx.
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
}

export interface Signed {
  user: SessionUser;
  reference: Reference;
  /** The site the person is recording for. */
  site: Reference["sites"][number] | undefined;
}

export const Services = createContext<AppServices | undefined>(undefined);
export const SignedIn = createContext<Signed | undefined>(undefined);

export function useServices(): AppServices {
  const services = useContext(Services);
  if (!services) throw new Error("Services missing: render inside <App>");
  return services;
}

export function useSignedIn(): Signed {
  const signed = useContext(SignedIn);
  if (!signed) throw new Error("useSignedIn outside a signed-in screen");
  return signed;
}
