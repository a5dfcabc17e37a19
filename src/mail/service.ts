// E-mail as a capability of Peerlink: features hand messages to the queue (one-off mails such as a
// confirmation or a receipt with `send`, a newsletter issue with `enqueueBatch`), and the worker
// (./worker.ts) sends them. Addresses are stored only encrypted and found by their keyed hash;
// a suppressed address (./worker.ts: it kept failing) gets nothing more.
import type { Db } from "../db/connection.js";
import type { MailStatus } from "../db/schema.js";
import { deriveKey } from "../lib/crypto.js";
import { newId } from "../lib/ids.js";
import { getOrganisation } from "../programmes/service.js";
import { addressHash, sealAddress } from "./address.js";
import { type MailContent, messageIdOf, withFooter } from "./message.js";
import {
  countBatch,
  deleteAddressRows,
  findAddressRows,
  findSuppressed,
  findSuppression,
  insertOutboxRows,
  type OutboxInsert,
} from "./queries.js";

export interface MailItem {
  to: string;
  content: MailContent;
}

export interface BatchProgress {
  total: number;
  queued: number;
  sending: number;
  sent: number;
  failed: number;
}

export interface MailSettings {
  from: string;
  postalAddress: string;
}

/** Rows of one insert: PostgreSQL takes at most 65,535 parameters in a statement. */
const INSERT_CHUNK = 1_000;

export class Mailer {
  readonly hashKey: Buffer;
  readonly sealKey: Buffer;

  constructor(
    secret: string,
    readonly settings: MailSettings,
    /**
     * Called after mail is queued: the worker of this process looks at once. A caller that queues
     * inside a transaction calls it again once that has committed.
     */
    readonly wake: () => void = () => {},
  ) {
    this.hashKey = deriveKey(secret, "address-hash");
    this.sealKey = deriveKey(secret, "address-encryption");
  }

  hash(address: string): string {
    return addressHash(this.hashKey, address);
  }

  /** One message now (a confirmation, a test, a receipt); returns its Message-ID. */
  async send(db: Db, item: MailItem, now: Date): Promise<string> {
    const [row] = await this.rowsOf(db, null, [item], now);
    await insertOutboxRows(db, [row!]);
    this.wake();
    return row!.message_id;
  }

  /**
   * A batch (a newsletter issue): one message per recipient, added once however often the batch
   * is enqueued. Call it inside the transaction that records the batch was asked for.
   */
  async enqueueBatch(db: Db, batchId: string, items: readonly MailItem[], now: Date) {
    let queued = 0;
    for (let start = 0; start < items.length; start += INSERT_CHUNK) {
      const rows = await this.rowsOf(db, batchId, items.slice(start, start + INSERT_CHUNK), now);
      queued += await insertOutboxRows(db, rows);
    }
    this.wake();
    return { queued };
  }

  async progress(db: Db, batchId: string): Promise<BatchProgress> {
    const counts = Object.fromEntries((await countBatch(db, batchId)).map((r) => [r.status, r.n]));
    const of = (status: MailStatus) => (counts[status] as number | undefined) ?? 0;
    const progress = { queued: of("queued"), sending: of("sending"), sent: of("sent") };
    const failed = of("failed");
    return {
      ...progress,
      failed,
      total: progress.queued + progress.sending + progress.sent + failed,
    };
  }

  /** What the queue knows of an address, for a person's request for their data. */
  async describe(db: Db, address: string) {
    const hash = this.hash(address);
    const [messages, suppression] = await Promise.all([
      findAddressRows(db, hash),
      findSuppression(db, hash),
    ]);
    return { messages, suppression: suppression ?? null };
  }

  /** Erasure: every queued or sent message to the address and its record of failures. */
  async forget(db: Db, address: string): Promise<number> {
    return deleteAddressRows(db, this.hash(address));
  }

  private async rowsOf(
    db: Db,
    batchId: string | null,
    items: readonly MailItem[],
    now: Date,
  ): Promise<OutboxInsert[]> {
    const organisation = await getOrganisation(db);
    const identityIn = (locale: "vi" | "en" = "vi") => ({
      from: this.settings.from,
      organisation: organisation ? `${organisation.shortName} · ${organisation.name[locale]}` : "",
      postalAddress: this.settings.postalAddress,
    });
    const hashes = items.map((item) => this.hash(item.to));
    const suppressed = await findSuppressed(db, hashes);
    return items.map((item, index) => {
      const id = newId();
      const hash = hashes[index]!;
      const blocked = suppressed.has(hash);
      return {
        id,
        batch_id: batchId,
        recipient_hash: hash,
        recipient: blocked ? null : sealAddress(this.sealKey, item.to, id),
        message_id: messageIdOf(id, this.settings.from),
        content: blocked
          ? null
          : JSON.stringify(withFooter(item.content, identityIn(item.content.locale))),
        status: blocked ? "failed" : "queued",
        last_error: blocked ? "suppressed: the address kept failing" : null,
        next_attempt_at: now,
        created_at: now,
      };
    });
  }
}
