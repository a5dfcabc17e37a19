// The SQL of site search: documents written, removed and found. Vectors and queries arrive in
// PostgreSQL's input syntax (vectors.ts) and are cast here, as parameters, never spliced.
import { sql } from "kysely";
import type { Db } from "../db/connection.js";
import type { SearchKind } from "../db/schema.js";
import type { Locale } from "../lib/i18n.js";

export interface DocumentRow {
  kind: SearchKind;
  ref: string;
  locale: Locale;
  url: string;
  title: string;
  body: string;
  publishedAt: Date;
  projectSlug: string | null;
  vector: string;
}

/** Writes the documents, replacing any with the same kind, ref and language. */
export async function upsertDocuments(db: Db, rows: readonly DocumentRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("search_documents")
    .values(
      rows.map((row) => ({
        kind: row.kind,
        ref: row.ref,
        locale: row.locale,
        url: row.url,
        title: row.title,
        body: row.body,
        published_at: row.publishedAt,
        project_slug: row.projectSlug,
        search_vector: sql<string>`${row.vector}::tsvector`,
      })),
    )
    .onConflict((conflict) =>
      conflict.columns(["kind", "ref", "locale"]).doUpdateSet((eb) => ({
        url: eb.ref("excluded.url"),
        title: eb.ref("excluded.title"),
        body: eb.ref("excluded.body"),
        published_at: eb.ref("excluded.published_at"),
        project_slug: eb.ref("excluded.project_slug"),
        search_vector: eb.ref("excluded.search_vector"),
        indexed_at: sql<Date>`now()`,
      })),
    )
    .execute();
}

/** Removes a document in every language; the number of rows removed. */
export async function deleteDocuments(db: Db, kind: SearchKind, ref: string): Promise<number> {
  const result = await db
    .deleteFrom("search_documents")
    .where("kind", "=", kind)
    .where("ref", "=", ref)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function countMatches(db: Db, locale: Locale, query: string): Promise<number> {
  const row = await db
    .selectFrom("search_documents")
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .where("locale", "=", locale)
    // A document scheduled to go public later is indexed already, and found from its moment on.
    .where("published_at", "<=", sql<Date>`now()`)
    .where(sql<boolean>`search_vector @@ ${query}::tsquery`)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export interface MatchRow {
  kind: SearchKind;
  url: string;
  title: string;
  body: string;
  published_at: Date;
  project_slug: string | null;
}

/**
 * One page of the documents matching the query, best first: ts_rank weighs a title match above
 * a body match (weights A and B); among equals the newest comes first.
 */
export async function findMatches(
  db: Db,
  locale: Locale,
  query: string,
  page: { offset: number; limit: number },
): Promise<MatchRow[]> {
  return (
    db
      .selectFrom("search_documents")
      .select(["kind", "url", "title", "body", "published_at", "project_slug"])
      .where("locale", "=", locale)
      // A document scheduled to go public later is indexed already, and found from its moment on.
      .where("published_at", "<=", sql<Date>`now()`)
      .where(sql<boolean>`search_vector @@ ${query}::tsquery`)
      .orderBy(sql`ts_rank(search_vector, ${query}::tsquery)`, "desc")
      .orderBy("published_at", "desc")
      .orderBy("kind")
      .orderBy("ref")
      .offset(page.offset)
      .limit(page.limit)
      .execute()
  );
}
