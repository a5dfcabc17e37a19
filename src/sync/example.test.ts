// docs/examples/sync-push.json is a real batch: POSTed as the demo outreach worker it is applied
// against the demo data, and POSTed again every change is answered "duplicate".
import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { loadDemo } from "../demo/service.js";
import { newId } from "../lib/ids.js";
import { buildTestApp } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";

const example = readFileSync(
  new URL("../../docs/examples/sync-push.json", import.meta.url),
  "utf8",
);

describe("the documented example push", () => {
  let database: Database;
  let app: FastifyInstance;
  let cookie: string;
  let csrf: string;

  beforeAll(async () => {
    database = await openTestDatabase();
    await loadDemo(database.db);
    app = await buildTestApp(database);
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "worker.tg", password: "tiep-can-2011-demo" },
    });
    expect(login.statusCode).toBe(200);
    cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    csrf = login.json().csrf_token;
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const push = () =>
    app.inject({
      method: "POST",
      url: "/api/sync/push",
      headers: { cookie, "x-csrf-token": csrf, "content-type": "application/json" },
      payload: example,
    });

  it("is applied, then answered duplicate for every change", async () => {
    const first = await push();
    expect(first.statusCode).toBe(200);
    const count = JSON.parse(example).changes.length;
    expect(first.json().results.map((r: { status: string }) => r.status)).toEqual(
      Array(count).fill("applied"),
    );
    const again = await push();
    expect(again.json().results.map((r: { status: string }) => r.status)).toEqual(
      Array(count).fill("duplicate"),
    );
  });

  it("refuses a push without the CSRF token and a batch over 500 changes", async () => {
    const noToken = await app.inject({
      method: "POST",
      url: "/api/sync/push",
      headers: { cookie },
      payload: JSON.parse(example),
    });
    expect(noToken.statusCode).toBe(403);
    const huge = {
      device_id: JSON.parse(example).device_id,
      changes: Array.from({ length: 501 }, (_, i) => ({
        id: `019a9f00-0000-7000-8000-${String(i).padStart(12, "0")}`,
      })),
    };
    const tooMany = await app.inject({
      method: "POST",
      url: "/api/sync/push",
      headers: { cookie, "x-csrf-token": csrf },
      payload: huge,
    });
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json().error.message).toMatch(/500/);
    const malformed = await app.inject({
      method: "POST",
      url: "/api/sync/push",
      headers: { cookie, "x-csrf-token": csrf, "content-type": "application/json" },
      payload: "{not json",
    });
    expect(malformed.statusCode).toBe(400);
  });

  it("shows worker.tg nothing of a site DB referral whose id it sends (issue 13's leak)", async () => {
    const db = await database.db
      .selectFrom("referrals as r")
      .innerJoin("sites as s", "s.id", "r.site_id")
      .select(["r.id", "r.version", "r.result"])
      .where("s.code", "=", "DB")
      .where("r.result", "is not", null)
      .executeTakeFirstOrThrow();
    const tg = await database.db
      .selectFrom("clients as c")
      .innerJoin("sites as s", "s.id", "c.site_id")
      .innerJoin("users as u", "u.id", "c.created_by")
      .select(["c.id", "c.site_id"])
      .where("u.username", "=", "worker.tg")
      .executeTakeFirstOrThrow();
    const referral = {
      id: db.id,
      site_id: tg.site_id,
      client_id: tg.id,
      service: "hiv_test",
      referred_on: "2011-08-01",
    };
    const change = (op: string, record: Record<string, unknown>, base: number | null) => ({
      id: newId(),
      type: "referral",
      op,
      record,
      base_version: base,
    });
    const answer = await app.inject({
      method: "POST",
      url: "/api/sync/push",
      headers: { cookie, "x-csrf-token": csrf, "accept-language": "en" },
      payload: {
        device_id: JSON.parse(example).device_id,
        changes: [
          change("create", referral, null),
          change("update", referral, Number(db.version)),
          change("update", { ...referral, id: newId() }, 1),
        ],
      },
    });
    const [create, update, ghost] = answer.json().results;
    expect(create).toMatchObject({ status: "rejected", code: "id_taken" });
    expect(create).not.toHaveProperty("server_record");
    expect(update).toMatchObject({ status: "rejected", code: "not_found" });
    expect({ ...update, id: "" }).toEqual({ ...ghost, id: "" });
    expect(answer.body).not.toContain(db.result!);
  });
});
