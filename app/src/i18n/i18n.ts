// The staff app's messages: Vietnamese first, English second. A small module on purpose — the
// server's ICU formatter (@formatjs/intl) would cost the phone more than the whole app. Messages
// take `{name}` arguments; counts choose between `.one` and `.other` keys.
// Vietnamese comes with the app's first script; English (a quarter of that script) loads when
// first chosen, so a first load on a slow network carries one language (issue 14). The service
// worker precaches its file, so switching works offline too.
import { vi } from "./vi.js";

export type Locale = "vi" | "en";
export type MessageKey = keyof typeof vi;
type Dictionary = Record<MessageKey, string>;
const dictionaries: Partial<Record<Locale, Dictionary>> = { vi };

let current: Locale = "vi";
const listeners = new Set<() => void>();

export function getLocale(): Locale {
  return current;
}

/** Loads a language's messages (once); `t` and `setLocale` need it loaded. */
export async function loadLocale(locale: Locale): Promise<void> {
  if (dictionaries[locale]) return;
  if (locale === "en") dictionaries.en = (await import("./en.js")).en;
}

/** The messages of a language, Vietnamese while that language has not loaded yet. */
export function dictionary(locale: Locale = current): Dictionary {
  return dictionaries[locale] ?? vi;
}

/** Switches the app's language once its messages are loaded; the screens re-render then. */
export async function setLocale(locale: Locale): Promise<void> {
  await loadLocale(locale);
  if (locale === current) return;
  current = locale;
  if (typeof document !== "undefined") document.documentElement.lang = locale;
  for (const listener of listeners) listener();
}

export function onLocaleChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type Values = Record<string, string | number>;

export function format(template: string, values: Values = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

export function t(key: MessageKey, values?: Values, locale: Locale = current): string {
  return format(dictionary(locale)[key], values);
}

type Plural<K> = K extends `${infer Base}.one` ? Base : never;
export type PluralKey = Plural<MessageKey>;

/** A message about `count` things: the `.one` form for exactly one, `.other` otherwise. */
export function tn(key: PluralKey, count: number, values: Values = {}): string {
  const form = count === 1 ? "one" : "other";
  return t(`${key}.${form}` as MessageKey, { count, ...values });
}

const tag: Record<Locale, string> = { vi: "vi-VN", en: "en-GB" };

/** A calendar date (YYYY-MM-DD) as the language writes it; UTC noon so no zone moves the day. */
export function formatDate(value: string, locale: Locale = current): string {
  return new Intl.DateTimeFormat(tag[locale], {
    day: "numeric",
    month: "numeric",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${value}T12:00:00Z`));
}

/** A moment, in Vietnam's time zone: "14:05, 3/7/2026". */
export function formatMoment(value: Date | string, locale: Locale = current): string {
  return new Intl.DateTimeFormat(tag[locale], {
    hour: "2-digit",
    minute: "2-digit",
    day: "numeric",
    month: "numeric",
    year: "numeric",
    timeZone: "Asia/Ho_Chi_Minh",
  }).format(new Date(value));
}

/** A time of day in Vietnam's time zone: "14:05" (for "tries again at …", minutes away). */
export function formatTime(value: Date | string, locale: Locale = current): string {
  return new Intl.DateTimeFormat(tag[locale], {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Asia/Ho_Chi_Minh",
  }).format(new Date(value));
}
