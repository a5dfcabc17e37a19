// SQL of content items, their revisions and their retired slugs. An item is public when it is
// published, or scheduled and its moment has come (`publish_at <= now`): decided here, when read,
// so no job has to flip states at the right minute.
import { type ExpressionBuilder, type Insertable, sql, type Updateable } from "kysely";
import type { Db } from "../db/connection.js";
import type {
  ContentItemsTable,
  ContentKind,
  ContentRevisionsTable,
  ContentState,
  DB,
} from "../db/schema.js";
import type { Locale } from "../lib/i18n.js";

export type ItemRow = Awaited<ReturnType<typeof findItem>> & {};

/** Published, or scheduled for a moment already past. */
const isPublicAt = (now: Date) => (eb: ExpressionBuilder<DB, "content_items">) =>
  eb.or([
    eb("content_items.state", "=", "published"),
    eb.and([
      eb("content_items.state", "=", "scheduled"),
      eb("content_items.publish_at", "<=", now),
    ]),
  ]);

export async function insertItem(db: Db, row: Insertable<ContentItemsTable>): Promise<void> {
  await db.insertInto("content_items").values(row).execute();
}

export async function updateItem(
  db: Db,
  id: string,
  values: Updateable<ContentItemsTable>,
): Promise<void> {
  await db.updateTable("content_items").set(values).where("id", "=", id).execute();
}

export async function findItem(db: Db, id: string) {
  return db.selectFrom("content_items").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The item, locked until the end of the transaction: saves of one item happen one at a time. */
export async function lockItem(db: Db, id: string) {
  return db
    .selectFrom("content_items")
    .selectAll()
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

export interface ItemFilter {
  kind?: ContentKind | undefined;
  state?: ContentState | undefined;
  /** Words of the title, in either language. */
  q?: string | undefined;
  limit: number;
  offset: number;
}

function filtered(db: Db, filter: ItemFilter) {
  let query = db.selectFrom("content_items");
  if (filter.kind) query = query.where("kind", "=", filter.kind);
  if (filter.state) query = query.where("state", "=", filter.state);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb("title_vi", "ilike", pattern), eb("title_en", "ilike", pattern)]),
    );
  }
  return query;
}

/** A page of items, most recently changed first, and how many match in all. */
export async function listItems(db: Db, filter: ItemFilter) {
  const [rows, count] = await Promise.all([
    filtered(db, filter)
      .selectAll()
      .orderBy("updated_at", "desc")
      .orderBy("id")
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    filtered(db, filter)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Another live item of the kind that uses the slug in that language. */
export async function slugTaken(
  db: Db,
  kind: ContentKind,
  locale: Locale,
  slug: string,
  exceptId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("content_items")
    .select("id")
    .where("kind", "=", kind)
    .where(locale === "vi" ? "slug_vi" : "slug_en", "=", slug)
    .where("state", "<>", "archived")
    .where("id", "<>", exceptId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Another live narrative of the project. */
export async function projectNarrativeTaken(
  db: Db,
  projectSlug: string,
  exceptId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("content_items")
    .select("id")
    .where("kind", "=", "project")
    .where("project_slug", "=", projectSlug)
    .where("state", "<>", "archived")
    .where("id", "<>", exceptId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertRevision(
  db: Db,
  row: Insertable<ContentRevisionsTable>,
): Promise<void> {
  await db.insertInto("content_revisions").values(row).execute();
}

export async function listRevisions(db: Db, itemId: string) {
  return db
    .selectFrom("content_revisions")
    .select(["number", "saved_at", "saved_by", "state", "note", "restored_from"])
    .where("item_id", "=", itemId)
    .orderBy("number", "desc")
    .execute();
}

/** The revision and the one before it (for a diff), oldest first. */
export async function findRevisions(db: Db, itemId: string, numbers: readonly number[]) {
  return db
    .selectFrom("content_revisions")
    .selectAll()
    .where("item_id", "=", itemId)
    .where("number", "in", numbers)
    .orderBy("number")
    .execute();
}

/** Keeps a published item's old slug pointing at it; a slug retired twice points at the latest. */
export async function retireSlug(
  db: Db,
  values: { kind: ContentKind; locale: Locale; slug: string; itemId: string; at: Date },
): Promise<void> {
  await db
    .insertInto("content_slug_history")
    .values({
      kind: values.kind,
      locale: values.locale,
      slug: values.slug,
      item_id: values.itemId,
      retired_at: values.at,
    })
    .onConflict((oc) =>
      oc
        .columns(["kind", "locale", "slug"])
        .doUpdateSet({ item_id: values.itemId, retired_at: values.at }),
    )
    .execute();
}

/**
 * The public item of a kind at a slug in a language. An item without a slug in that language is
 * found by its Vietnamese one (its page in that language shows the Vietnamese text).
 */
export async function findPublicBySlug(
  db: Db,
  kind: ContentKind,
  locale: Locale,
  slug: string,
  now: Date,
) {
  return db
    .selectFrom("content_items")
    .selectAll()
    .where("kind", "=", kind)
    .where(isPublicAt(now))
    .where((eb) =>
      locale === "vi"
        ? eb("slug_vi", "=", slug)
        : eb.or([
            eb("slug_en", "=", slug),
            eb.and([eb("slug_en", "is", null), eb("slug_vi", "=", slug)]),
          ]),
    )
    .executeTakeFirst();
}

/** The public item that once had this slug, if it is public still. */
export async function findPublicByRetiredSlug(
  db: Db,
  kind: ContentKind,
  locale: Locale,
  slug: string,
  now: Date,
) {
  return db
    .selectFrom("content_slug_history as h")
    .innerJoin("content_items", "content_items.id", "h.item_id")
    .selectAll("content_items")
    .where("h.kind", "=", kind)
    .where("h.locale", "=", locale)
    .where("h.slug", "=", slug)
    .where(isPublicAt(now))
    .executeTakeFirst();
}

export interface PublicFilter {
  kind: ContentKind;
  projectSlug?: string | undefined;
  limit: number;
  offset: number;
}

/** A page of public items of a kind, newest first, and how many there are. */
export async function listPublic(db: Db, filter: PublicFilter, now: Date) {
  let query = db.selectFrom("content_items").where("kind", "=", filter.kind).where(isPublicAt(now));
  if (filter.projectSlug) query = query.where("project_slug", "=", filter.projectSlug);
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy("published_at", "desc")
      .orderBy("id", "desc")
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * Public activities on one side of `now`: upcoming ones (not yet ended) soonest first, past ones
 * latest first.
 */
export async function listPublicActivities(
  db: Db,
  side: "upcoming" | "past",
  page: { limit: number; offset: number },
  now: Date,
) {
  const ended = sql<Date>`coalesce(ends_at, starts_at)`;
  const query = db
    .selectFrom("content_items")
    .where("kind", "=", "activity")
    .where(isPublicAt(now))
    .where("starts_at", "is not", null)
    .where(ended, side === "upcoming" ? ">=" : "<", now);
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy("starts_at", side === "upcoming" ? "asc" : "desc")
      .orderBy("id")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The public narrative of a project. */
export async function findPublicNarrative(db: Db, projectSlug: string, now: Date) {
  return db
    .selectFrom("content_items")
    .selectAll()
    .where("kind", "=", "project")
    .where("project_slug", "=", projectSlug)
    .where(isPublicAt(now))
    .executeTakeFirst();
}

/** Public sponsors and partners, by title. */
export async function listPublicPartners(db: Db, now: Date) {
  return db
    .selectFrom("content_items")
    .selectAll()
    .where("kind", "=", "partner")
    .where(isPublicAt(now))
    .orderBy("title_vi")
    .execute();
}

/** Every public item with a page of its own (for the sitemap). */
export async function listPublicWithPages(db: Db, now: Date) {
  return db
    .selectFrom("content_items")
    .select(["kind", "slug_vi", "slug_en", "updated_at", "html"])
    .select(sql<string | null>`fields->>'image_id'`.as("image_id"))
    .where("kind", "in", ["page", "news", "activity"])
    .where("slug_vi", "is not", null)
    .where(isPublicAt(now))
    .orderBy("kind")
    .orderBy("published_at", "desc")
    .execute();
}

/**
 * The public items whose pictures show on another page: projects' narratives (on the project's
 * page) and partners (their logos, on the sponsors page) — the sitemap's images of those pages.
 */
export async function listPublicPicturesElsewhere(db: Db, now: Date) {
  return db
    .selectFrom("content_items")
    .select(["kind", "project_slug", "html"])
    .select(sql<string | null>`fields->>'image_id'`.as("image_id"))
    .where("kind", "in", ["project", "partner"])
    .where(isPublicAt(now))
    .orderBy("kind")
    .orderBy("id")
    .execute();
}

/**
 * The last change of the public items of each kind, and of each project's narrative: the sitemap's
 * dates of the lists and of the project pages, in one grouped read.
 */
export async function listPublicChangeDates(db: Db, now: Date) {
  return db
    .selectFrom("content_items")
    .select((eb) => ["kind", "project_slug", eb.fn.max("updated_at").as("at")])
    .where(isPublicAt(now))
    .groupBy(["kind", "project_slug"])
    .execute();
}

/** The next moment a scheduled item goes public. */
export async function nextPublishAt(db: Db, now: Date): Promise<Date | null> {
  const row = await db
    .selectFrom("content_items")
    .select((eb) => eb.fn.min("publish_at").as("at"))
    .where("state", "=", "scheduled")
    .where("publish_at", ">", now)
    .executeTakeFirst();
  return row?.at ? new Date(row.at as Date | string) : null;
}
