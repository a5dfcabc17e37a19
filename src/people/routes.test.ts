// Reading a client's name and phone: only in scope, only with a reason, always audited.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { deriveKey } from "../lib/crypto.js";
import { newId } from "../lib/ids.js";
import { buildTestApp, testSecret } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture, type ProjectFixture } from "../test-support/fixtures.js";
import { createAccount, type SignedIn, signIn } from "../test-support/sessions.js";
import { sealClientDetails } from "./details.js";

let database: Database;
let app: FastifyInstance;
let f: ProjectFixture;
const as: Record<string, SignedIn & { id: string }> = {};
let workersClient: string;
let othersClient: string;
let siteBClient: string;

const key = deriveKey(testSecret, "client-details");

async function insertClient(siteId: string, createdBy: string | null, name: string, phone: string) {
  const id = newId();
  await database.db
    .insertInto("clients")
    .values({
      id,
      site_id: siteId,
      uic: `T${id
        .slice(-10)
        .replace(/[^0-9a-f]/g, "")
        .toUpperCase()}`,
      sex: "female",
      birth_year: 1990,
      population_group: "partner_pwud",
      registered_on: "2011-08-01",
      created_by: createdBy,
      ...sealClientDetails(key, id, { name, phone }),
    })
    .execute();
  return id;
}

beforeAll(async () => {
  database = await openTestDatabase();
  f = await insertProjectFixture(database.db);
  app = await buildTestApp(database);
  const accounts = {
    admin: { role: "administrator" as const },
    officer: { role: "programme_officer" as const },
    coordinatorA: { role: "site_coordinator" as const, siteIds: [f.siteA.id] },
    coordinatorB: { role: "site_coordinator" as const, siteIds: [f.siteB.id] },
    workerA: { role: "outreach_worker" as const, siteIds: [f.siteA.id] },
    otherWorkerA: { role: "outreach_worker" as const, siteIds: [f.siteA.id] },
    supervisorA: { role: "supervisor" as const, siteIds: [f.siteA.id] },
  };
  for (const [name, account] of Object.entries(accounts)) {
    const created = await createAccount(database.db, account);
    as[name] = { id: created.id, ...(await signIn(app, created.username, created.password)) };
  }
  workersClient = await insertClient(f.siteA.id, as.workerA!.id, "Lò Thị Hoà", "0912 345 678");
  othersClient = await insertClient(
    f.siteA.id,
    as.otherWorkerA!.id,
    "Quàng Thị Mai",
    "0987 000 111",
  );
  siteBClient = await insertClient(f.siteB.id, null, "Cà Thị Lan", "0977 222 333");
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const readDetails = (who: string, clientId: string, reason = "follow-up call about a referral") =>
  app.inject({
    method: "GET",
    url: `/api/clients/${clientId}/details?reason=${encodeURIComponent(reason)}`,
    headers: { ...as[who]!.headers, "accept-language": "en" },
  });

const auditRows = (clientId: string) =>
  database.db
    .selectFrom("audit_log")
    .selectAll()
    .where("target_type", "=", "client")
    .where("target_id", "=", clientId)
    .orderBy("id")
    .execute();

describe("GET /api/clients/:id/details", () => {
  it("gives the name and phone to a reader in scope, and writes who, what, whom and why", async () => {
    const response = await readDetails("coordinatorA", workersClient);
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.json()).toEqual({ name: "Lò Thị Hoà", phone: "0912 345 678" });
    expect(await auditRows(workersClient)).toMatchObject([
      {
        actor_id: as.coordinatorA!.id,
        channel: "api",
        address: "127.0.0.1",
        action: "client_details.read",
        target_type: "client",
        target_id: workersClient,
        details: { reason: "follow-up call about a referral" },
      },
    ]);
    // The client is named by its id only: nothing of the details themselves is in the log.
    expect(JSON.stringify(await auditRows(workersClient))).not.toMatch(/Lò|0912/);
  });

  it("lets an outreach worker read only the clients they registered", async () => {
    expect((await readDetails("workerA", workersClient)).statusCode).toBe(200);
    const other = await readDetails("workerA", othersClient);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe("not_found");
  });

  it("answers 404, as for a client that does not exist, outside the reader's sites", async () => {
    const before = (await auditRows(siteBClient)).length;
    expect((await readDetails("coordinatorA", siteBClient)).statusCode).toBe(404);
    expect((await readDetails("coordinatorA", newId())).statusCode).toBe(404);
    expect((await readDetails("coordinatorB", siteBClient)).statusCode).toBe(200);
    expect((await readDetails("officer", siteBClient)).statusCode).toBe(200);
    expect((await auditRows(siteBClient)).length).toBe(before + 2);
  });

  it("is not for supervisors (read-only oversight of figures)", async () => {
    expect((await readDetails("supervisorA", workersClient)).statusCode).toBe(403);
  });

  it("requires a reason of 3 to 200 characters, and writes nothing without one", async () => {
    const before = (await auditRows(othersClient)).length;
    for (const reason of ["", "ok", "x".repeat(201)]) {
      const response = await readDetails("admin", othersClient, reason);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ parameter: "reason" });
      expect(response.json().error.message).toMatch(/3 to 200 characters/);
    }
    const missing = await app.inject({
      method: "GET",
      url: `/api/clients/${othersClient}/details`,
      headers: as.admin!.headers,
    });
    expect(missing.statusCode).toBe(400);
    expect((await auditRows(othersClient)).length).toBe(before);
  });
});

describe("GET /api/audit", () => {
  it("lists reads of one client, newest first, for administrators and programme officers", async () => {
    await readDetails("admin", othersClient, "checking a duplicate record");
    for (const who of ["admin", "officer"]) {
      const response = await app.inject({
        method: "GET",
        url: `/api/audit?target_type=client&target_id=${othersClient}`,
        headers: as[who]!.headers,
      });
      expect(response.statusCode).toBe(200);
      const [latest] = response.json().entries;
      expect(latest).toMatchObject({
        action: "client_details.read",
        target: { type: "client", id: othersClient },
        details: { reason: "checking a duplicate record" },
        actor: { id: as.admin!.id },
      });
      expect(
        response
          .json()
          .entries.every((e: { target: { id: string } }) => e.target.id === othersClient),
      ).toBe(true);
    }
    const coordinator = await app.inject({
      method: "GET",
      url: "/api/audit",
      headers: as.coordinatorA!.headers,
    });
    expect(coordinator.statusCode).toBe(403);
  });
});
