// One sync at a time per device, even with the app open in two tabs. Browsers with the Web Locks
// API (every current one) hold a lock that is released the moment its tab closes or reloads; where
// it is missing (old WebViews, Node in tests), a lease in IndexedDB, which every tab shares — a
// lease with an expiry, not a flag, so a tab closed mid-sync cannot hold it for ever.
import type { PeerlinkDb } from "../db/database.js";

const lockName = "peerlink-sync";

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

export type Locked<T> = { busy: true } | { busy: false; value: T };

/** Runs `work` holding the device's sync lock; `busy` when another tab or engine holds it. */
export async function withSyncLock<T>(
  db: PeerlinkDb,
  owner: string,
  work: () => Promise<T>,
  now: () => number = Date.now,
): Promise<Locked<T>> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (locks)
    return locks.request(lockName, { ifAvailable: true }, async (lock) =>
      lock ? { busy: false as const, value: await work() } : { busy: true as const },
    );
  return withLease(db, owner, work, now);
}

/** The IndexedDB lease, for browsers without Web Locks. */
export async function withLease<T>(
  db: PeerlinkDb,
  owner: string,
  work: () => Promise<T>,
  now: () => number = Date.now,
): Promise<Locked<T>> {
  if (!(await acquire(db, owner, now()))) return { busy: true };
  try {
    return { busy: false, value: await work() };
  } finally {
    await release(db, owner);
  }
}
