// The staff app's messages: Vietnamese first, English second. A small module on purpose — the
// server's ICU formatter (@formatjs/intl) would cost the phone more than the whole app. Messages
// take `{name}` arguments; counts choose between `.one` and `.other` keys.
// Vietnamese comes with the app's first script; English loads when first chosen, so a first load
// on a slow network carries one language (issue 14). The office screens' words (content,
// newsletter, finance, accounts, audit: vi-office.ts) load with the first of those screens, so the
// phones of outreach workers, who never open them, never download them. The service worker
// precaches every file, so all of it works offline too.
import { vi } from "./vi.js";
import type { viOffice } from "./vi-office.js";

export type Locale = "vi" | "en";
export type MessageKey = keyof typeof vi | keyof typeof viOffice;
type Words = Partial<Record<MessageKey, string>>;

/** Each language's words: those of every screen, then the office screens' once wanted. */
const everyScreen: Partial<Record<Locale, Words>> = { vi };
const officeScreens: Partial<Record<Locale, Words>> = {};
let officeWanted = false;

let current: Locale = "vi";
const listeners = new Set<() => void>();

export function getLocale(): Locale {
  return current;
}

const officeWords = async (locale: Locale): Promise<Words> =>
  locale === "vi"
    ? (await import("./vi-office.js")).viOffice
    : (await import("./en-office.js")).enOffice;

/** Loads a language's messages (once); `t` and `setLocale` need it loaded. */
export async function loadLocale(locale: Locale): Promise<void> {
  if (!everyScreen[locale] && locale === "en") everyScreen.en = (await import("./en.js")).en;
  if (officeWanted && !officeScreens[locale]) officeScreens[locale] = await officeWords(locale);
}

/** Loads the office screens' words, in the language chosen now and in any chosen later. */
export async function loadOfficeWords(): Promise<void> {
  officeWanted = true;
  await loadLocale(current);
}

/** Whether there are words for this key (a field the server names may have none). */
export function hasMessage(key: string, locale: Locale = current): boolean {
  return word(key as MessageKey, locale) !== undefined;
}

function word(key: MessageKey, locale: Locale): string | undefined {
  return (
    everyScreen[locale]?.[key] ??
    officeScreens[locale]?.[key] ??
    // Vietnamese while a language has not loaded yet.
    everyScreen.vi?.[key] ??
    officeScreens.vi?.[key]
  );
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
  const found = word(key, locale);
  if (found !== undefined) return format(found, values);
  // An office screen's word asked for before loadOfficeWords: a mistake i18n.test.ts looks for.
  console.error("no words loaded for", key);
  return key;
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
