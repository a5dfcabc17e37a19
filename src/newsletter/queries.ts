// SQL of the newsletter: subscribers, their consent records and issues.
import { sql } from "kysely";
import type { Db } from "../db/connection.js";
import type { ConsentEvent, IssueState, SubscriberStatus } from "../db/schema.js";
import type { Locale } from "../lib/i18n.js";

export async function findSubscriberByHash(db: Db, hash: string) {
  return db
    .selectFrom("newsletter_subscribers")
    .selectAll()
    .where("address_hash", "=", hash)
    .executeTakeFirst();
}

export async function findSubscriber(db: Db, id: string) {
  return db
    .selectFrom("newsletter_subscribers")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function insertSubscriber(
  db: Db,
  row: {
    id: string;
    address_hash: string;
    address: Buffer;
    locale: Locale;
    topics: string[];
    now: Date;
  },
) {
  await db
    .insertInto("newsletter_subscribers")
    .values({
      id: row.id,
      address_hash: row.address_hash,
      address: row.address,
      locale: row.locale,
      topics: row.topics,
      status: "pending",
      created_at: row.now,
      updated_at: row.now,
    })
    .execute();
}

export async function updateSubscriber(
  db: Db,
  id: string,
  changes: {
    locale?: Locale;
    topics?: string[];
    status?: SubscriberStatus;
    confirmed_at?: Date;
    left_at?: Date | null;
  },
  now: Date,
) {
  await db
    .updateTable("newsletter_subscribers")
    .set({ ...changes, updated_at: now })
    .where("id", "=", id)
    .execute();
}

export async function deleteSubscriber(db: Db, id: string) {
  await db.deleteFrom("newsletter_subscribers").where("id", "=", id).execute();
}

export async function insertConsent(
  db: Db,
  row: {
    subscriber_id: string;
    event: ConsentEvent;
    locale: Locale;
    page: string | null;
    shown_text: string;
    topics: string[];
    at: Date;
  },
) {
  await db.insertInto("newsletter_consents").values(row).execute();
}

export async function listConsents(db: Db, subscriberId: string) {
  return db
    .selectFrom("newsletter_consents")
    .select(["event", "locale", "page", "shown_text", "topics", "at"])
    .where("subscriber_id", "=", subscriberId)
    .orderBy("id")
    .execute();
}

/** Confirmed subscribers in pages by id (a send reads them all, a page at a time). */
export async function listConfirmed(
  db: Db,
  after: string | null,
  limit: number,
  topic: string | null,
) {
  let query = db
    .selectFrom("newsletter_subscribers")
    .select(["id", "address", "locale", "topics"])
    .where("status", "=", "confirmed")
    .orderBy("id")
    .limit(limit);
  if (after) query = query.where("id", ">", after);
  // Subscribers who chose no project want every issue.
  if (topic !== null) {
    query = query.where((eb) =>
      eb.or([
        eb(sql<number>`cardinality(topics)`, "=", 0),
        eb(sql.val(topic), "=", sql<string>`any(topics)`),
      ]),
    );
  }
  return query.execute();
}

export async function countSubscribers(db: Db) {
  return db
    .selectFrom("newsletter_subscribers")
    .select(["status", "locale", sql<number>`count(*)::int`.as("n")])
    .groupBy(["status", "locale"])
    .execute();
}

export async function findIssue(db: Db, id: string, lock = false) {
  let query = db.selectFrom("newsletter_issues").selectAll().where("id", "=", id);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function listIssueRows(db: Db) {
  return db
    .selectFrom("newsletter_issues")
    .select(["id", "state", "subject_vi", "subject_en", "recipients", "updated_at", "sent_at"])
    .orderBy("created_at", "desc")
    .limit(200)
    .execute();
}

export interface IssueFields {
  subject_vi: string;
  subject_en: string;
  intro_vi: string;
  intro_en: string;
  news_ids: string[];
  topic: string | null;
}

export async function insertIssue(
  db: Db,
  id: string,
  fields: IssueFields,
  userId: string,
  now: Date,
) {
  await db
    .insertInto("newsletter_issues")
    .values({ id, ...fields, created_by: userId, created_at: now, updated_at: now })
    .execute();
}

export async function updateIssue(
  db: Db,
  id: string,
  changes: Partial<IssueFields> & {
    state?: IssueState;
    recipients?: number;
    sent_by?: string;
    sent_at?: Date;
  },
  now: Date,
) {
  await db
    .updateTable("newsletter_issues")
    .set({ ...changes, updated_at: now })
    .where("id", "=", id)
    .execute();
}
