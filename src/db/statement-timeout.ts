// The statement timeout in force for the code running now: a request (src/limits/plugin.ts) or a
// background job (src/jobs/runner.ts) runs inside `withStatementTimeout`, and both engines read it
// when a statement is sent (src/db/connection.ts): PostgreSQL as its `statement_timeout`, PGlite,
// which has no timer of its own, through the watchdog of its thread (src/db/pglite-thread.ts).
// Code run outside any (migrations, the CLI, tests calling services) has no limit.
import { AsyncLocalStorage } from "node:async_hooks";

const storage = new AsyncLocalStorage<number>();

/** Runs `run` (and everything it starts) with statements limited to `ms` milliseconds each. */
export function withStatementTimeout<T>(ms: number, run: () => T): T {
  return storage.run(ms, run);
}

/** The limit of each statement of the code running now, in milliseconds; undefined: none. */
export function currentStatementTimeout(): number | undefined {
  return storage.getStore();
}
