// Small named values the device keeps: its id, the sync cursor and times, the session, the
// reference data. One row per key in the `meta` table.
import type { SessionUser } from "../../../src/auth/policy.js";
import { newId } from "../lib/ids.js";
import type { PeerlinkDb } from "./database.js";
import { writeStartHint } from "./start-hint.js";

export interface Reference {
  sites: {
    id: string;
    code: string;
    name: { vi: string; en: string };
    project_id: string;
    communes: { id: string; code: string; name: string }[];
  }[];
  staff: { id: string; display_name: string; role: string; site_ids: string[] }[];
  projects: { id: string; slug: string; name: { vi: string; en: string } }[];
}

export interface Session {
  user: SessionUser;
  csrf_token: string;
  /** The server knows this session: sync may run. False after a 401 or an offline sign-in. */
  valid: boolean;
  /** The person proved who they are on this phone: the app may open (online or offline). */
  unlocked: boolean;
}

/** Why a sync did not finish, told apart because the person is told different things. */
export type SyncFailure =
  /** The phone has no network. */
  | { kind: "offline" }
  /** The phone has a network but no answer came: the server out of reach, or the answer lost. */
  | { kind: "no_answer" }
  /** The server answered with a fault of its own (HTTP 5xx). */
  | { kind: "server_error"; status: number }
  /** The server refused the request itself, and said why (in the person's language). */
  | { kind: "refused"; message: string };

export interface SyncStatus {
  lastSyncAt: string | null;
  lastAttemptAt: string | null;
  /** Why the last attempt did not finish; null once one does (absent in a status kept before). */
  failure?: SyncFailure | null;
  /** When the app tries again by itself after that failure (ISO time). */
  retryAt?: string | null;
}

export interface MetaValues {
  deviceId: string;
  cursor: number;
  cursorUser: string;
  session: Session;
  reference: Reference;
  syncStatus: SyncStatus;
  locale: "vi" | "en";
  /** The site the person records work for (they may work at several). */
  siteId: string;
  /** A password check for signing in again without a network (see auth/offline-login.ts). */
  offlineLogin: { username: string; salt: string; hash: string; user: SessionUser };
}

export async function getMeta<K extends keyof MetaValues>(
  db: PeerlinkDb,
  key: K,
): Promise<MetaValues[K] | undefined> {
  return (await db.meta.get(key))?.value as MetaValues[K] | undefined;
}

export async function setMeta<K extends keyof MetaValues>(
  db: PeerlinkDb,
  key: K,
  value: MetaValues[K],
): Promise<void> {
  await db.meta.put({ key, value });
  // What the next start needs before the store is open (start-hint.ts) follows the store.
  if (key === "session" || key === "offlineLogin") writeStartHint({ signedIn: true });
  if (key === "locale") writeStartHint({ locale: value as MetaValues["locale"] });
}

/** Writes the start hint from what the store holds (at each start, and after signing out). */
export async function noteStart(db: PeerlinkDb): Promise<void> {
  const signedIn =
    (await getMeta(db, "session")) !== undefined ||
    (await getMeta(db, "offlineLogin")) !== undefined;
  writeStartHint({ signedIn, locale: (await getMeta(db, "locale")) ?? "vi" });
}

/** The device's id: made once, kept for ever (the server counts devices by it). */
export async function deviceId(db: PeerlinkDb): Promise<string> {
  return db.transaction("rw", db.meta, async () => {
    const existing = await getMeta(db, "deviceId");
    if (existing) return existing;
    const id = newId();
    await setMeta(db, "deviceId", id);
    return id;
  });
}
