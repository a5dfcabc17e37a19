// What every route accepts as text and as a calendar date, said once. PostgreSQL refuses a NUL
// in text and year 0 in a date with an error, and a lone UTF-16 surrogate is silently turned into
// "�" on its way to the database; none of them is anything a person meant to type. So text
// holding control characters (tabs and line breaks aside) or broken Unicode, and dates the
// database cannot store, are refused here with a reason the caller can read, before they reach
// a service. The app's input guard (src/http/input-guard.ts) applies the same rule to every
// string of every request, so a route whose schema forgets it is still protected.
import { z } from "zod";

/** The longest string any request may carry; each field's own schema sets a smaller bound. */
export const MAX_TEXT_LENGTH = 10_000;

/** A reason key (`reason.<key>`, and `sync.field.<key>` for synced records). */
export type TextProblem = "control_character" | "invalid_unicode";

// Control characters (C0, DEL, C1) other than tab, line feed and carriage return.
const controlCharacter = /(?![\t\n\r])\p{Cc}/u;
// With the u flag a well-formed surrogate pair is one code point, so this finds only lone halves.
const loneSurrogate = /\p{Cs}/u;

/** What is wrong with a piece of text, or undefined when it can be stored as it is. */
export function textProblem(text: string): TextProblem | undefined {
  if (controlCharacter.test(text)) return "control_character";
  if (loneSurrogate.test(text)) return "invalid_unicode";
  return undefined;
}

/**
 * A string that can be stored: `zText({ message })` is `z.string({ message })` that also refuses
 * control characters and broken Unicode (reasons `control_character`, `invalid_unicode`). Chain
 * `.trim()`, `.min()`, `.max()`, `.regex()` as on any zod string.
 */
export function zText(params?: { message?: string }) {
  return z
    .string(params)
    .refine((text) => !controlCharacter.test(text), { message: "control_character" })
    .refine((text) => !loneSurrogate.test(text), { message: "invalid_unicode" });
}

/**
 * A real calendar date written YYYY-MM-DD that PostgreSQL can store: zod's ISO date also takes
 * year 0000, which PostgreSQL refuses. `message` is the reason key for anything else.
 */
export function zCalendarDate(params: { message: string }) {
  return z.iso.date(params).refine((date) => !date.startsWith("0000"), { message: params.message });
}
