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

  it("never echoes a database URL or a secret", () => {
    const url = message({ DATABASE_URL: "mysql://root:hunter2@db/peerlink" });
    expect(url).toMatch(/^DATABASE_URL: expected a PostgreSQL URL/);
    expect(url).not.toContain("hunter2");
    const secret = message({ PEERLINK_SECRET: "short-secret" });
    expect(secret).toMatch(/^PEERLINK_SECRET: expected at least 32 characters/);
    expect(secret).not.toContain("short-secret");
  });
});
