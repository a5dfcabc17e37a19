import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config.js";

const message = (env: NodeJS.ProcessEnv) => {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
};

describe("parseConfig", () => {
  it("has defaults that run the embedded database in ./data", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: "127.0.0.1",
      databaseUrl: undefined,
      demoData: "auto",
      publicMinCount: 5,
    });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.publicUrl).toBe("http://localhost:3000");
  });

  it("treats empty values as unset and trims a trailing slash from PUBLIC_URL", () => {
    const config = parseConfig({ PORT: "", PUBLIC_URL: "https://peerlink.example.org/" });
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe("https://peerlink.example.org");
  });

  it("names the variable and what it expects, in one line", () => {
    expect(message({ PORT: "eighty" })).toBe(
      'PORT: expected a whole number from 1 to 65535 (got "eighty")',
    );
    expect(message({ PORT: "70000" })).toMatch(/^PORT: expected a whole number/);
    expect(message({ DEMO_DATA: "yes" })).toBe('DEMO_DATA: expected auto or off (got "yes")');
    expect(message({ PUBLIC_URL: "peerlink.org" })).toMatch(
      /^PUBLIC_URL: expected an http\(s\) URL/,
    );
    for (const text of [message({ PORT: "x" }), message({ LOG_LEVEL: "loud" })]) {
      expect(text.split("\n")).toHaveLength(1);
    }
  });

  it("takes the public small-figure threshold from PUBLIC_MIN_COUNT, from 3 to 100", () => {
    expect(parseConfig({ PUBLIC_MIN_COUNT: "10" }).publicMinCount).toBe(10);
    expect(parseConfig({ PUBLIC_MIN_COUNT: "3" }).publicMinCount).toBe(3);
    expect(parseConfig({ PUBLIC_MIN_COUNT: "100" }).publicMinCount).toBe(100);
    // Under 3, a withheld figure would be known to be 1: it would point at a person.
    expect(message({ PUBLIC_MIN_COUNT: "2" })).toBe(
      'PUBLIC_MIN_COUNT: expected a whole number from 3 to 100 (got "2")',
    );
    expect(message({ PUBLIC_MIN_COUNT: "abc" })).toBe(
      'PUBLIC_MIN_COUNT: expected a whole number from 3 to 100 (got "abc")',
    );
    expect(message({ PUBLIC_MIN_COUNT: "7.5" })).toMatch(/^PUBLIC_MIN_COUNT: expected a whole/);
    expect(message({ PUBLIC_MIN_COUNT: "101" })).toMatch(/^PUBLIC_MIN_COUNT: expected a whole/);
  });

  it("never echoes a database URL or a secret", () => {
    const url = message({ DATABASE_URL: "mysql://root:hunter2@db/peerlink" });
    expect(url).toMatch(/^DATABASE_URL: expected a PostgreSQL URL/);
    expect(url).not.toContain("hunter2");
    const secret = message({ PEERLINK_SECRET: "short-secret" });
    expect(secret).toMatch(/^PEERLINK_SECRET: expected at least 32 characters/);
    expect(secret).not.toContain("short-secret");
  });

  it("has the demo's bank account by default, and takes VNPay's three values or none", () => {
    expect(parseConfig({}).donations).toMatchObject({
      bank: { bin: "970436", demo: true },
      sepayApiKey: undefined,
      vnpay: undefined,
    });
    expect(parseConfig({ DONATION_ACCOUNT_NUMBER: "1012345678" }).donations.bank.demo).toBe(false);
    expect(message({ DONATION_BANK_BIN: "97043" })).toMatch(
      /^DONATION_BANK_BIN: expected the bank/,
    );
    expect(message({ VNPAY_TMN_CODE: "PEERLINK" })).toMatch(/expected all three, or none/);
    const key = message({ SEPAY_API_KEY: "short-key" });
    expect(key).toMatch(/^SEPAY_API_KEY: expected/);
    expect(key).not.toContain("short-key");
  });

  it("takes PayPal with its ID, secret and a rate to đồng, or not at all", () => {
    const paypal = {
      PAYPAL_CLIENT_ID: "AbCdEfGhIjKlMnOpQrSt",
      PAYPAL_CLIENT_SECRET: "ExAmPlE-secret-0123456789",
    };
    expect(parseConfig({}).donations.paypal).toBeUndefined();
    expect(parseConfig({ ...paypal, PAYPAL_VND_RATE: "25400" }).donations.paypal).toEqual({
      clientId: "AbCdEfGhIjKlMnOpQrSt",
      clientSecret: "ExAmPlE-secret-0123456789",
      environment: "sandbox",
      webhookId: undefined,
      currency: "USD",
      vndRate: "25400",
    });
    expect(message(paypal)).toMatch(/^PAYPAL_VND_RATE: expected how many đồng one USD/);
    expect(message({ ...paypal, PAYPAL_VND_RATE: "0" })).toMatch(/^PAYPAL_VND_RATE: expected/);
    expect(message({ ...paypal, PAYPAL_VND_RATE: "25,400" })).toMatch(/^PAYPAL_VND_RATE/);
    expect(message({ PAYPAL_CLIENT_ID: paypal.PAYPAL_CLIENT_ID, PAYPAL_VND_RATE: "1" })).toMatch(
      /expected both, or neither/,
    );
    expect(message({ ...paypal, PAYPAL_VND_RATE: "1", PAYPAL_CURRENCY: "VND" })).toMatch(
      /^PAYPAL_CURRENCY: expected one of USD.*PayPal does not take VND/,
    );
    expect(message({ ...paypal, PAYPAL_VND_RATE: "1", PAYPAL_ENVIRONMENT: "prod" })).toMatch(
      /^PAYPAL_ENVIRONMENT: expected sandbox/,
    );
    const secret = message({ PAYPAL_CLIENT_SECRET: "tiny-secret" });
    expect(secret).toMatch(/^PAYPAL_CLIENT_SECRET: expected/);
    expect(secret).not.toContain("tiny-secret");
  });
});
