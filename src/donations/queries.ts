// The SQL of donations: pledges, gifts and their receipt counters, the bank's lines.
import { sql } from "kysely";
import type { Db } from "../db/connection.js";
import type { BankLineSource, DateString, PledgeMethod } from "../db/schema.js";

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
    })
    .onConflict((oc) => oc.column("reference").doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

export function findPledge(db: Db, id: string) {
  return db
    .selectFrom("donation_pledges as p")
    .leftJoin("projects as pr", "pr.id", "p.project_id")
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
      "pr.slug as project_slug",
      "pr.name_vi as project_name_vi",
      "pr.name_en as project_name_en",
      "g.id as gift_id",
      "g.amount as gift_amount",
      "g.receipt_year",
      "g.receipt_number",
      "g.received_on",
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
    channel: "bank" | "vnpay";
    sourceKey: string;
    ledgerTransactionId: string;
    receiptYear: number;
    receiptNumber: number;
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
    })
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
  },
): Promise<void> {
  await db
    .updateTable("donation_bank_lines")
    .set({
      state: settlement.state,
      matched_by: settlement.matchedBy,
      gift_id: settlement.giftId,
      decided_by: settlement.decidedBy,
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
    .leftJoin("projects as pr", "pr.id", "p.project_id")
    .select(["p.id", "p.reference", "p.amount", "p.method", "p.created_at", "pr.slug"])
    .where("p.status", "=", "waiting")
    .orderBy("p.created_at", "desc")
    .limit(limit)
    .execute();
}

export async function insertGatewayEvent(
  db: Db,
  event: {
    id: string;
    gateway: "vnpay" | "sepay" | "casso";
    outcome: string;
    reference: string | null;
  },
): Promise<void> {
  await db.insertInto("donation_gateway_events").values(event).execute();
}

/** Gifts to a project by month, for its public page (sums only). */
export function selectProjectGiftMonths(db: Db, projectId: string) {
  return db
    .selectFrom("donation_gifts")
    .select([
      sql<string>`to_char(received_on, 'YYYY-MM')`.as("month"),
      sql<string>`count(*)::text`.as("gifts"),
      sql<string>`sum(amount)::text`.as("amount"),
    ])
    .where("project_id", "=", projectId)
    .groupBy(sql`to_char(received_on, 'YYYY-MM')`)
    .orderBy("month")
    .execute();
}
