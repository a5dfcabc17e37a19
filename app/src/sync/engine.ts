// The sync engine: push the outbox, then pull, then refresh the reference data — on start, when
// the phone comes back online, after each save, every few minutes and on "Sync now". After a
// failure it waits longer each time (exponential back-off) and keeps why (no network, no answer,
// a server fault, a refusal) and when it tries again, for the home screen to say. A 401 marks the
// session signed out (the app asks for the password again); the outbox is never touched by it.
import { markSessionEnded } from "../auth/session.js";
import type { PeerlinkDb } from "../db/database.js";
import { deviceId, getMeta, type SyncFailure, type SyncStatus, setMeta } from "../db/meta.js";
import { newId } from "../lib/ids.js";
import { type Api, ApiError, NetworkError, ServerError } from "./api.js";
import { withSyncLock } from "./lock.js";
import { pullChanges } from "./pull.js";
import { type PushSummary, pushOutbox, releaseInterruptedSends } from "./push.js";

export type SyncOutcome =
  | { kind: "done"; pushed: PushSummary; pulled: number }
  | { kind: "busy" }
  | { kind: "signed_out" }
  | (SyncFailure & { retryInMs: number });

export const periodMs = 5 * 60_000;
const firstRetryMs = 5_000;
const maxRetryMs = 10 * 60_000;

/** How long to wait after the n-th failure in a row: 5 s, 10 s, 20 s … up to 10 min, ±50 %. */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const base = Math.min(maxRetryMs, firstRetryMs * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.5 + random()));
}

export interface EngineDeps {
  db: PeerlinkDb;
  api: Api;
  now?: () => Date;
  random?: () => number;
  /** Whether the phone says it has a network (navigator.onLine); tells "offline" from "no answer". */
  online?: () => boolean;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export class SyncEngine {
  private readonly owner = newId();
  private failures = 0;
  private timer: unknown;
  private current: Promise<SyncOutcome> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: EngineDeps) {}

  get running(): boolean {
    return this.current !== undefined;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Syncs now; a call while a sync runs in this tab joins it. */
  sync(): Promise<SyncOutcome> {
    this.current ??= this.run().finally(() => {
      this.current = undefined;
      this.notify();
    });
    this.notify();
    return this.current;
  }

  /** Starts the periodic sync; `retryInMs` comes from the last outcome. */
  schedule(ms: number): void {
    const { setTimer = setTimeout, clearTimer = clearTimeout } = this.deps;
    if (this.timer !== undefined) clearTimer(this.timer as number);
    this.timer = setTimer(() => {
      this.timer = undefined;
      void this.sync();
    }, ms);
  }

  stop(): void {
    const { clearTimer = clearTimeout } = this.deps;
    if (this.timer !== undefined) clearTimer(this.timer as number);
    this.timer = undefined;
  }

  private notify() {
    for (const listener of this.listeners) listener();
  }

  private async run(): Promise<SyncOutcome> {
    try {
      return await this.runOnce();
    } catch (error) {
      // A fault of the device itself (storage full, a bug): said to the caller, and tried again.
      this.schedule(periodMs);
      throw error;
    }
  }

  private async runOnce(): Promise<SyncOutcome> {
    const { db } = this.deps;
    const now = this.deps.now ?? (() => new Date());
    const session = await getMeta(db, "session");
    if (!session?.valid) return { kind: "signed_out" };
    const status: SyncStatus = (await getMeta(db, "syncStatus")) ?? {
      lastSyncAt: null,
      lastAttemptAt: null,
    };
    status.lastAttemptAt = now().toISOString();
    const outcome = await this.attempt(session.user.id).catch((error: unknown) =>
      this.failed(error),
    );
    if (outcome.kind === "done") {
      this.failures = 0;
      status.lastSyncAt = now().toISOString();
      status.failure = null;
      status.retryAt = null;
    } else if ("retryInMs" in outcome) {
      const { retryInMs, ...failure } = outcome;
      status.failure = failure;
      status.retryAt = new Date(now().getTime() + retryInMs).toISOString();
    }
    await setMeta(db, "syncStatus", status);
    if (outcome.kind === "signed_out") {
      await markSessionEnded(db);
      this.stop();
    } else {
      this.schedule("retryInMs" in outcome ? outcome.retryInMs : periodMs);
    }
    return outcome;
  }

  private async attempt(userId: string): Promise<SyncOutcome> {
    const { db, api } = this.deps;
    const held = await withSyncLock(db, this.owner, async () => {
      await releaseInterruptedSends(db);
      const device = await deviceId(db);
      const pushed = await pushOutbox(db, api, { userId, deviceId: device, now: this.deps.now });
      const pulled = await pullChanges(db, api, { userId, deviceId: device });
      await setMeta(db, "reference", await api.reference());
      return { kind: "done", pushed, pulled } as const;
    });
    return held.busy ? { kind: "busy" } : held.value;
  }

  private failed(error: unknown): SyncOutcome {
    if (error instanceof ApiError && (error.status === 401 || error.code === "csrf_failed"))
      return { kind: "signed_out" };
    const failure = this.failureOf(error);
    this.failures += 1;
    return { ...failure, retryInMs: backoffDelay(this.failures, this.deps.random) };
  }

  private failureOf(error: unknown): SyncFailure {
    if (error instanceof ServerError) return { kind: "server_error", status: error.status };
    if (error instanceof NetworkError) {
      const online = this.deps.online ?? (() => globalThis.navigator?.onLine !== false);
      return { kind: online() ? "no_answer" : "offline" };
    }
    // Refused for a reason the server gave: said as it is, and tried again later (a permission
    // may come back), without hammering the server.
    if (error instanceof ApiError) return { kind: "refused", message: error.message };
    throw error;
  }
}
