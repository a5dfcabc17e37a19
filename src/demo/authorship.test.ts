// The demo outreach worker's app opens on their own caseload: the clients they met first, with
// those clients' contacts, are theirs — and nobody else's clients.
import { afterAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/policy.js";
import { pullChanges } from "../sync/pull.js";
import { openTestDatabase } from "../test-support/database.js";
import { loadDemo } from "./service.js";

describe("the demo worker's caseload", () => {
  const opened = (async () => {
    const database = await openTestDatabase();
    await loadDemo(database.db);
    return database;
  })();
  afterAll(async () => (await opened).close());

  it("is pulled by the demo outreach worker, and holds only their own clients", async () => {
    const { db } = await opened;
    const row = await db
      .selectFrom("users")
      .selectAll()
      .where("username", "=", "worker.tg")
      .executeTakeFirstOrThrow();
    const sites = await db
      .selectFrom("user_sites")
      .select("site_id")
      .where("user_id", "=", row.id)
      .execute();
    const worker: SessionUser = {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      siteIds: sites.map((s) => s.site_id),
      staffId: row.staff_id,
      locale: "vi",
    };
    const clients = [];
    const contacts = [];
    let cursor = 0;
    for (;;) {
      const page = await pullChanges(db, worker, { cursor, now: new Date() });
      clients.push(...page.changes.filter((c) => c.type === "client"));
      contacts.push(...page.changes.filter((c) => c.type === "contact"));
      cursor = page.cursor;
      if (!page.more) break;
    }
    expect(clients.length).toBeGreaterThan(10);
    expect(clients.every((c) => c.record.created_by === worker.id)).toBe(true);
    expect(contacts.length).toBeGreaterThanOrEqual(clients.length - 1);
  });
});
