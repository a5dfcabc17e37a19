// Unique identifier codes (UIC), built from parts a client can repeat at every visit: the first
// two letters of the mother's given name, the first two of the father's, a sex digit (1 male,
// 2 female, 3 other) and the last two digits of the birth year — "HOTH285". The names only build
// the code; they are never stored. One scheme for the staff app (which builds codes), the server
// (which checks them, src/sync/protocol.ts) and the demo (which generates them). No dependencies,
// so the app can import it.
import type { sexes } from "../sync/vocabulary.js";

export type Sex = (typeof sexes)[number];

export const sexDigit: Record<Sex, string> = { male: "1", female: "2", other: "3" };

/** Upper case without diacritics, "đ" read as "D"; everything else kept. */
export function foldUicText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "D")
    .toUpperCase();
}

/** Upper-case ASCII: diacritics dropped, "đ" as "D", anything but letters and digits removed. */
export function normaliseUic(text: string): string {
  return foldUicText(text).replace(/[^A-Z0-9]/g, "");
}

/** The first two letters of a given name, normalised; "X" pads a one-letter name. */
export function nameLetters(name: string): string {
  return normaliseUic(name)
    .replace(/[^A-Z]/g, "")
    .slice(0, 2)
    .padEnd(2, "X");
}

export interface UicParts {
  motherGivenName: string;
  fatherGivenName: string;
  sex: Sex;
  birthYear: number;
}

export function buildUic(parts: UicParts): string {
  const year = String(parts.birthYear % 100).padStart(2, "0");
  return `${nameLetters(parts.motherGivenName)}${nameLetters(parts.fatherGivenName)}${sexDigit[parts.sex]}${year}`;
}

/** The server accepts 4 to 20 letters and digits (ZUic). */
export function isValidUic(uic: string): boolean {
  return /^[A-Z0-9]{4,20}$/.test(uic);
}

/**
 * True when `a` becomes `b` by exactly one edit: one character substituted, inserted or deleted.
 * Equal codes are not "one apart" — they are the same code.
 */
export function isOneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  if (short.length === long.length) return short.slice(i + 1) === long.slice(i + 1);
  return short.slice(i) === long.slice(i + 1);
}

export interface ClientKey {
  id: string;
  uic: string;
  sex: Sex;
  birth_year: number;
}

/**
 * Clients who may be the same person as the one being registered: the same code, or a code one
 * character off (a mistyped or misremembered letter), with the same birth year and sex.
 */
export function findNearDuplicates<C extends ClientKey>(
  candidate: Omit<ClientKey, "id">,
  clients: readonly C[],
): { exact: C[]; near: C[] } {
  const uic = normaliseUic(candidate.uic);
  const exact: C[] = [];
  const near: C[] = [];
  for (const client of clients) {
    if (client.uic === uic) exact.push(client);
    else if (
      client.birth_year === candidate.birth_year &&
      client.sex === candidate.sex &&
      isOneEditApart(client.uic, uic)
    )
      near.push(client);
  }
  return { exact, near };
}
