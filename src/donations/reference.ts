// A pledge's reference: the short code a donor puts in the transfer text. ASCII upper-case letters
// and digits without ambiguous ones (no 0/O, 1/I/L, 2/Z, 5/S, 8/B), "UH" (ủng hộ) first, six random
// characters and a Luhn mod-N check character, so that a bank that upper-cases the text, strips its
// diacritics, breaks it with spaces or cuts its end still leaves a code we can find and trust.
import { randomInt } from "node:crypto";

export const referenceAlphabet = "ACDEFGHJKMNPQRTUVWXY34679";
const N = referenceAlphabet.length;
export const referencePrefix = "UH";
const bodyLength = 6;

function checkCharacter(body: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i -= 1) {
    let addend = factor * referenceAlphabet.indexOf(body[i]!);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return referenceAlphabet[(N - (sum % N)) % N]!;
}

export function newReference(random: (max: number) => number = randomInt): string {
  let body = "";
  for (let i = 0; i < bodyLength; i += 1) body += referenceAlphabet[random(N)];
  return `${referencePrefix}${body}${checkCharacter(body)}`;
}

/** The text as a bank may have mangled it: no diacritics, upper case, letters and digits only. */
export function normaliseTransferText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "D")
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "");
}

export type FoundReference =
  | { kind: "whole"; reference: string }
  /** The text ends inside the code: its first characters, to be matched as a unique prefix. */
  | { kind: "truncated"; prefix: string };

const codeCharacter = `[${referenceAlphabet}]`;
const wholePattern = new RegExp(`${referencePrefix}(${codeCharacter}{${bodyLength + 1}})`, "g");
const tailPattern = new RegExp(`${referencePrefix}(${codeCharacter}{4,${bodyLength}})$`);

/** References in a transfer's text: whole ones whose check character holds, else a cut-off tail. */
export function findReferences(text: string): FoundReference[] {
  const plain = normaliseTransferText(text);
  const found: FoundReference[] = [];
  for (let i = 0; i < plain.length; i += 1) {
    wholePattern.lastIndex = i;
    const match = wholePattern.exec(plain);
    if (!match || match.index !== i) continue;
    const code = match[1]!;
    if (checkCharacter(code.slice(0, bodyLength)) === code[bodyLength]) {
      found.push({ kind: "whole", reference: `${referencePrefix}${code}` });
    }
  }
  if (found.length > 0) return found;
  const tail = tailPattern.exec(plain);
  return tail ? [{ kind: "truncated", prefix: `${referencePrefix}${tail[1]}` }] : [];
}

/** The transfer text the QR code and the page suggest: the reference first, ASCII only. */
export function transferText(reference: string): string {
  return `${reference} UNG HO`;
}
