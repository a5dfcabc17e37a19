// What the server's logs may hold: requests and errors, never a password, a client's name or
// phone, or the reason someone gave for reading them. The app logs at "info" into a stream here.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { deriveKey } from "../lib/crypto.js";
import { newId } from "../lib/ids.js";
import { buildTestApp, testSecret } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture } from "../test-support/fixtures.js";
import { createAccount, signIn } from "../test-support/sessions.js";
import { sealClientDetails } from "./details.js";

const secrets = {
  password: "Correct-Horse-Battery-2011",
  wrongPassword: "Wrong-Guess-Of-The-Password",
  name: "Lò Thị Hoà",
  phone: "0912 345 678",
  reason: "gọi cho chị Hoà về kết quả xét nghiệm",
};

let database: Database;
let app: FastifyInstance;
const lines: string[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database, "http://localhost:3000", {
    write: (line: string) => {
      lines.push(line);
    },
  });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe("the server's logs", () => {
  it("hold no password, name, phone or reason through log-ins and a details read", async () => {
    const f = await insertProjectFixture(database.db);
    const account = await createAccount(database.db, {
      role: "site_coordinator",
      siteIds: [f.siteA.id],
      password: secrets.password,
    });
    const clientId = newId();
    await database.db
      .insertInto("clients")
      .values({
        id: clientId,
        site_id: f.siteA.id,
        uic: "LOHOA1990F",
        sex: "female",
        birth_year: 1990,
        population_group: "partner_pwud",
        registered_on: "2011-08-01",
        ...sealClientDetails(deriveKey(testSecret, "client-details"), clientId, secrets),
      })
      .execute();

    const wrong = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: account.username, password: secrets.wrongPassword },
    });
    expect(wrong.statusCode).toBe(401);
    const malformed = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: account.username, password: secrets.wrongPassword, extra: 1 },
    });
    expect(malformed.statusCode).toBe(400);
    const session = await signIn(app, account.username, secrets.password);
    const read = await app.inject({
      method: "GET",
      url: `/api/clients/${clientId}/details?reason=${encodeURIComponent(secrets.reason)}`,
      headers: session.headers,
    });
    expect(read.json()).toEqual({ name: secrets.name, phone: secrets.phone });

    const log = lines.join("");
    // The requests were logged, so the stream did receive the app's logs.
    expect(log).toContain("/api/auth/login");
    expect(log).toContain(`/api/clients/${clientId}/details?reason=…`);
    for (const [what, value] of Object.entries(secrets)) {
      expect(log, what).not.toContain(value);
      expect(log, what).not.toContain(encodeURIComponent(value));
    }
    expect(log).not.toContain(session.headers.cookie!.split("=")[1]!);
  });
});
