// Sign-in throttles as an administrator meets them over HTTP: the accounts and addresses with
// failed sign-ins, the delay each imposes, and lifting one, which lets the person in at once and
// is written to the audit log.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { newId } from "../lib/ids.js";
import { buildTestApp } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { createAccount, type SignedIn, signIn } from "../test-support/sessions.js";

let database: Database;
let app: FastifyInstance;
let admin: SignedIn;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
  const account = await createAccount(database.db, { role: "administrator" });
  admin = await signIn(app, account.username, account.password);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const logIn = (username: string, password: string, remoteAddress: string) =>
  app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password },
    remoteAddress,
  });

const throttles = async () => {
  const response = await app.inject({
    method: "GET",
    url: "/api/auth/throttles",
    headers: admin.headers,
  });
  expect(response.statusCode).toBe(200);
  expect(response.headers["cache-control"]).toBe("no-store");
  return response.json().throttles as {
    id: string;
    kind: string;
    user: { id: string; username: string } | null;
    address: string | null;
    failures: number;
    blocked_until: string | null;
  }[];
};

const lift = (id: string, headers = admin.unsafeHeaders) =>
  app.inject({ method: "DELETE", url: `/api/auth/throttles/${id}`, headers });

describe("sign-in throttles", () => {
  it("are listed for administrators, and lifting one lets the person in at once", async () => {
    const lan = await createAccount(database.db, { role: "programme_officer" });
    for (let i = 0; i < 6; i++) await logIn(lan.username, `guess ${i}`, "203.0.113.80");
    // Lan, on a new phone, must wait.
    expect((await logIn(lan.username, lan.password, "198.51.100.80")).statusCode).toBe(429);

    const list = await throttles();
    const account = list.find((t) => t.kind === "account" && t.user?.id === lan.id)!;
    expect(account).toMatchObject({ user: { username: lan.username }, address: null, failures: 5 });
    expect(Date.parse(account.blocked_until!)).toBeGreaterThan(Date.now());
    const address = list.find((t) => t.kind === "address" && t.address === "203.0.113.80")!;
    expect(address).toMatchObject({ user: null, failures: 5, blocked_until: null });
    // Unknown usernames are not listed: only their hashes are kept.
    await logIn("nobody.at.all", "x", "203.0.113.81");
    expect(JSON.stringify(await throttles())).not.toContain("nobody");

    const lifted = await lift(account.id);
    expect(lifted.statusCode).toBe(204);
    expect((await logIn(lan.username, lan.password, "198.51.100.80")).statusCode).toBe(200);
    expect((await throttles()).some((t) => t.id === account.id)).toBe(false);
    expect((await lift(address.id)).statusCode).toBe(204);

    const entries = await database.db
      .selectFrom("audit_log")
      .select(["actor_id", "address", "action", "target_type", "target_id", "details"])
      .where("action", "=", "login_throttle.lifted")
      .orderBy("id")
      .execute();
    expect(entries).toMatchObject([
      {
        actor_id: admin.userId,
        address: "127.0.0.1",
        target_type: "user",
        target_id: lan.id,
        details: { kind: "account", failures: 5, blocked_until: account.blocked_until },
      },
      {
        actor_id: admin.userId,
        target_type: "address",
        target_id: "203.0.113.80",
        details: { kind: "address", failures: 5, blocked_until: null },
      },
    ]);
  });

  it("answers 404 for a throttle that is not there (or was lifted already)", async () => {
    expect((await lift(newId())).statusCode).toBe(404);
  });

  it("are for administrators only, and lifting needs the CSRF token", async () => {
    const officer = await createAccount(database.db, { role: "programme_officer" });
    const session = await signIn(app, officer.username, officer.password);
    const list = await app.inject({
      method: "GET",
      url: "/api/auth/throttles",
      headers: session.headers,
    });
    expect(list.statusCode).toBe(403);
    expect((await lift(newId(), session.unsafeHeaders)).statusCode).toBe(403);
    expect((await lift(newId(), admin.headers)).statusCode).toBe(403);
  });
});
