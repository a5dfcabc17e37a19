// Passwords: argon2id hashes with OWASP's parameters (19 MiB, 2 passes, 1 lane), the rules a new
// password must meet, and strong generated passwords for the CLI. A rule that fails is an
// AppError naming the field and a reason key (`reason.password_*` in ./messages.ts) that says,
// in the user's language, why the password was refused and what would do instead.
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { hash, verify } from "@node-rs/argon2";
import type { DictionaryMatch, MatchExtended, ZxcvbnFactory, ZxcvbnResult } from "@zxcvbn-ts/core";
import { AppError } from "../lib/errors.js";
import { vietnameseNames, vietnamesePasswords } from "./vietnamese-words.js";

export const PASSWORD_MIN_LENGTH = 10;
/** Long enough for any pass-phrase; short enough that nobody makes the server hash a megabyte. */
export const PASSWORD_MAX_LENGTH = 200;

/** @node-rs/argon2's algorithm defaults to argon2id; the costs are pinned so hashes stay comparable. */
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a wrong password, never a way in.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password, for unknown or locked usernames, so the
 * answer's timing does not tell whether an account exists.
 */
export async function verifyDummyPassword(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(16).toString("base64url"));
  await verifyPassword(await dummyHash, password);
}

/**
 * Estimates how many guesses a password takes (zxcvbn: dictionaries, keyboard patterns,
 * repeats, sequences, dates, l33t and reversed words). The dictionaries: the ~49,000 commonest
 * passwords and the diceware words of @zxcvbn-ts/language-common, and Vietnamese passwords,
 * names and places (vietnamese-words.ts). Built on first use: it takes ~60 ms and a few megabytes.
 * Levenshtein matching is off: it costs 0.2–0.6 s of CPU per check on this server's event loop,
 * and the dictionary matchers with l33t and reversal already catch the usual variants. At most
 * 100 characters are analysed (the repeat matcher grows quickly with length; anything longer
 * that is not a repeat is strong anyway, and a long repeat shows in its first 100 characters).
 */
let estimator: ZxcvbnFactory | undefined;
const require = createRequire(import.meta.url);
/** Loaded (synchronously) on the first check, not at start: the dictionaries hold ~15 MB. */
function strength(): ZxcvbnFactory {
  if (estimator) return estimator;
  const core = require("@zxcvbn-ts/core") as typeof import("@zxcvbn-ts/core");
  const common =
    require("@zxcvbn-ts/language-common") as typeof import("@zxcvbn-ts/language-common");
  estimator = new core.ZxcvbnFactory({
    dictionary: {
      ...common.dictionary,
      "vietnamese-passwords": [...vietnamesePasswords],
      "vietnamese-names": [...vietnameseNames],
    },
    graphs: common.adjacencyGraphs,
    maxLength: 100,
  });
  return estimator;
}

/** zxcvbn's "safely unguessable" (10^8 guesses and more): the score a password must reach. */
export const REQUIRED_SCORE = 3;

/** As people type Vietnamese in a password that refuses diacritics: "Tuần Giáo" → "Tuan Giao". */
export function foldDiacritics(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");
}

/**
 * The words an attacker who knows the person tries first: the username and its parts, the
 * person's name, the organisations', projects' and sites' names and codes, and "peerlink" —
 * each word, and each name run together ("nguyenthilan"), without diacritics. Words of one or
 * two letters are left out: they would match inside any password.
 */
export function contextWords(names: readonly string[]): string[] {
  const words = new Set<string>(["peerlink"]);
  for (const name of names) {
    const folded = foldDiacritics(name).toLowerCase();
    const parts = folded.split(/[^\p{L}\p{N}]+/u).filter((part) => part.length >= 3);
    for (const part of parts) words.add(part);
    const joined = folded.replace(/[^\p{L}\p{N}]+/gu, "");
    if (joined.length >= 3) words.add(joined);
  }
  return [...words];
}

const compact = (text: string) =>
  foldDiacritics(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");

/**
 * The person's whole name in the password, spaced or not ("Nguyễn Văn An 1990" for Nguyễn Văn
 * An): refused like the username, whatever else the password holds. Names shorter than six
 * letters run together are left to zxcvbn (they would match inside unrelated words).
 */
function containsPersonName(password: string, personName: string): boolean {
  const name = compact(personName);
  return name.length >= 6 && compact(password).includes(name);
}

/** zxcvbn's warnings (its untranslated keys) as our reasons, which say why and what to do. */
const reasonOfWarning: Record<string, string> = {
  userInputs: "password_context_word",
  straightRow: "password_keyboard_pattern",
  keyPattern: "password_keyboard_pattern",
  simpleRepeat: "password_repeated",
  extendedRepeat: "password_repeated",
  sequences: "password_sequence",
  recentYears: "password_dates",
  dates: "password_dates",
  topTen: "password_too_common",
  topHundred: "password_too_common",
  common: "password_too_common",
  similarToCommon: "password_too_common",
  pwned: "password_too_common",
  wordByItself: "password_common_words",
  namesByThemselves: "password_common_words",
  commonNames: "password_common_words",
};

/** Why zxcvbn finds a password guessable, as a reason key. */
function weakness(result: ZxcvbnResult): string {
  const matches = result.sequence as MatchExtended[];
  const dictionaryOf = (match: MatchExtended) =>
    match.pattern === "dictionary" ? (match as DictionaryMatch).dictionaryName : undefined;
  // A word about the person or the organisation is the first thing to take out, whatever else.
  if (matches.some((match) => dictionaryOf(match) === "userInputs")) {
    return "password_context_word";
  }
  const fromWarning = result.feedback.warning && reasonOfWarning[result.feedback.warning];
  if (fromWarning) return fromWarning;
  const commonLists = ["passwords-common", "vietnamese-passwords"];
  if (matches.some((match) => commonLists.includes(dictionaryOf(match) ?? ""))) {
    return "password_too_common";
  }
  if (matches.some((match) => dictionaryOf(match) !== undefined)) return "password_common_words";
  return "password_too_guessable";
}

/**
 * Why a password may not be used, as a reason key; undefined when it may. Besides the username,
 * `context` holds the names of contextWords (the organisation's, projects', sites') and
 * `personName` the account's display name.
 */
export function passwordProblem(
  password: string,
  username: string,
  context: readonly string[] = [],
  personName = "",
): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return "password_too_short";
  if (password.length > PASSWORD_MAX_LENGTH) return "password_too_long";
  const lower = password.toLowerCase();
  // The whole username, and its parts ("coordinator" in "coordinator.tg") when long enough to matter.
  const nameParts = [
    username,
    ...username.split(/[._-]/).filter((part) => part.length >= 4),
  ].filter((part) => part !== "");
  if (nameParts.some((part) => lower.includes(part.toLowerCase()))) {
    return "password_contains_username";
  }
  if (containsPersonName(password, personName)) return "password_context_word";
  // Without diacritics ("Tuần Giáo 2011" is as guessable as "Tuan Giao 2011"), and also without
  // separators: zxcvbn charges each extra piece 10^4 guesses, so "Tuan Giao 2011" would pass
  // where "tuangiao2011" does not, though a guesser tries both alike.
  const words = contextWords([username, personName, ...context]);
  const folded = foldDiacritics(password);
  const joined = folded.replace(/[\s,;:/\\_.-]+/g, "");
  const forms =
    joined.length >= PASSWORD_MIN_LENGTH && joined !== folded ? [folded, joined] : [folded];
  const weakest = forms
    .map((form) => strength().check(form, words))
    .reduce((a, b) => (b.guesses < a.guesses ? b : a));
  return weakest.score >= REQUIRED_SCORE ? undefined : weakness(weakest);
}

/** Throws invalid_parameter for `field` when the password may not be used. */
export function assertPasswordAllowed(
  password: string,
  account: { username: string; personName: string; context: readonly string[] },
  field: string,
): void {
  const reason = passwordProblem(password, account.username, account.context, account.personName);
  if (reason) throw new AppError("invalid_parameter", { parameter: field, reason });
}

/** 20 characters from 120 random bits, that the rules accept for this user: shown once. */
export function generatePassword(username: string): string {
  for (;;) {
    const password = randomBytes(15).toString("base64url");
    if (passwordProblem(password, username) === undefined) return password;
  }
}
