// The SQL of donations: pledges, gifts and their receipt counters, the bank's lines.
import { sql } from "kysely";
import type { Db } from "../db/connection.js";
import type { BankLineSource, DateString, GiftChannel, PledgeMethod } from "../db/schema.js";

export async function insertPledge(
  db: Db,
  pledge: {
    id: string;
    reference: string;
    projectId: string | null;
    amount: number;
    method: PledgeMethod;
    locale: "vi" | "en";
    named: boolean;
    donorName: Uint8Array | null;
    donorEmail: Uint8Array | null;
    /** A PayPal pledge's currency, amount in its hundredths, and rate to đồng. */
    original?: { currency: string; amount: number; vndRate: string } | undefined;
  },
): Promise<boolean> {
  const inserted = await db
    .insertInto("donation_pledges")
    .values({
      id: pledge.id,
      reference: pledge.reference,
      project_id: pledge.projectId,
      amount: pledge.amount,
      method: pledge.method,
      locale: pledge.locale,
      named: pledge.named,
      donor_name: pledge.donorName,
      donor_email: pledge.donorEmail,
      failure_code: null,
      received_at: null,
      ...(pledge.original
        ? {
            currency: pledge.original.currency,
            original_amount: pledge.original.amount,
            vnd_rate: pledge.original.vndRate,
          }
        : {}),
    })
    .onConflict((oc) => oc.column("reference").doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

export function findPledge(db: Db, id: string) {
  return db
    .selectFrom("donation_pledges as p")
    .leftJoin("donation_gifts as g", "g.pledge_id", "p.id")
    .select([
      "p.id",
      "p.reference",
      "p.project_id",
      "p.amount",
      "p.method",
      "p.locale",
      "p.named",
      "p.donor_name",
      "p.donor_email",
      "p.status",
      "p.failure_code",
      "p.created_at",
      "g.id as gift_id",
      "g.amount as gift_amount",
      "g.receipt_year",
      "g.receipt_number",
      "g.received_on",
      "p.currency",
      "p.original_amount",
      sql<string | null>`p.vnd_rate::text`.as("vnd_rate"),
    ])
    .where("p.id", "=", id)
    .executeTakeFirst();
}

export type PledgeRow = NonNullable<Awaited<ReturnType<typeof findPledge>>>;

export function findPledgeByReference(db: Db, reference: string) {
  return db
    .selectFrom("donation_pledges")
    .selectAll()
    .where("reference", "=", reference)
    .executeTakeFirst();
}

/** Waiting pledges whose reference starts with a cut-off code (at most two: one is a match). */
export function findWaitingPledgesByPrefix(db: Db, prefix: string) {
  return db
    .selectFrom("donation_pledges")
    .selectAll()
    .where("status", "=", "waiting")
    .where("reference", "like", `${prefix.replace(/[%_\\]/g, "")}%`)
    .limit(2)
    .execute();
}

/** Waiting bank-transfer pledges of an amount made in the days before a line was booked. */
export function findWaitingPledgesByAmount(db: Db, amount: number, from: Date, to: Date) {
  return db
    .selectFrom("donation_pledges")
    .selectAll()
    .where("status", "=", "waiting")
    .where("method", "=", "vietqr")
    .where("amount", "=", amount)
    .where("created_at", ">=", from)
    .where("created_at", "<", to)
    .limit(2)
    .execute();
}

export async function markPledgeReceived(db: Db, id: string, at: Date): Promise<void> {
  await db
    .updateTable("donation_pledges")
    .set({ status: "received", received_at: at })
    .where("id", "=", id)
    .execute();
}

export async function markPledgeFailed(db: Db, id: string, code: string): Promise<void> {
  await db
    .updateTable("donation_pledges")
    .set({ status: "failed", failure_code: code })
    .where("id", "=", id)
    .where("status", "=", "waiting")
    .execute();
}

/** The next receipt number of a year, taken in the caller's transaction (so without gaps). */
export async function takeReceiptNumber(db: Db, year: number): Promise<number> {
  const row = await db
    .insertInto("donation_receipt_counters")
    .values({ year, last_number: 1 })
    .onConflict((oc) =>
      oc.column("year").doUpdateSet({
        last_number: sql`donation_receipt_counters.last_number + 1`,
      }),
    )
    .returning("last_number")
    .executeTakeFirstOrThrow();
  return row.last_number;
}

export async function insertGift(
  db: Db,
  gift: {
    id: string;
    pledgeId: string | null;
    projectId: string | null;
    amount: number;
    receivedOn: DateString;
    channel: GiftChannel;
    sourceKey: string;
    ledgerTransactionId: string;
    receiptYear: number;
    receiptNumber: number;
    original?: OriginalAmount | undefined;
  },
): Promise<void> {
  await db
    .insertInto("donation_gifts")
    .values({
      id: gift.id,
      pledge_id: gift.pledgeId,
      project_id: gift.projectId,
      amount: gift.amount,
      received_on: gift.receivedOn,
      channel: gift.channel,
      source_key: gift.sourceKey,
      ledger_transaction_id: gift.ledgerTransactionId,
      receipt_year: gift.receiptYear,
      receipt_number: gift.receiptNumber,
      ...(gift.original
        ? {
            original_currency: gift.original.currency,
            original_amount: gift.original.amount,
            original_fee: gift.original.fee,
            vnd_rate: gift.original.vndRate,
            fee: gift.original.feeVnd,
          }
        : {}),
    })
    .execute();
}

/** What a PayPal gift was in its own currency (hundredths), at which rate, and its fee in đồng. */
export interface OriginalAmount {
  currency: string;
  amount: number;
  fee: number;
  vndRate: string;
  feeVnd: number;
}

/** A PayPal pledge: its currency and rate read as text (numeric), and its order. */
export function findPaypalPledge(db: Db, id: string) {
  return db
    .selectFrom("donation_pledges")
    .select([
      "id",
      "reference",
      "project_id",
      "amount",
      "method",
      "locale",
      "status",
      "currency",
      "original_amount",
      sql<string | null>`vnd_rate::text`.as("vnd_rate"),
      "gateway_order_id",
    ])
    .where("id", "=", id)
    .executeTakeFirst();
}

export type PaypalPledgeRow = NonNullable<Awaited<ReturnType<typeof findPaypalPledge>>>;

export function findPledgeIdByOrder(db: Db, orderId: string) {
  return db
    .selectFrom("donation_pledges")
    .select("id")
    .where("gateway_order_id", "=", orderId)
    .executeTakeFirst();
}

export async function setPledgeOrder(db: Db, id: string, orderId: string): Promise<void> {
  await db
    .updateTable("donation_pledges")
    .set({ gateway_order_id: orderId })
    .where("id", "=", id)
    .execute();
}

export function findGiftBySource(db: Db, sourceKey: string) {
  return db
    .selectFrom("donation_gifts")
    .selectAll()
    .where("source_key", "=", sourceKey)
    .executeTakeFirst();
}

/** Serialises work on one bank transfer (its fingerprint) until the transaction ends. */
export async function lockFingerprint(db: Db, fingerprint: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${fingerprint}))`.execute(db);
}

/** A line already known for this transfer: the same bank reference, or the same fingerprint. */
export function findSameLine(db: Db, bankReference: string | null, fingerprint: string) {
  return db
    .selectFrom("donation_bank_lines")
    .select(["id", "state", "gift_id"])
    .where((eb) =>
      bankReference === null
        ? eb("fingerprint", "=", fingerprint)
        : eb.or([
            eb("bank_reference", "=", bankReference),
            eb.and([eb("fingerprint", "=", fingerprint), eb("bank_reference", "is", null)]),
          ]),
    )
    .executeTakeFirst();
}

export function findLineBySource(db: Db, source: BankLineSource, providerId: string) {
  return db
    .selectFrom("donation_bank_lines")
    .select(["id", "state", "gift_id"])
    .where("source", "=", source)
    .where("provider_id", "=", providerId)
    .executeTakeFirst();
}

export async function insertBankLine(
  db: Db,
  line: {
    id: string;
    source: BankLineSource;
    providerId: string;
    fingerprint: string;
    bankReference: string | null;
    bookedOn: DateString;
    amount: number;
    content: string;
  },
): Promise<void> {
  await db
    .insertInto("donation_bank_lines")
    .values({
      id: line.id,
      source: line.source,
      provider_id: line.providerId,
      fingerprint: line.fingerprint,
      bank_reference: line.bankReference,
      booked_on: line.bookedOn,
      amount: line.amount,
      content: line.content,
      matched_by: null,
      gift_id: null,
      decided_by: null,
    })
    .execute();
}

export function findBankLine(db: Db, id: string) {
  return db.selectFrom("donation_bank_lines").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function settleBankLine(
  db: Db,
  id: string,
  settlement: {
    state: "matched" | "not_donation";
    matchedBy: "reference" | "amount_date" | "hand" | null;
    giftId: string | null;
    decidedBy: string | null;
    reason?: string | null;
  },
): Promise<void> {
  await db
    .updateTable("donation_bank_lines")
    .set({
      state: settlement.state,
      matched_by: settlement.matchedBy,
      gift_id: settlement.giftId,
      decided_by: settlement.decidedBy,
      decision_reason: settlement.reason ?? null,
    })
    .where("id", "=", id)
    .execute();
}

export function listUnmatchedLines(db: Db, limit: number) {
  return db
    .selectFrom("donation_bank_lines")
    .select(["id", "source", "booked_on", "amount", "content", "bank_reference", "created_at"])
    .where("state", "=", "unmatched")
    .orderBy("booked_on")
    .orderBy("id")
    .limit(limit)
    .execute();
}

export function listWaitingPledges(db: Db, limit: number) {
  return db
    .selectFrom("donation_pledges as p")
    .select(["p.id", "p.reference", "p.amount", "p.method", "p.created_at", "p.project_id"])
    .where("p.status", "=", "waiting")
    .orderBy("p.created_at", "desc")
    .limit(limit)
    .execute();
}

export async function insertGatewayEvent(
  db: Db,
  event: {
    id: string;
    gateway: "vnpay" | "sepay" | "casso" | "paypal";
    outcome: string;
    reference: string | null;
  },
): Promise<void> {
  await db.insertInto("donation_gateway_events").values(event).execute();
}

/**
 * Gifts to a project by month, for its public page (sums only). A gift whose ledger posting was
 * reversed is not counted: the fund's amounts (from the ledger) net it out, so the count must too.
 */
export function selectProjectGiftMonths(db: Db, projectId: string) {
  return db
    .selectFrom("donation_gifts as g")
    .select([
      sql<string>`to_char(g.received_on, 'YYYY-MM')`.as("month"),
      sql<string>`count(*)::text`.as("gifts"),
      sql<string>`sum(g.amount)::text`.as("amount"),
    ])
    .where("g.project_id", "=", projectId)
    .where(({ exists, not, selectFrom }) =>
      not(
        exists(
          selectFrom("ledger_transactions as r")
            .select("r.id")
            .whereRef("r.reverses", "=", "g.ledger_transaction_id"),
        ),
      ),
    )
    .groupBy(sql`to_char(g.received_on, 'YYYY-MM')`)
    .orderBy("month")
    .execute();
}

const receiptColumns = [
  "g.id",
  "g.pledge_id",
  "g.project_id",
  "g.amount",
  "g.received_on",
  "g.channel",
  "g.receipt_year",
  "g.receipt_number",
  "p.method",
  "p.donor_name",
] as const;

/** A gift and what its receipt says of the pledge (how it was given, the donor's sealed name). */
export function findGiftForReceipt(db: Db, giftId: string) {
  return db
    .selectFrom("donation_gifts as g")
    .leftJoin("donation_pledges as p", "p.id", "g.pledge_id")
    .select(receiptColumns)
    .where("g.id", "=", giftId)
    .executeTakeFirst();
}

export type ReceiptRow = NonNullable<Awaited<ReturnType<typeof findGiftForReceipt>>>;

/** A year's gifts whose donor gave an e-mail, with it sealed, by receipt number. */
export function listGiftsOfYearWithEmail(db: Db, year: number) {
  return db
    .selectFrom("donation_gifts as g")
    .innerJoin("donation_pledges as p", "p.id", "g.pledge_id")
    .select([...receiptColumns, "p.donor_email"])
    .where("g.receipt_year", "=", year)
    .where("p.donor_email", "is not", null)
    .orderBy("g.receipt_number")
    .execute();
}

/** Gifts received within dates, by date and receipt number (no donor's details). */
export function listGiftsReceived(db: Db, from: DateString, to: DateString, limit: number) {
  return db
    .selectFrom("donation_gifts as g")
    .leftJoin("donation_pledges as p", "p.id", "g.pledge_id")
    .select([
      "g.id",
      "g.project_id",
      "g.amount",
      "g.received_on",
      "g.channel",
      "g.receipt_year",
      "g.receipt_number",
      "g.ledger_transaction_id",
      "g.original_currency",
      "g.original_amount",
      "g.original_fee",
      sql<string | null>`g.vnd_rate::text`.as("vnd_rate"),
      "g.fee",
      "p.method",
      "p.reference",
    ])
    .where("g.received_on", ">=", from)
    .where("g.received_on", "<=", to)
    .orderBy("g.received_on")
    .orderBy("g.receipt_year")
    .orderBy("g.receipt_number")
    .limit(limit)
    .execute();
}
