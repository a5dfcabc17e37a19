// Every feature's messages, gathered: the one place that knows them all, as app.ts knows every
// feature's routes (src/lib/i18n.ts holds the languages and the formatting, and knows no feature).
// A key missing in one language fails the type check and src/messages.test.ts.
import { auditMessages } from "./audit/messages.js";
import { authMessages } from "./auth/messages.js";
import { backupMessages } from "./backup/messages.js";
import { cliMessages } from "./cli-messages.js";
import { contentMessages } from "./content/messages.js";
import { donationMessages } from "./donations/messages.js";
import { paypalMessages } from "./donations/paypal-messages.js";
import { vnpayMessages } from "./donations/vnpay-messages.js";
import { exportMessages } from "./exports/messages.js";
import { dashboardMessages } from "./indicators/dashboard-messages.js";
import { dhis2Messages } from "./indicators/exports/dhis2-messages.js";
import { spreadsheetMessages } from "./indicators/exports/messages.js";
import { reportMessages } from "./indicators/exports/report-messages.js";
import { indicatorMessages } from "./indicators/messages.js";
import { ledgerMessages } from "./ledger/messages.js";
import {
  type Locale,
  type MessageSet,
  type Translator as Translating,
  translations,
} from "./lib/i18n.js";
import { commonMessages } from "./lib/messages.js";
import { limitMessages } from "./limits/messages.js";
import { mediaMessages } from "./media/messages.js";
import { newsletterMessages } from "./newsletter/messages.js";
import { peopleMessages } from "./people/messages.js";
import { searchMessages } from "./search/messages.js";
import { siteMessages } from "./site/messages.js";
import { syncMessages } from "./sync/messages.js";

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
  cliMessages,
  backupMessages,
] as const;

type KeysOf<T> = T extends MessageSet<infer K> ? K : never;
export type MessageKey = KeysOf<(typeof catalogues)[number]>;
export type Translator = Translating<MessageKey>;

const gathered = translations<MessageKey>(catalogues as readonly MessageSet<string>[]);

/** Every message, by language. */
export const messages = gathered.messages;

/** Formats every feature's messages in `locale`. */
export const translator: (locale: Locale) => Translator = gathered.translator;
