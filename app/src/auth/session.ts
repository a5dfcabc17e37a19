// Signing in and out on the device. The first log-in must be online; it leaves a password check
// (PBKDF2 through WebCrypto) so the same person can sign in again without a network — to record
// work, not to sync: syncing needs the server's session, so after an offline sign-in the app asks
// for the password again once it is online. Signing out never deletes unsent changes.

import { recordTypes } from "../../../src/auth/policy.js";
import type { PeerlinkDb } from "../db/database.js";
import { getMeta, noteStart, setMeta } from "../db/meta.js";
import { type Api, ApiError, NetworkError } from "../sync/api.js";

const iterations = 150_000;

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

async function derive(password: string, salt: string): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  // WebCrypto exists only on secure origins (https, localhost): elsewhere, no offline sign-in.
  if (!subtle) return undefined;
  const key = await subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, [
    "deriveBits",
  ]);
  const bits = await subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: new TextEncoder().encode(salt), iterations },
    key,
    256,
  );
  return toBase64(new Uint8Array(bits));
}

/**
 * A different person signs in on this phone: their scope starts empty, unless the previous
 * person's work is still waiting to be sent or resolved — that is never thrown away.
 */
async function clearOtherUsersData(db: PeerlinkDb, userId: string): Promise<void> {
  const previous =
    (await getMeta(db, "offlineLogin"))?.user.id ?? (await getMeta(db, "session"))?.user.id;
  if (!previous || previous === userId) return;
  if ((await db.outbox.count()) > 0 || (await db.problems.count()) > 0) return;
  await db.transaction("rw", [...recordTypes.map((t) => db.anyRecords(t)), db.meta], async () => {
    for (const type of recordTypes) await db.anyRecords(type).clear();
    await db.meta.bulkDelete(["cursor", "cursorUser", "reference", "syncStatus"]);
  });
}

export async function signInOnline(
  db: PeerlinkDb,
  api: Api,
  username: string,
  password: string,
): Promise<void> {
  const answer = await api.login(username, password);
  await clearOtherUsersData(db, answer.user.id);
  await setMeta(db, "session", { ...answer, valid: true, unlocked: true });
  const salt = toBase64(globalThis.crypto.getRandomValues(new Uint8Array(16)));
  const hash = await derive(password, salt);
  if (hash)
    await setMeta(db, "offlineLogin", {
      username: answer.user.username,
      salt,
      hash,
      user: answer.user,
    });
  if (!(await getMeta(db, "locale"))) await setMeta(db, "locale", answer.user.locale);
}

/** Whether this phone can sign someone in without a network (after one online log-in). */
export async function canSignInOffline(db: PeerlinkDb): Promise<boolean> {
  return (
    (await getMeta(db, "offlineLogin")) !== undefined && globalThis.crypto?.subtle !== undefined
  );
}

export async function signInOffline(
  db: PeerlinkDb,
  username: string,
  password: string,
): Promise<boolean> {
  const check = await getMeta(db, "offlineLogin");
  if (!check || check.username !== username.trim().toLowerCase()) return false;
  if ((await derive(password, check.salt)) !== check.hash) return false;
  await setMeta(db, "session", { user: check.user, csrf_token: "", valid: false, unlocked: true });
  return true;
}

/** The server no longer knows the session (a 401): ask for the password; keep everything else. */
export async function markSessionEnded(db: PeerlinkDb): Promise<void> {
  const session = await getMeta(db, "session");
  if (session) await setMeta(db, "session", { ...session, valid: false, unlocked: false });
}

/** Refreshes the session when the app starts online; a 401 means: sign in again. */
export async function refreshSession(db: PeerlinkDb, api: Api): Promise<void> {
  const session = await getMeta(db, "session");
  if (!session?.valid) return;
  try {
    const answer = await api.me();
    await setMeta(db, "session", { ...answer, valid: true, unlocked: true });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) await markSessionEnded(db);
    else if (!(error instanceof NetworkError)) throw error;
  }
}

export async function signOut(db: PeerlinkDb, api: Api): Promise<void> {
  const session = await getMeta(db, "session");
  if (session?.valid) await api.logout().catch(() => undefined);
  await db.meta.delete("session");
  await noteStart(db);
}
