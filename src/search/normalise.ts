// Text as search compares it: without diacritics, in lower case, cut into words. "Điện Biên",
// "ĐIỆN BIÊN", "Đie\u0323\u0302n Bie\u0302n" (combining marks) and "dien bien" are all the words
// `dien` `bien`. Documents and queries go through the same functions, so what is indexed and
// what is asked for always match, whatever database engine (and locale) answers.
//
// The folding keeps, for every character it writes, the stretch of the original text it came
// from, so a match found in folded text can be highlighted in the original, diacritics and all.

/** A base character with the combining marks that follow it, or marks with nothing before them. */
const unit = /\P{M}\p{M}*|\p{M}+/gu;
const mark = /\p{M}/gu;
/** A word: letters and digits. Everything else separates words. */
const word = /[\p{L}\p{N}]+/gu;

/**
 * One unit of text folded: lower case first (so "İ" loses its dot with the other marks), then
 * compatibility decomposition (accents come apart, "ﬁ" and full-width letters become plain ones),
 * marks dropped. "đ" is a letter of its own, not a "d" with a mark, so it is mapped by hand.
 */
function foldUnit(text: string): string {
  return text.toLowerCase().normalize("NFKD").replace(mark, "").replaceAll("đ", "d");
}

export interface FoldedText {
  /** The folded text. */
  text: string;
  /** For each UTF-16 position of `text`, where its source starts in the original. */
  starts: number[];
  /** For each UTF-16 position of `text`, where its source ends in the original (exclusive). */
  ends: number[];
}

/** The text folded, with the map back to the original. */
export function foldText(original: string): FoldedText {
  let text = "";
  const starts: number[] = [];
  const ends: number[] = [];
  for (const match of original.matchAll(unit)) {
    const folded = foldUnit(match[0]);
    const end = match.index + match[0].length;
    for (let i = 0; i < folded.length; i++) {
      starts.push(match.index);
      ends.push(end);
    }
    text += folded;
  }
  return { text, starts, ends };
}

/** The folded text's words in order. */
export function normaliseWords(original: string): string[] {
  return foldText(original).text.match(word) ?? [];
}

export interface WordSpan {
  word: string;
  /** Where the word starts and ends (exclusive) in the original text. */
  start: number;
  end: number;
}

/** The words of a text, each with the stretch of the original it was folded from. */
export function wordSpans(original: string): WordSpan[] {
  const folded = foldText(original);
  return [...folded.text.matchAll(word)].map((match) => ({
    word: match[0],
    start: folded.starts[match.index]!,
    end: folded.ends[match.index + match[0].length - 1]!,
  }));
}
