// Bad bytes get a 400 that names the parameter and says why in the caller's language, never a 500:
// a NUL in the log-in username, a user's display name, the reason for reading a client's details
// and a project's address; a date PostgreSQL cannot store; broken Unicode and bytes that are not
// UTF-8. A sync push refuses only the change that carries such text. And a value that reaches the
// database anyway is a logged 400, while any other database failure stays a logged 500.
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { loadDemo } from "../demo/service.js";
import { demoAccounts } from "../demo/users.js";
import { newId } from "../lib/ids.js";
import { MAX_TEXT_LENGTH } from "../lib/input.js";
import { buildTestApp } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { type SignedIn, signIn } from "../test-support/sessions.js";

let database: Database;
let app: FastifyInstance;
const logs: string[] = [];
const as: Record<string, SignedIn> = {};

beforeAll(async () => {
  database = await openTestDatabase();
  await loadDemo(database.db);
  app = await buildTestApp(database, "http://localhost:3000", {
    write: (line) => void logs.push(line),
  });
  // Routes that hand a value to the database unchecked, as a route with a missing check would.
  app.get("/api/test/as-date", { config: { action: "public" } }, async (request) => {
    const { value } = request.query as { value: string };
    return (await sql<{ day: string }>`select ${value}::date as day`.execute(database.db)).rows;
  });
  app.get("/api/test/broken-query", { config: { action: "public" } }, async () =>
    sql`select * from a_table_that_does_not_exist`.execute(database.db),
  );
  for (const account of demoAccounts) {
    as[account.role] = await signIn(app, account.username, account.password);
  }
});
afterAll(async () => {
  await app.close();
  await database.close();
});

interface ErrorAnswer {
  error: { code: string; message: string; parameter?: string };
}

const vi = { "accept-language": "vi" };
const en = { "accept-language": "en" };

describe("bad bytes in what people type", () => {
  it("refuses a NUL in the log-in username with a 400 that names it, in Vietnamese and English", async () => {
    for (const [headers, words] of [
      [vi, "ký tự điều khiển ẩn (ví dụ NUL)"],
      [en, "hidden control character (such as NUL)"],
    ] as const) {
      const response = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        headers,
        payload: { username: "admin\u0000", password: "quan-tri-2011-demo" },
      });
      expect(response.statusCode).toBe(400);
      const { error } = response.json() as ErrorAnswer;
      expect(error.code).toBe("invalid_parameter");
      expect(error.parameter).toBe("username");
      expect(error.message).toContain("“username”");
      expect(error.message).toContain(words);
    }
  });

  it("refuses a NUL in a user's display name and leaves the account as it was", async () => {
    const users = (
      await app.inject({ method: "GET", url: "/api/users", headers: as.administrator!.headers })
    ).json() as { users: { id: string; display_name: string }[] };
    const target = users.users.find((user) => user.display_name !== "")!;
    const response = await app.inject({
      method: "PATCH",
      url: `/api/users/${target.id}`,
      headers: { ...as.administrator!.unsafeHeaders, ...en },
      payload: { display_name: "Nguyễn\u0000Văn A" },
    });
    expect(response.statusCode).toBe(400);
    expect((response.json() as ErrorAnswer).error.parameter).toBe("display_name");
    const after = await database.db
      .selectFrom("users")
      .select("display_name")
      .where("id", "=", target.id)
      .executeTakeFirstOrThrow();
    expect(after.display_name).toBe(target.display_name);
  });

  it("refuses a NUL in the reason for reading a client's details, and records no reading", async () => {
    const client = await database.db.selectFrom("clients").select("id").executeTakeFirstOrThrow();
    const count = async () =>
      Number(
        (
          await database.db
            .selectFrom("audit_log")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const response = await app.inject({
      method: "GET",
      url: `/api/clients/${client.id}/details?reason=${encodeURIComponent("kiểm tra\u0000 hồ sơ")}`,
      headers: { ...as.administrator!.headers, ...vi },
    });
    expect(response.statusCode).toBe(400);
    expect((response.json() as ErrorAnswer).error.parameter).toBe("reason");
    expect(await count()).toBe(before);
  });

  it("refuses a NUL in a project's address on the public pages, the API and the dashboards", async () => {
    const calls = [
      { url: "/vi/du-an/dien%00bien", headers: {}, html: true },
      { url: "/en/projects/dien%00bien", headers: {}, html: true },
      { url: "/api/projects/dien%00bien/results", headers: {}, html: false },
      { url: "/dashboard/dien%00bien", headers: as.programme_officer!.headers, html: true },
      { url: "/api/dashboard/dien%00bien", headers: as.programme_officer!.headers, html: false },
      {
        url: "/api/projects/dien%00bien/targets",
        headers: as.programme_officer!.headers,
        html: false,
      },
    ];
    for (const call of calls) {
      const response = await app.inject({ method: "GET", url: call.url, headers: call.headers });
      expect(response.statusCode, call.url).toBe(400);
      if (call.html) {
        expect(response.headers["content-type"], call.url).toBe("text/html; charset=utf-8");
      } else {
        expect((response.json() as ErrorAnswer).error.parameter, call.url).toBe("slug");
      }
    }
  });

  it("refuses dates PostgreSQL cannot store, naming the parameter", async () => {
    for (const query of ["from=0000-01-01", "to=0000-12-31", "from=0000-02-29&to=2011-10-31"]) {
      const response = await app.inject({
        method: "GET",
        url: `/api/projects/dien-bien/results?${query}`,
        headers: en,
      });
      expect(response.statusCode, query).toBe(400);
      const { error } = response.json() as ErrorAnswer;
      expect(error.code, query).toBe("invalid_parameter");
      expect(error.message, query).toContain("expected a date from 1900-01-01 to 2100-12-31");
    }
  });

  it("refuses broken Unicode, bytes that are not UTF-8, and text longer than any field takes", async () => {
    const surrogate = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json", ...en },
      payload: '{"username":"admin\\ud800","password":"x"}',
    });
    expect(surrogate.statusCode).toBe(400);
    expect((surrogate.json() as ErrorAnswer).error.message).toContain("invalid Unicode");

    const notUtf8 = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json", ...en },
      payload: Buffer.concat([
        Buffer.from('{"username":"adm'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('in","password":"x"}'),
      ]),
    });
    expect(notUtf8.statusCode).toBe(400);
    expect((notUtf8.json() as ErrorAnswer).error).toEqual({
      code: "invalid_body",
      message: "The data sent is not in the expected form: it is not valid UTF-8 text",
    });

    const long = await app.inject({
      method: "GET",
      url: `/api/projects/dien-bien/results?period=${"2".repeat(MAX_TEXT_LENGTH + 1)}`,
      headers: en,
    });
    expect(long.statusCode).toBe(400);
    expect((long.json() as ErrorAnswer).error.message).toBe(
      `The parameter “period” is not valid: it is too long (at most ${MAX_TEXT_LENGTH.toLocaleString("en")} characters)`,
    );
  });

  it("rejects only the synced change whose text holds a NUL; the rest of the batch is applied", async () => {
    const site = await database.db
      .selectFrom("sites")
      .select("id")
      .where("code", "=", "TG")
      .executeTakeFirstOrThrow();
    const client = (uic: string, name: string) => ({
      id: newId(),
      type: "client",
      op: "create",
      base_version: null,
      record: {
        id: newId(),
        site_id: site.id,
        uic,
        sex: "female",
        birth_year: 1990,
        population_group: "pwid",
        registered_on: "2011-08-01",
        name,
      },
    });
    const good = client("QWZX90TG", "Lò Thị Hoa");
    const bad = client("QWZY91TG", "Lò Thị\u0000 Mai");
    const response = await app.inject({
      method: "POST",
      url: "/api/sync/push",
      headers: { ...as.outreach_worker!.unsafeHeaders, ...en },
      payload: { device_id: newId(), changes: [good, bad] },
    });
    expect(response.statusCode).toBe(200);
    const { results } = response.json() as {
      results: { id: string; status: string; field?: string; message?: string }[];
    };
    expect(results.find((r) => r.id === good.id)?.status).toBe("applied");
    const refused = results.find((r) => r.id === bad.id)!;
    expect(refused.status).toBe("rejected");
    expect(refused.field).toBe("name");
    expect(refused.message).toContain("hidden control character (such as NUL)");
  });
});

describe("a value no check refused", () => {
  it("is a 400 when the database refuses it as input, logged without the value", async () => {
    logs.length = 0;
    const response = await app.inject({
      method: "GET",
      url: "/api/test/as-date?value=2011-02-30",
      headers: en,
    });
    expect(response.statusCode).toBe(400);
    expect((response.json() as ErrorAnswer).error.code).toBe("invalid_value");
    const warning = logs.find((line) => line.includes("a value no schema refused"));
    expect(warning).toBeDefined();
    expect(JSON.parse(warning!)).toMatchObject({ level: 40, route: "/api/test/as-date" });
    expect(logs.join("\n")).not.toContain("2011-02-30");
  });

  it("stays a logged 500 when the database fails for any other reason", async () => {
    logs.length = 0;
    const response = await app.inject({ method: "GET", url: "/api/test/broken-query" });
    expect(response.statusCode).toBe(500);
    expect((response.json() as ErrorAnswer).error.code).toBe("internal");
    expect(logs.some((line) => JSON.parse(line).level === 50)).toBe(true);
  });
});
