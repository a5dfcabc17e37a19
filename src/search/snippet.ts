// The excerpt shown under a search result: about 200 characters of the document's own text (with
// its diacritics) around the first word that matched, the matching words wrapped in <mark>, and
// everything else escaped, so a document's text can never become markup on the results page.
import { type WordSpan, wordSpans } from "./normalise.js";

/** The excerpt's length, in characters of the original text (give or take a word). */
export const snippetLength = 200;
/** How much text comes before the first match, so it is read in its sentence. */
const leadIn = 60;

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/**
 * Whether a folded word of the document answers the query: equal to one of its words, or starting
 * with its last word (the prefix the search itself allowed).
 */
export function answersQuery(word: string, queryWords: readonly string[]): boolean {
  const last = queryWords.at(-1);
  return queryWords.includes(word) || (last !== undefined && word.startsWith(last));
}

/** The excerpt as HTML. `queryWords` are the query's folded words (normalise.ts). */
export function highlightSnippet(text: string, queryWords: readonly string[]): string {
  const spans = wordSpans(text);
  const matches: WordSpan[] = [];
  for (const span of spans) {
    // One unit of the original may fold into several words ("½" is 1⁄2): mark it once.
    const previous = matches.at(-1);
    if (answersQuery(span.word, queryWords) && (!previous || span.start >= previous.end)) {
      matches.push(span);
    }
  }
  const first = matches[0];
  // Start at a word, a little before the first match; end at a word, about 200 characters on.
  const start =
    first && first.start > leadIn
      ? (spans.find((span) => span.end > first.start - leadIn)?.start ?? first.start)
      : 0;
  // A first match that runs past the excerpt is kept whole, unless it is one enormous "word".
  const firstEnd = first && first.end - start <= 2 * snippetLength ? first.end : 0;
  const limit = Math.max(start + snippetLength, firstEnd);
  const end =
    limit >= text.length
      ? text.length
      : (spans.findLast((span) => span.end <= limit && span.start >= start)?.end ??
        withoutHalfCharacter(text, limit));
  let html = start > 0 ? "…" : "";
  let at = start;
  for (const match of matches) {
    if (match.start < start || match.end > end) continue;
    html += `${escapeHtml(text.slice(at, match.start))}<mark>${escapeHtml(text.slice(match.start, match.end))}</mark>`;
    at = match.end;
  }
  html += escapeHtml(text.slice(at, end));
  return end < text.length ? `${html}…` : html;
}

/** A cut at `at`, moved back if it would split a character written as two UTF-16 units. */
function withoutHalfCharacter(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}
