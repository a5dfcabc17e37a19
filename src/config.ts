// Configuration: read once from the environment (and an optional .env file), validated with zod.
// A wrong value stops the start with one line that names the variable and what it expects.
import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { publicSuppressionThreshold } from "./indicators/definitions.js";

const ZPort = z.coerce
  .number({ message: "expected a whole number from 1 to 65535" })
  .int("expected a whole number from 1 to 65535")
  .min(1, "expected a whole number from 1 to 65535")
  .max(65535, "expected a whole number from 1 to 65535");

const ZDatabaseUrl = z
  .string()
  .refine(
    (value) => /^postgres(ql)?:\/\//.test(value) && URL.canParse(value),
    "expected a PostgreSQL URL such as postgres://user:password@host:5432/peerlink",
  );

/** Below 3, a withheld "<2" would say the figure is exactly 1: it would point at a person. */
const ZPublicMinCount = z.coerce
  .number({ message: "expected a whole number from 3 to 100" })
  .int("expected a whole number from 3 to 100")
  .min(3, "expected a whole number from 3 to 100")
  .max(100, "expected a whole number from 3 to 100");

const ZSecret = z
  .string()
  .min(32, "expected at least 32 characters of random text (e.g. `openssl rand -base64 48`)");

/** The demo's bank account: not a real one, so a fresh machine shows VietQR working. */
export const demoBankAccount = {
  bin: "970436",
  accountNumber: "0000000000",
  accountName: "PEERLINK DEMO - NOT A REAL ACCOUNT",
} as const;

/**
 * The currencies PayPal takes that have cents (two decimals); PayPal does not take VND. Currencies
 * without decimals (JPY, HUF, TWD) are left out: amounts are kept in hundredths.
 */
export const paypalCurrencies = [
  "USD",
  "EUR",
  "GBP",
  "AUD",
  "CAD",
  "CHF",
  "SGD",
  "HKD",
  "NZD",
  "SEK",
  "NOK",
  "DKK",
  "PLN",
  "CZK",
] as const;
export type PaypalCurrency = (typeof paypalCurrencies)[number];

export const ZConfigSchema = z.object({
  PORT: ZPort.default(3000),
  HOST: z.string().min(1, "expected a host name or IP address").default("127.0.0.1"),
  DATA_DIR: z.string().min(1, "expected a directory path").default("./data"),
  DATABASE_URL: ZDatabaseUrl.optional(),
  PEERLINK_SECRET: ZSecret.optional(),
  PUBLIC_URL: z
    .string()
    .refine((v) => /^https?:\/\//.test(v) && URL.canParse(v), "expected an http(s) URL")
    .optional(),
  PUBLIC_MIN_COUNT: ZPublicMinCount.default(publicSuppressionThreshold),
  DEMO_DATA: z.enum(["auto", "off"], { message: "expected auto or off" }).default("auto"),
  TRUST_PROXY: z
    .string()
    .regex(
      /^(false|true|[0-9a-fA-F.:/,\s]+)$/,
      "expected false, true, or the proxies' addresses (e.g. 127.0.0.1,10.0.0.0/8)",
    )
    .default("false"),
  // Donations (docs/donations.md). The bank account defaults to the demo's, which is not real.
  DONATION_BANK_BIN: z
    .string()
    .regex(/^\d{6}$/, "expected the bank's six-digit NAPAS BIN, e.g. 970436")
    .default(demoBankAccount.bin),
  DONATION_ACCOUNT_NUMBER: z
    .string()
    .regex(/^[0-9A-Za-z]{4,19}$/, "expected the account number: 4 to 19 letters or digits")
    .default(demoBankAccount.accountNumber),
  DONATION_ACCOUNT_NAME: z
    .string()
    .regex(/^[A-Z0-9 .,&()-]{2,70}$/, "expected the account holder's name in ASCII capitals")
    .default(demoBankAccount.accountName),
  SEPAY_API_KEY: z
    .string()
    .min(16, "expected the API key set in SePay's webhook (16+ characters)")
    .optional(),
  CASSO_SECRET: z
    .string()
    .min(16, "expected Casso's webhook checksum key (16+ characters)")
    .optional(),
  VNPAY_TMN_CODE: z
    .string()
    .regex(/^[A-Z0-9]{4,20}$/, "expected VNPay's terminal code")
    .optional(),
  VNPAY_HASH_SECRET: z.string().min(16, "expected VNPay's hash secret (16+ characters)").optional(),
  VNPAY_URL: z
    .string()
    .refine((v) => /^https:\/\//.test(v) && URL.canParse(v), "expected VNPay's https payment URL")
    .optional(),
  PAYPAL_CLIENT_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,128}$/, "expected the REST app's client ID from PayPal's dashboard")
    .optional(),
  PAYPAL_CLIENT_SECRET: z
    .string()
    .min(16, "expected the REST app's secret from PayPal's dashboard (16+ characters)")
    .optional(),
  PAYPAL_ENVIRONMENT: z
    .enum(["sandbox", "live"], { message: "expected sandbox (test money) or live" })
    .default("sandbox"),
  PAYPAL_WEBHOOK_ID: z
    .string()
    .regex(/^[A-Za-z0-9]{8,64}$/, "expected the webhook's ID from PayPal's dashboard")
    .optional(),
  PAYPAL_CURRENCY: z
    .enum(paypalCurrencies, {
      message: `expected one of ${paypalCurrencies.join(", ")} (PayPal does not take VND)`,
    })
    .default("USD"),
  PAYPAL_VND_RATE: z
    .string()
    .regex(
      /^[1-9]\d{0,6}(\.\d{1,4})?$/,
      "expected how many đồng one unit of PAYPAL_CURRENCY is worth, e.g. 25400",
    )
    .optional(),
  SMTP_HOST: z.string().min(1, "expected a host name").optional(),
  SMTP_PORT: ZPort.optional(),
  SMTP_SECURE: z
    .enum(["true", "false", "starttls"], {
      message: "expected true (TLS from the start), starttls or false",
    })
    .default("starttls"),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  MAIL_FROM: z
    .string()
    .regex(
      /^([^<>]*<)?[^\s@<>]+@[^\s@<>]+\.?[^\s@<>]*>?$/,
      "expected an address such as Peerlink <news@example.org>",
    )
    .optional(),
  MAIL_POSTAL_ADDRESS: z.string().max(300, "expected at most 300 characters").optional(),
  MAIL_RATE_PER_SECOND: z.coerce
    .number({ message: "expected a number of messages per second from 0.1 to 1000" })
    .min(0.1, "expected a number of messages per second from 0.1 to 1000")
    .max(1000, "expected a number of messages per second from 0.1 to 1000")
    .default(10),
  MAIL_SEND_WINDOW: z.coerce
    .number({ message: "expected a whole number from 1 to 100" })
    .int("expected a whole number from 1 to 100")
    .min(1, "expected a whole number from 1 to 100")
    .max(100, "expected a whole number from 1 to 100")
    .default(10),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      message: "expected one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Given in the environment; when absent, main.ts reads or creates one in DATA_DIR. */
  secret: string | undefined;
  publicUrl: string;
  /**
   * Public figures about clients from 1 to this − 1 are withheld ("<5") on the project page, the
   * public API and published reports.
   */
  publicMinCount: number;
  demoData: "auto" | "off";
  /** Behind a reverse proxy: whose X-Forwarded-For to believe (Fastify's trustProxy). */
  trustProxy: boolean | string;
  logLevel: z.infer<typeof ZConfigSchema>["LOG_LEVEL"];
  /** E-mail (src/mail/): SMTP when a host is given, else .eml files in DATA_DIR/outbox/. */
  mail: MailConfig;
  donations: DonationConfig;
}

export interface MailConfig {
  smtp:
    | {
        host: string;
        port: number;
        /** true: TLS from the first byte (port 465); starttls: upgrade required; false: plain. */
        secure: "true" | "false" | "starttls";
        user: string | undefined;
        password: string | undefined;
      }
    | undefined;
  /** The From header: MAIL_FROM, or newsletter@ the public URL's host. */
  from: string;
  /** The organisation's postal address, in the footer of every message. */
  postalAddress: string;
  ratePerSecond: number;
  /** At most this many messages are being sent at once (and so repeated after a crash). */
  window: number;
}

/** The NGO's bank account and the payment services it uses (docs/donations.md). */
export interface DonationConfig {
  bank: { bin: string; accountNumber: string; accountName: string; demo: boolean };
  sepayApiKey: string | undefined;
  cassoSecret: string | undefined;
  vnpay: { tmnCode: string; hashSecret: string; url: string } | undefined;
  /** PayPal (Orders v2) for donors abroad, when its client ID and secret are given. */
  paypal: PaypalConfig | undefined;
}

export interface PaypalConfig {
  clientId: string;
  clientSecret: string;
  environment: "sandbox" | "live";
  /** Set: PAYMENT.CAPTURE.COMPLETED webhooks are taken (verified with PayPal). */
  webhookId: string | undefined;
  currency: PaypalCurrency;
  /** Đồng per unit of `currency`, as given (up to four decimals): the gifts' VND value. */
  vndRate: string;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Treats empty strings as unset, as shells and .env files often leave them. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== "",
    ),
  );
}

function vnpayConfig(c: z.infer<typeof ZConfigSchema>): DonationConfig["vnpay"] {
  const given = [c.VNPAY_TMN_CODE, c.VNPAY_HASH_SECRET, c.VNPAY_URL].filter(Boolean).length;
  if (given === 0) return undefined;
  if (given < 3) {
    throw new ConfigError(
      "VNPAY_TMN_CODE, VNPAY_HASH_SECRET, VNPAY_URL: expected all three, or none (cards off)",
    );
  }
  return { tmnCode: c.VNPAY_TMN_CODE!, hashSecret: c.VNPAY_HASH_SECRET!, url: c.VNPAY_URL! };
}

function paypalConfig(c: z.infer<typeof ZConfigSchema>): DonationConfig["paypal"] {
  const given = [c.PAYPAL_CLIENT_ID, c.PAYPAL_CLIENT_SECRET].filter(Boolean).length;
  if (given === 0) return undefined;
  if (given < 2) {
    throw new ConfigError(
      "PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET: expected both, or neither (PayPal off)",
    );
  }
  if (!c.PAYPAL_VND_RATE) {
    throw new ConfigError(
      `PAYPAL_VND_RATE: expected how many đồng one ${c.PAYPAL_CURRENCY} is worth (e.g. 25400): the ledger is kept in VND`,
    );
  }
  return {
    clientId: c.PAYPAL_CLIENT_ID!,
    clientSecret: c.PAYPAL_CLIENT_SECRET!,
    environment: c.PAYPAL_ENVIRONMENT,
    webhookId: c.PAYPAL_WEBHOOK_ID,
    currency: c.PAYPAL_CURRENCY,
    vndRate: c.PAYPAL_VND_RATE,
  };
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = ZConfigSchema.safeParse(withoutEmpty(env));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? "environment");
    const given = env[variable];
    // Never echo a secret or a URL that may hold a password.
    const shown =
      given === undefined || /SECRET|KEY|DATABASE_URL|PASSWORD/.test(variable)
        ? ""
        : ` (got "${given}")`;
    throw new ConfigError(`${variable}: ${issue.message}${shown}`);
  }
  const c = result.data;
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, "");
  const secure = c.SMTP_SECURE;
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    secret: c.PEERLINK_SECRET,
    publicUrl,
    publicMinCount: c.PUBLIC_MIN_COUNT,
    demoData: c.DEMO_DATA,
    trustProxy: c.TRUST_PROXY === "false" ? false : c.TRUST_PROXY === "true" ? true : c.TRUST_PROXY,
    logLevel: c.LOG_LEVEL,
    donations: {
      bank: {
        bin: c.DONATION_BANK_BIN,
        accountNumber: c.DONATION_ACCOUNT_NUMBER,
        accountName: c.DONATION_ACCOUNT_NAME,
        demo: c.DONATION_ACCOUNT_NUMBER === demoBankAccount.accountNumber,
      },
      sepayApiKey: c.SEPAY_API_KEY,
      cassoSecret: c.CASSO_SECRET,
      vnpay: vnpayConfig(c),
      paypal: paypalConfig(c),
    },
    mail: {
      smtp: c.SMTP_HOST
        ? {
            host: c.SMTP_HOST,
            port: c.SMTP_PORT ?? (secure === "true" ? 465 : 587),
            secure,
            user: c.SMTP_USER,
            password: c.SMTP_PASSWORD,
          }
        : undefined,
      from: c.MAIL_FROM ?? `Peerlink <newsletter@${mailDomainOf(publicUrl)}>`,
      postalAddress: c.MAIL_POSTAL_ADDRESS ?? "",
      ratePerSecond: c.MAIL_RATE_PER_SECOND,
      window: c.MAIL_SEND_WINDOW,
    },
  };
}

/** The host of a URL as a mail domain ("localhost" gets a dot-less domain, which SMTP accepts). */
export function mailDomainOf(url: string): string {
  return new URL(url).hostname;
}

/** Loads `.env` from the working directory when there is one; real environment variables win. */
export function loadDotEnv(cwd = process.cwd()): void {
  const file = path.join(cwd, ".env");
  if (existsSync(file)) process.loadEnvFile(file);
}
