// The app as tests build it: a real database, silent logs (or logs into a stream), a fixed secret.
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.js";
import type { Database } from "../db/connection.js";

export const testSecret = "a-test-secret-that-is-long-enough-for-peerlink";

/** With a `logStream`, the app logs at "info" into it (tests of what logs may contain). */
export function buildTestApp(
  database: Database,
  publicUrl = "http://localhost:3000",
  logStream?: { write(line: string): void },
): Promise<FastifyInstance> {
  return buildApp({
    database,
    config: { publicUrl, logLevel: logStream ? "info" : "silent" },
    secret: testSecret,
    ...(logStream ? { logStream } : {}),
  });
}
