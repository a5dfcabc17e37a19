// The app as tests build it: a real database, silent logs, a fixed secret.
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.js";
import type { Database } from "../db/connection.js";

export const testSecret = "a-test-secret-that-is-long-enough-for-peerlink";

export function buildTestApp(
  database: Database,
  publicUrl = "http://localhost:3000",
): Promise<FastifyInstance> {
  return buildApp({ database, config: { publicUrl, logLevel: "silent" }, secret: testSecret });
}
