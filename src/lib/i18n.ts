// Messages in Vietnamese (first) and English. Each feature keeps its messages beside its code in a
// `messages.ts` that exports `{ vi, en }`; this module merges them and formats with ICU syntax.
// A key missing in one language fails the type check and the i18n test.
import {
  createIntl,
  createIntlCache,
  type FormatNumberOptions,
  type IntlShape,
} from "@formatjs/intl";
import { auditMessages } from "../audit/messages.js";
import { authMessages } from "../auth/messages.js";
import { contentMessages } from "../content/messages.js";
import { donationMessages } from "../donations/messages.js";
import { paypalMessages } from "../donations/paypal-messages.js";
import { vnpayMessages } from "../donations/vnpay-messages.js";
import { exportMessages } from "../exports/messages.js";
import { dashboardMessages } from "../indicators/dashboard-messages.js";
import { dhis2Messages } from "../indicators/exports/dhis2-messages.js";
import { spreadsheetMessages } from "../indicators/exports/messages.js";
import { reportMessages } from "../indicators/exports/report-messages.js";
import { indicatorMessages } from "../indicators/messages.js";
import { ledgerMessages } from "../ledger/messages.js";
import { limitMessages } from "../limits/messages.js";
import { mediaMessages } from "../media/messages.js";
import { newsletterMessages } from "../newsletter/messages.js";
import { peopleMessages } from "../people/messages.js";
import { searchMessages } from "../search/messages.js";
import { siteMessages } from "../site/messages.js";
import { syncMessages } from "../sync/messages.js";
import { commonMessages } from "./messages.js";

export const locales = ["vi", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "vi";
export const timeZone = "Asia/Ho_Chi_Minh";

export function isLocale(value: unknown): value is Locale {
  return value === "vi" || value === "en";
}

/** A feature's messages: Vietnamese defines the keys, English must have exactly the same ones. */
export type MessageSet<K extends string> = { vi: Record<K, string>; en: Record<K, string> };

export const catalogues = [
  commonMessages,
  siteMessages,
  indicatorMessages,
  dashboardMessages,
  syncMessages,
  authMessages,
  auditMessages,
  peopleMessages,
  mediaMessages,
  exportMessages,
  spreadsheetMessages,
  dhis2Messages,
  reportMessages,
  limitMessages,
  searchMessages,
  contentMessages,
  ledgerMessages,
  donationMessages,
  vnpayMessages,
  paypalMessages,
  newsletterMessages,
] as const;

type KeysOf<T> = T extends MessageSet<infer K> ? K : never;
export type MessageKey = KeysOf<(typeof catalogues)[number]>;

function merge(locale: Locale): Record<string, string> {
  return Object.assign({}, ...catalogues.map((c) => c[locale]));
}

export const messages: Record<Locale, Record<string, string>> = {
  vi: merge("vi"),
  en: merge("en"),
};

const cache = createIntlCache();
const intls: Record<Locale, IntlShape<string>> = {
  vi: createIntl({ locale: "vi-VN", messages: messages.vi, timeZone }, cache),
  en: createIntl({ locale: "en-GB", messages: messages.en, timeZone }, cache),
};

export type MessageValues = Record<string, string | number | Date>;

export interface Translator {
  locale: Locale;
  t(key: MessageKey, values?: MessageValues): string;
  number(value: number, options?: FormatNumberOptions): string;
  /** A calendar date (YYYY-MM-DD), written the way the language writes dates. */
  date(value: string, options?: Intl.DateTimeFormatOptions): string;
}

export function translator(locale: Locale): Translator {
  const intl = intls[locale];
  return {
    locale,
    t: (key, values) => intl.formatMessage({ id: key }, values) as string,
    number: (value, options) => intl.formatNumber(value, options),
    // Calendar dates are zone-less: format them at UTC noon so no zone can move the day.
    date: (value, options = { day: "numeric", month: "numeric", year: "numeric" }) =>
      intl.formatDate(new Date(`${value}T12:00:00Z`), { ...options, timeZone: "UTC" }),
  };
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
