// Site search over published content, in each language, insensitive to diacritics ("dien bien"
// finds "Điện Biên"). Search owns its table (search_documents) and reads no other: the features
// that publish call `indexDocuments` when something is published or changed — inside their own
// publishing transaction, with its handle, so the index and the content commit together — and
// `removeDocuments` when it is withdrawn. The public search page calls `searchSite`.
import { z } from "zod";
import type { Db } from "../db/connection.js";
import type { SearchKind } from "../db/schema.js";
import { AppError } from "../lib/errors.js";
import { type Locale, locales } from "../lib/i18n.js";
import { normaliseWords } from "./normalise.js";
import { countMatches, deleteDocuments, findMatches, upsertDocuments } from "./queries.js";
import { highlightSnippet } from "./snippet.js";
import { documentVector, queryVector } from "./vectors.js";

export const searchKinds = ["page", "news", "activity", "project"] as const satisfies SearchKind[];

/** The longest query, in characters, and in words: each word is one more condition to check. */
export const maxQueryLength = 200;
export const maxQueryWords = 10;
/** Pages beyond the hundredth are not worth their cost: nobody reads them, crawlers would. */
export const maxPage = 100;
export const defaultPageSize = 10;
const maxPageSize = 50;
/** A body longer than this is cut before indexing; PostgreSQL's tsvector holds up to 1 MiB. */
export const maxBodyLength = 100_000;

export const ZSearchDocumentSchema = z.object({
  kind: z.enum(searchKinds),
  /** The owner's id of the document; the same in both languages. */
  ref: z.string().min(1).max(200),
  locale: z.enum(locales),
  /** The document's public path in this language; never "//…", which a browser reads as a host. */
  url: z
    .string()
    .regex(/^\/(?![/\\])/)
    .max(2_000),
  title: z.string().max(1_000),
  /** Plain text (no markup): shown, escaped, in the snippets. */
  body: z.string(),
  publishedAt: z.date(),
  projectSlug: z.string().nullish(),
});
export type TSearchDocument = z.input<typeof ZSearchDocumentSchema>;

/**
 * Adds the documents to the index, or replaces them (same kind, ref and language). Give it the
 * caller's transaction handle to index in the same transaction as the publication.
 */
export async function indexDocuments(db: Db, documents: readonly TSearchDocument[]): Promise<void> {
  // The last copy of a document wins: one statement cannot write the same row twice.
  const byKey = new Map(
    documents.map((input) => {
      const document = ZSearchDocumentSchema.parse(input);
      return [`${document.kind}\u0000${document.ref}\u0000${document.locale}`, document] as const;
    }),
  );
  await upsertDocuments(
    db,
    [...byKey.values()].map((document) => {
      const body = cutText(document.body, maxBodyLength);
      return {
        kind: document.kind,
        ref: document.ref,
        locale: document.locale,
        url: document.url,
        title: document.title,
        body,
        publishedAt: document.publishedAt,
        projectSlug: document.projectSlug ?? null,
        vector: documentVector(document.title, body),
      };
    }),
  );
}

/** The text's first `length` characters, one fewer rather than half of a surrogate pair. */
function cutText(text: string, length: number): string {
  if (text.length <= length) return text;
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}

/** Removes a document from the index in every language; how many rows went (0 if none). */
export function removeDocuments(db: Db, kind: SearchKind, ref: string): Promise<number> {
  return deleteDocuments(db, kind, ref);
}

export interface SearchRequest {
  /** What the visitor typed. */
  q: string;
  locale: Locale;
  /** From 1; the first page when left out. */
  page?: number;
  pageSize?: number;
}

export interface SearchHit {
  kind: SearchKind;
  url: string;
  title: string;
  /** HTML: the document's text around the first match, escaped, matches in <mark>. */
  snippet: string;
  publishedAt: Date;
  projectSlug: string | null;
}

export interface SearchResults {
  /** Documents matching in all, on every page. */
  total: number;
  page: number;
  pageSize: number;
  hits: SearchHit[];
}

function refuse(parameter: string, reason: string, max: number): AppError {
  return new AppError("invalid_parameter", { parameter, reason, values: { max } });
}

/**
 * The published documents in the visitor's language that hold every word of the query (the last
 * as a prefix), best first. A query without a word (empty, or only punctuation) finds nothing.
 */
export async function searchSite(db: Db, request: SearchRequest): Promise<SearchResults> {
  const page = request.page ?? 1;
  const pageSize = Math.min(request.pageSize ?? defaultPageSize, maxPageSize);
  const q = request.q.trim();
  if (!Number.isInteger(page) || page < 1 || page > maxPage) {
    throw refuse("page", "search_page", maxPage);
  }
  if (q.length > maxQueryLength) throw refuse("q", "search_query_too_long", maxQueryLength);
  const words = normaliseWords(q);
  if (words.length > maxQueryWords) throw refuse("q", "search_too_many_words", maxQueryWords);
  const query = queryVector(words);
  if (!query) return { total: 0, page, pageSize, hits: [] };
  const [total, rows] = await Promise.all([
    countMatches(db, request.locale, query),
    findMatches(db, request.locale, query, { offset: (page - 1) * pageSize, limit: pageSize }),
  ]);
  return {
    total,
    page,
    pageSize,
    hits: rows.map((row) => ({
      kind: row.kind,
      url: row.url,
      title: row.title,
      snippet: highlightSnippet(row.body, words),
      publishedAt: row.published_at,
      projectSlug: row.project_slug,
    })),
  };
}
