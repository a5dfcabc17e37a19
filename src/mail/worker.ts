// The worker that drains the mail queue, started by main.ts and stopped before the database
// closes. Several app processes may run one each; only the holder of the sender's lease (a row with
// an expiry, renewed while it works) sends, so the rate limit — the SMTP relay's — holds for the
// whole installation and no two processes send the same message. The holder claims at most
// `window` due messages at a time (marked `sending`), hands them to the transport no faster than
// `ratePerSecond`, and records each outcome: sent (the address and body dropped), retried later
// with exponential backoff (a 4xx or a connection failure), or failed for good (a 5xx, or retries
// used up: the address's failure is counted, and an address that keeps failing is suppressed).
// Before each claim it queues again whatever is still `sending` — it has nothing in flight then,
// so those were left by a process that died (its lease ran out, or, on the embedded database,
// whose data directory only one process can open, it simply restarted) or by a database error
// after a send; each goes out again with the same Message-ID: at once when the lease has just
// been taken over, after the first retry's wait otherwise (a database failing every "sent" mark
// must not resend in a loop). The in-flight window: a holder whose sends outlast its lease (a
// hung SMTP connection, a paused process) may have those messages — at most one window — sent
// twice.
import type { Database } from "../db/connection.js";
import type { JobLog } from "../jobs/runner.js";
import { newId } from "../lib/ids.js";
import { openAddress } from "./address.js";
import type { MailContent } from "./message.js";
import { toSendOptions } from "./message.js";
import {
  type ClaimedRow,
  claimDue,
  clearAddressFailures,
  markFailed,
  markRetry,
  markSent,
  recordAddressFailure,
  releaseSenderLease,
  requeueStuck,
  takeSenderLease,
} from "./queries.js";
import type { Mailer } from "./service.js";
import { classifyFailure, type MailTransport } from "./transport.js";

/** Attempts of one message before it is given up (about 8 hours of backoff in all). */
export const MAX_ATTEMPTS = 8;
/** The first retry waits this long; each next one twice as long, at most an hour. */
export const FIRST_RETRY_MS = 60_000;
export const MAX_RETRY_MS = 60 * 60_000;
/** Lasting failures of an address (5xx, retries used up) after which it gets nothing more. */
export const FAILURES_BEFORE_SUPPRESSION = 3;
/**
 * With nothing due, the queue is looked at again this often. A queued message wakes the worker at
 * once; one queued inside a transaction not yet committed when it woke is found by the next look.
 */
const IDLE_POLL_MS = 2_000;
/**
 * How long the sender's lease lasts unless renewed; it is renewed once a third of it has gone
 * (before a message is handed over), so a process that dies holds the queue up this long at most.
 */
export const LEASE_MS = 30_000;

export function retryDelay(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

export interface MailWorkerOptions {
  database: Database;
  mailer: Mailer;
  transport: MailTransport;
  ratePerSecond: number;
  window: number;
  log: JobLog;
  now?: () => Date;
  /** The lease's length (tests shorten it). */
  leaseMs?: number;
  /**
   * No other process can use this database (the embedded one, behind its data directory's lock):
   * a lease found at start is a dead process's, taken over at once.
   */
  exclusive?: boolean;
}

export interface MailWorker {
  start(): Promise<void>;
  /** Look at the queue now (something was queued). */
  wake(): void;
  /** Sends what is due now, until nothing is (tests, and the loop's body). */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

export function createMailWorker(options: MailWorkerOptions): MailWorker {
  const { database, mailer, transport, log } = options;
  const { db } = database;
  const now = options.now ?? (() => new Date());
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const spacingMs = 1000 / options.ratePerSecond;
  /** This worker's name in the lease row. */
  const holder = newId();
  let leaseUntil = 0;
  let renewedAt = Number.NEGATIVE_INFINITY;
  let renewing: Promise<boolean> | undefined;
  /** The lease was just taken (not renewed): what is left in `sending` is someone else's. */
  let takenOver = false;
  let seize = options.exclusive ?? false;
  let nextStart = 0;
  let running = false;
  let loop: Promise<void> | undefined;
  let draining: Promise<unknown> = Promise.resolve();
  let wakeUp: (() => void) | undefined;
  let woken = false;

  /** Whether this worker holds the lease, taking or renewing it when due. */
  function holdLease(): Promise<boolean> {
    const at = now().getTime();
    if (at < leaseUntil && at - renewedAt < leaseMs / 3) return Promise.resolve(true);
    renewing ??= (async () => {
      try {
        const from = now();
        const until = new Date(from.getTime() + leaseMs);
        const held = await takeSenderLease(db, holder, until, from, seize);
        seize = false;
        if (held && leaseUntil === 0) takenOver = true;
        leaseUntil = held ? from.getTime() + leaseMs : 0;
        renewedAt = from.getTime();
        return held;
      } finally {
        renewing = undefined;
      }
    })();
    return renewing;
  }

  /** Waits for the rate limit's next slot. */
  async function slot(): Promise<void> {
    const at = Math.max(Date.now(), nextStart);
    nextStart = at + spacingMs;
    const wait = at - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  async function deliver(row: ClaimedRow): Promise<"sent" | "retry" | "failed" | "lost"> {
    // A lease lost meanwhile: the new holder queues the message again; sending it here too would
    // send it twice.
    if (!(await holdLease())) return "lost";
    const attempts = row.attempts + 1;
    try {
      const to = openAddress(mailer.sealKey, row.recipient, row.id);
      const content = row.content as MailContent;
      await transport.send(
        toSendOptions(content, to, row.message_id, mailer.settings.from, row.created_at),
      );
    } catch (error) {
      const { permanent, reason } = classifyFailure(error);
      if (permanent || attempts >= MAX_ATTEMPTS) {
        await markFailed(db, row.id, attempts, reason);
        await recordAddressFailure(
          db,
          row.recipient_hash,
          reason,
          FAILURES_BEFORE_SUPPRESSION,
          now(),
        );
        log.warn({ message: row.message_id, reason }, "mail failed for good");
        return "failed";
      }
      await markRetry(
        db,
        row.id,
        attempts,
        new Date(now().getTime() + retryDelay(attempts)),
        reason,
      );
      log.info({ message: row.message_id, reason, attempts }, "mail will be retried");
      return "retry";
    }
    await markSent(db, row.id, now());
    await clearAddressFailures(db, row.recipient_hash);
    return "sent";
  }

  async function drainOnce(): Promise<number> {
    let handled = 0;
    if (!(await holdLease())) return handled;
    const retryAt = new Date(now().getTime() + (takenOver ? 0 : FIRST_RETRY_MS));
    takenOver = false;
    const stuck = await requeueStuck(db, retryAt, MAX_ATTEMPTS);
    if (stuck.requeued + stuck.failed > 0) {
      log.warn(stuck, "mail left in sending is queued again");
    }
    for (;;) {
      if (!(await holdLease())) return handled;
      const rows = await claimDue(db, options.window, now());
      if (rows.length === 0) return handled;
      // Every message of the window is settled before anything else happens: a message still
      // in flight must not be taken for one left in `sending`.
      const outcomes = await Promise.allSettled(
        rows.map(async (row) => {
          await slot();
          return deliver(row);
        }),
      );
      handled += outcomes.filter((o) => o.status === "fulfilled" && o.value !== "lost").length;
      const failure = outcomes.find((o) => o.status === "rejected");
      if (failure) throw failure.reason;
      if (outcomes.some((o) => o.status === "fulfilled" && o.value === "lost")) return handled;
      if (!running && loop) return handled;
    }
  }

  /** Sends what is due; one drain at a time in a worker (the loop's and a caller's). */
  function drain(): Promise<number> {
    const next = draining.then(drainOnce, drainOnce);
    draining = next.catch(() => {});
    return next;
  }

  async function run(): Promise<void> {
    while (running) {
      try {
        await drain();
      } catch (error) {
        log.error({ err: error }, "the mail queue could not be read or written");
      }
      if (!running) return;
      if (!woken) {
        await new Promise<void>((resolve) => {
          wakeUp = resolve;
          setTimeout(resolve, IDLE_POLL_MS).unref();
        });
      }
      woken = false;
      wakeUp = undefined;
    }
  }

  return {
    async start() {
      running = true;
      loop = run();
    },
    wake() {
      woken = true;
      wakeUp?.();
    },
    drain,
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
      await draining;
      if (leaseUntil > 0) {
        leaseUntil = 0;
        await releaseSenderLease(db, holder).catch((error: unknown) => {
          log.warn({ err: error }, "the mail sender's lease could not be given up");
        });
      }
      transport.close();
    },
  };
}
