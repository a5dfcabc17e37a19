// What the public website's caches need to know of the database: a version per name of data
// ('records', 'programmes', 'content', 'media'), raised each time a transaction that changed it
// commits. The database says so itself: every table that a public page shows has a trigger that
// sends a notice on the channel `peerlink_change` (migration 0018), and PostgreSQL delivers a
// notice only when its transaction commits (never for one rolled back). A cache keyed by these
// versions therefore never serves a page older than a committed change: a page computed while a
// change committed is kept under the version read before it started, which the change's notice
// has already left behind.
//
// How notices arrive:
//   - PGlite: the thread listens on the channel and posts each notice to this process before the
//     answer of the statement that committed (src/db/pglite-worker.ts), so when a write returns,
//     its notice has been counted.
//   - PostgreSQL: one connection of its own listens (LISTEN). Notices from other processes (a CLI
//     import, a second app server) arrive within milliseconds; `settle()` makes this process's own
//     writes certain: the listening connection answers a query only after the notices committed
//     before it, so awaiting one `select 1` there counts every earlier commit.
//   - While the listening connection is down, or before it listens, there is no version to trust:
//     `key()` answers undefined and caches must not keep anything. Each time notices may have been
//     missed (a new connection, a replaced PGlite thread), every version changes.
//
// 'past_records' is the part of 'records' the public figures can see: a change to a record dated
// before the current quarter (migration 0024). The public release publishes ended quarters only,
// so a phone sending today's work raises 'records' but not 'past_records', and the project page
// is not remade for it.
export type ChangeName = "records" | "past_records" | "programmes" | "content" | "media";

export class ChangeNotices {
  #versions = new Map<string, number>();
  /** Raised whenever notices may have been missed: then every name counts as changed. */
  #epoch = 0;
  #listening: boolean;
  readonly #settle: () => Promise<void>;
  readonly #start: () => void;

  constructor(options: {
    /** Whether notices arrive from the start (PGlite) or only once `start` has connected. */
    listening: boolean;
    /** Resolves once every notice of a transaction committed before the call has been counted. */
    settle?: () => Promise<void>;
    /** Begins listening, on first use (so a CLI command that never asks never connects). */
    start?: () => void;
  }) {
    this.#listening = options.listening;
    this.#settle = options.settle ?? (async () => {});
    this.#start = options.start ?? (() => {});
  }

  /** A notice from the database: `name` changed in a transaction that has committed. */
  notice(name: string): void {
    this.#versions.set(name, (this.#versions.get(name) ?? 0) + 1);
  }

  /** Notices may have been missed (the listener reconnected, the thread was replaced). */
  missed(): void {
    this.#epoch += 1;
  }

  /** Whether versions can be trusted now. */
  setListening(listening: boolean): void {
    if (listening !== this.#listening) this.#epoch += 1;
    this.#listening = listening;
    if (listening) for (const resolve of this.#waiting.splice(0)) resolve();
  }

  #waiting: (() => void)[] = [];

  /**
   * Resolves once notices arrive (at once on PGlite; once the listening connection listens on
   * PostgreSQL), or after `withinMs` whatever happens: caches simply keep nothing until then.
   */
  ready(withinMs = 5_000): Promise<void> {
    this.#start();
    if (this.#listening) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, withinMs);
      this.#waiting.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * The versions of the names a page depends on, as one string for a cache key; undefined when
   * notices are not arriving, and nothing may be cached.
   */
  key(names: readonly ChangeName[]): string | undefined {
    this.#start();
    if (!this.#listening) return undefined;
    return versionsKey(this.#epoch, this.#versions, names);
  }

  /**
   * The versions as they are now, for keying what is read from a snapshot of the database taken
   * after this call (src/db/reading.ts, readSnapshot): read later, the versions could count a
   * change committed after the snapshot, and what the snapshot gave would be kept as newer than it
   * is. Undefined when nothing may be cached.
   */
  freeze(): ((names: readonly ChangeName[]) => string) | undefined {
    this.#start();
    if (!this.#listening) return undefined;
    const epoch = this.#epoch;
    const versions = new Map(this.#versions);
    return (names) => versionsKey(epoch, versions, names);
  }

  /** Resolves once the notices of every transaction committed before now have been counted. */
  settle(): Promise<void> {
    return this.#listening ? this.#settle() : Promise.resolve();
  }
}

const versionsKey = (
  epoch: number,
  versions: ReadonlyMap<string, number>,
  names: readonly ChangeName[],
) => `${epoch}:${names.map((name) => `${name}=${versions.get(name) ?? 0}`).join(",")}`;
