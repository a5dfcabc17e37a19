// Messages in Vietnamese (first) and English: the languages, and a translator over catalogues of
// messages in ICU syntax. Each feature keeps its messages beside its code in a `messages.ts` that
// exports `{ vi, en }`; src/messages.ts gathers them (lib knows no feature). A key missing in one
// language fails the type check and the messages test (src/messages.test.ts).
import {
  createIntl,
  createIntlCache,
  type FormatNumberOptions,
  type IntlShape,
} from "@formatjs/intl";

export const locales = ["vi", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "vi";
export const timeZone = "Asia/Ho_Chi_Minh";

export function isLocale(value: unknown): value is Locale {
  return value === "vi" || value === "en";
}

/** A feature's messages: Vietnamese defines the keys, English must have exactly the same ones. */
export type MessageSet<K extends string> = { vi: Record<K, string>; en: Record<K, string> };

function merge(catalogues: readonly MessageSet<string>[], locale: Locale): Record<string, string> {
  return Object.assign({}, ...catalogues.map((c) => c[locale]));
}

export type MessageValues = Record<string, string | number | Date>;

export interface Translator<K extends string = string> {
  locale: Locale;
  t(key: K, values?: MessageValues): string;
  number(value: number, options?: FormatNumberOptions): string;
  /** A calendar date (YYYY-MM-DD), written the way the language writes dates. */
  date(value: string, options?: Intl.DateTimeFormatOptions): string;
}

/**
 * The messages of `catalogues` merged per language, and a translator for each language that
 * formats them (numbers and dates the way the language writes them, in Việt Nam's time zone);
 * `K` is the union of the catalogues' keys.
 */
export function translations<K extends string>(catalogues: readonly MessageSet<string>[]) {
  const messages: Record<Locale, Record<string, string>> = {
    vi: merge(catalogues, "vi"),
    en: merge(catalogues, "en"),
  };
  const cache = createIntlCache();
  const intls: Record<Locale, IntlShape<string>> = {
    vi: createIntl({ locale: "vi-VN", messages: messages.vi, timeZone }, cache),
    en: createIntl({ locale: "en-GB", messages: messages.en, timeZone }, cache),
  };
  const translators = Object.fromEntries(
    locales.map((locale): [Locale, Translator<K>] => {
      const intl = intls[locale];
      return [
        locale,
        {
          locale,
          t: (key, values) => intl.formatMessage({ id: key }, values) as string,
          number: (value, options) => intl.formatNumber(value, options),
          // Calendar dates are zone-less: format them at UTC noon so no zone can move the day.
          date: (value, options = { day: "numeric", month: "numeric", year: "numeric" }) =>
            intl.formatDate(new Date(`${value}T12:00:00Z`), { ...options, timeZone: "UTC" }),
        },
      ];
    }),
  ) as Record<Locale, Translator<K>>;
  return { messages, translator: (locale: Locale): Translator<K> => translators[locale] };
}

/** The language a browser prefers, from an Accept-Language header; Vietnamese when unsure. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return defaultLocale;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(
        params
          .find((p) => p.trim().startsWith("q="))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { lang: tag.toLowerCase().split("-")[0], q: Number.isFinite(q) ? q : 0 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  const first = ranked.find((entry) => isLocale(entry.lang));
  return (first?.lang as Locale | undefined) ?? defaultLocale;
}

/**
 * The language of a command-line session, from the POSIX locale variables in their order of
 * precedence (LC_ALL, LC_MESSAGES, LANG): Vietnamese for `vi` or `vi_VN.UTF-8`, English otherwise
 * (an unset or `C` locale included, as a server's shell usually is).
 */
export function localeFromEnvironment(env: NodeJS.ProcessEnv = process.env): Locale {
  const setting = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value) ?? "";
  return /^vi([_.@-]|$)/i.test(setting) ? "vi" : "en";
}
