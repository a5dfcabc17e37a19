import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.ts", "app/src/**/*.test.{ts,tsx}"],
    exclude: ["**/node_modules/**", "dist/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: two workers keep PGlite start-up and the server tests from starving each other.
    maxWorkers: 2,
  },
});
