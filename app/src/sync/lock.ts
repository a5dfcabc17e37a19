// One sync at a time per device, even with the app open in two tabs: a lease in IndexedDB (which
// every tab shares). A lease, not a flag, so a tab that is closed mid-sync cannot hold it for ever.
import type { PeerlinkDb } from "../db/database.js";

const key = "syncLock";
export const leaseMs = 2 * 60_000;

interface Lease {
  owner: string;
  expires: number;
}

async function acquire(db: PeerlinkDb, owner: string, now: number): Promise<boolean> {
  return db.transaction("rw", db.meta, async () => {
    const lease = (await db.meta.get(key))?.value as Lease | undefined;
    if (lease && lease.owner !== owner && lease.expires > now) return false;
    await db.meta.put({ key, value: { owner, expires: now + leaseMs } satisfies Lease });
    return true;
  });
}

async function release(db: PeerlinkDb, owner: string): Promise<void> {
  await db.transaction("rw", db.meta, async () => {
    const lease = (await db.meta.get(key))?.value as Lease | undefined;
    if (lease?.owner === owner) await db.meta.delete(key);
  });
}

/** Runs `work` holding the device's sync lease; `busy` when another tab or engine holds it. */
export async function withSyncLock<T>(
  db: PeerlinkDb,
  owner: string,
  work: () => Promise<T>,
  now: () => number = Date.now,
): Promise<{ busy: true } | { busy: false; value: T }> {
  if (!(await acquire(db, owner, now()))) return { busy: true };
  try {
    return { busy: false, value: await work() };
  } finally {
    await release(db, owner);
  }
}
