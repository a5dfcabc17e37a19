// The real Peerlink server for the app's tests: a fresh database with a small programme, an
// account with a real password, the app listening on a free port, and a `fetch` with a cookie jar
// (the browser keeps the session cookie; Node's fetch does not).
import type { FastifyInstance } from "fastify";
import { hashPassword } from "../../../src/auth/passwords.js";
import type { SessionUser } from "../../../src/auth/policy.js";
import type { Database } from "../../../src/db/connection.js";
import type { UserRole } from "../../../src/db/schema.js";
import { buildTestApp } from "../../../src/test-support/app.js";
import { openTestDatabase } from "../../../src/test-support/database.js";
import { insertProjectFixture, type ProjectFixture } from "../../../src/test-support/fixtures.js";
import { insertUser } from "../../../src/test-support/users.js";

export const password = "một-mật-khẩu-dài-đủ";

export interface RealServer {
  url: string;
  database: Database;
  fixture: ProjectFixture;
  addUser(role: UserRole): Promise<SessionUser>;
  close(): Promise<void>;
}

export async function startRealServer(): Promise<RealServer> {
  const database = await openTestDatabase();
  const fixture = await insertProjectFixture(database.db);
  const app: FastifyInstance = await buildTestApp(database);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as { port: number };
  const hash = await hashPassword(password);
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    fixture,
    async addUser(role) {
      const user = await insertUser(database.db, role, {
        siteIds: [fixture.siteA.id],
        staffId: fixture.staffA,
      });
      await database.db
        .updateTable("users")
        .set({ password_hash: hash })
        .where("id", "=", user.id)
        .execute();
      return user;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** A browser-like fetch: keeps the cookies the server sets and sends them back. */
export function cookieFetch(): typeof fetch & { forget(): void } {
  const jar = new Map<string, string>();
  const wrapped = async (input: string | URL | Request, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (jar.size) headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(input, { ...init, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  return Object.assign(wrapped as typeof fetch, { forget: () => jar.clear() });
}
