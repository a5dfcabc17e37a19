// The full-text values search stores and asks with, written in PostgreSQL's own input syntax from
// the words of normalise.ts: a document's tsvector and a query's tsquery. They are built here
// rather than by `to_tsvector` and `to_tsquery` because those cut text into words with the
// server's parser, whose idea of a letter follows the database's locale (PGlite and a PostgreSQL
// server need not agree) and which reads "hiv/aids" as a file path; here both sides use the
// same words on every engine, and no user text is ever parsed as query syntax.
import { normaliseWords } from "./normalise.js";

/** PostgreSQL's bounds: positions 1–16383, 256 positions a lexeme, lexemes under 2 KiB. */
const maxPosition = 16_383;
const maxPositionsPerLexeme = 256;
const maxLexemeBytes = 2_047;

function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

const fitsInLexeme = (word: string) => Buffer.byteLength(word) <= maxLexemeBytes;

/**
 * A document's tsvector: the title's words weighted A, the body's B, so ts_rank puts a match in
 * the title above one in the body. Positions run on from the title into the body.
 */
export function documentVector(title: string, body: string): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  const add = (text: string, weight: "A" | "B") => {
    for (const word of normaliseWords(text)) {
      position = Math.min(position + 1, maxPosition);
      if (!fitsInLexeme(word)) continue;
      const list = positions.get(word) ?? [];
      if (list.length < maxPositionsPerLexeme) list.push(`${position}${weight}`);
      positions.set(word, list);
    }
  };
  add(title, "A");
  add(body, "B");
  return [...positions].map(([word, list]) => `${quoteLexeme(word)}:${list.join(",")}`).join(" ");
}

/**
 * A tsquery that every word must match, the last one as a prefix (a visitor may still be typing
 * it: "dien bi" finds "Điện Biên"). Empty words give no query.
 */
export function queryVector(words: readonly string[]): string | undefined {
  const usable = words.filter(fitsInLexeme);
  if (usable.length === 0) return undefined;
  return usable
    .map((word, index) => quoteLexeme(word) + (index === usable.length - 1 ? ":*" : ""))
    .join(" & ");
}
