// How answers read the database, above the engines of ./connection.ts: a statement that sorts
// much with the settings it needs (runSorting), everything of one answer from one snapshot
// (readSnapshot), a read repeated within a snapshot sent once (readOnce), and the versions of what
// changed that key what a snapshot gave (versionsFor).
import { AsyncLocalStorage } from "node:async_hooks";
import { sql } from "kysely";
import type { ChangeName, ChangeNotices } from "./change-notices.js";
import type { Db } from "./connection.js";

/** The embedded databases' Kysely instances: their one session is set up for sorting at start. */
const embedded = new WeakSet<Db>();

/** Says that `db` is an embedded database's (connection.ts, as it opens one). */
export function markEmbedded(db: Db): void {
  embedded.add(db);
}

/** Set while a snapshot is being opened: its transaction asks for the connection as a reader. */
const readingSnapshot = new AsyncLocalStorage<boolean>();

/** Whether the connection asked for now is a snapshot's (connection.ts lets it go first). */
export function openingSnapshot(): boolean {
  return readingSnapshot.getStore() === true;
}
/** Transactions in which runSorting has set (or is setting) its settings: they last to the end. */
const sortingSet = new WeakMap<Db, Promise<unknown>>();

/**
 * Runs a statement that sorts much (grouping sets with count(distinct), src/indicators/engine.ts)
 * with work memory to sort in and no JIT. PostgreSQL's default 4 MB of work memory spills a large
 * programme's sorts to disk and JIT compilation costs more than it saves there, so on PostgreSQL
 * the statement runs in a transaction of its own, or the caller's (set once in it), with both set
 * for it alone. PGlite's single session has both from its start (src/db/pglite-worker.ts), so
 * there the statement is sent alone: each statement is a round trip to its thread, and a
 * transaction with two settings around every query made four of every five.
 */
export async function runSorting<R>(db: Db, run: (db: Db) => Promise<R>): Promise<R> {
  if (embedded.has(db)) return run(db);
  const set = async (trx: Db) => {
    // Statements run in a transaction one after another: the ones sent meanwhile wait for these.
    let setting = sortingSet.get(trx);
    if (!setting) {
      setting = sql`set local work_mem = '128MB'`
        .execute(trx)
        .then(() => sql`set local jit = off`.execute(trx));
      sortingSet.set(trx, setting);
    }
    await setting;
    return run(trx);
  };
  // Inside a caller's transaction the settings last until that transaction ends.
  return db.isTransaction ? set(db) : db.transaction().execute(set);
}

/**
 * Runs `read` in one read-only transaction at REPEATABLE READ: everything it reads is of one
 * moment, so figures computed by several statements agree with each other (a record committed
 * between two of them is in all or none), and all of it is taken after the call began. On PGlite,
 * whose single connection is lent to one caller at a time, the connection is taken once for all
 * the statements instead of once each, each waiting behind whatever queued meanwhile (devices
 * pushing records). Inside a caller's transaction, `read` runs in it.
 */
export async function readSnapshot<R>(
  db: Db,
  read: (db: Db) => Promise<R>,
  options: {
    /** The versions of what changed, taken before the snapshot to key what it reads (versionsFor). */
    changes?: ChangeNotices;
    /**
     * Called once the transaction holds its connection, before its first statement takes the
     * snapshot: everything committed before this call is in it (src/http/answer-cache.ts).
     */
    began?: () => void;
  } = {},
): Promise<R> {
  if (db.isTransaction) return read(db);
  const versions = options.changes?.freeze();
  const transaction = db
    .transaction()
    .setIsolationLevel("repeatable read")
    .setAccessMode("read only");
  // Its connection asked for as a reader's (PgliteWorkerPool): only its own statements run in it.
  return readingSnapshot.run(true, () =>
    transaction.execute((snapshot) => {
      snapshots.set(snapshot, new Map());
      if (versions) frozenVersions.set(snapshot, versions);
      // PGlite's session sorts as runSorting would set it: nothing to set in its snapshots either.
      if (embedded.has(db)) sortingSet.set(snapshot, Promise.resolve());
      options.began?.();
      return readingSnapshot.run(false, () => read(snapshot));
    }),
  );
}

/** Each snapshot's versions of what changed, taken before it began. */
const frozenVersions = new WeakMap<Db, (names: readonly ChangeName[]) => string>();

/**
 * How a cache keys what it computes through `db`: the versions of `names` as they were before the
 * snapshot `db` reads (everything counted in them is in it); for a database or transaction that is
 * not a snapshot, as they are now (each statement sent after reads at least that much); undefined
 * — keep nothing — for a snapshot whose versions were not taken before it began.
 */
export function versionsFor(
  db: Db,
  changes: ChangeNotices,
  names: readonly ChangeName[],
): string | undefined {
  const frozen = frozenVersions.get(db);
  if (frozen) return frozen(names);
  return snapshots.has(db) ? undefined : changes.key(names);
}

/** What was read in each snapshot, by what it is (readOnce). */
const snapshots = new WeakMap<Db, Map<string, Promise<unknown>>>();

/**
 * `read`, once per snapshot: in a snapshot (readSnapshot) the same read gives the same rows, so a
 * read that several parts of one answer make (a project's sites, once for each published period)
 * is sent once and shared; elsewhere it is sent every time. What it gives is shared: not to be
 * changed. `key` names the read and its parameters.
 */
export function readOnce<T>(db: Db, key: string, read: () => Promise<T>): Promise<T> {
  const memo = snapshots.get(db);
  if (!memo) return read();
  let found = memo.get(key) as Promise<T> | undefined;
  if (!found) {
    found = read();
    memo.set(key, found);
  }
  return found;
}
