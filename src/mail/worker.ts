// The worker that drains the mail queue, started by main.ts and stopped before the database
// closes. It claims at most `window` due messages at a time (marked `sending`), hands them to the
// transport no faster than `ratePerSecond`, and records each outcome: sent (the address and body
// dropped), retried later with exponential backoff (a 4xx or a connection failure), or failed for
// good (a 5xx, or retries used up: the address's failure is counted, and an address that keeps
// failing is suppressed). At start it queues again what a stopped process left in `sending`:
// those messages — at most one window — may go out twice, each time with the same Message-ID.
import type { Database } from "../db/connection.js";
import type { JobLog } from "../jobs/runner.js";
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
  requeueSending,
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
  const spacingMs = 1000 / options.ratePerSecond;
  let nextStart = 0;
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let woken = false;

  /** Waits for the rate limit's next slot. */
  async function slot(): Promise<void> {
    const at = Math.max(Date.now(), nextStart);
    nextStart = at + spacingMs;
    const wait = at - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  async function deliver(row: ClaimedRow): Promise<"sent" | "retry" | "failed"> {
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

  async function drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      const rows = await claimDue(db, options.window, now());
      if (rows.length === 0) return handled;
      await Promise.all(
        rows.map(async (row) => {
          await slot();
          await deliver(row);
        }),
      );
      handled += rows.length;
      if (!running && loop) return handled;
    }
  }

  async function run(): Promise<void> {
    while (running) {
      try {
        await drain();
      } catch (error) {
        log.error({ err: error }, "the mail queue could not be read");
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
      const requeued = await requeueSending(db);
      if (requeued > 0)
        log.info({ requeued }, "mail left in sending by a stopped process is queued again");
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
      transport.close();
    },
  };
}
