// The demo accounts: one per role, tied to the demo's sites and staff, with the published
// passwords, and never added to a database where someone already made real accounts.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { commandLineActor } from "../audit/service.js";
import { passwordProblem, verifyPassword } from "../auth/passwords.js";
import { listPasswordContextNames } from "../auth/queries.js";
import { createUser } from "../auth/users-service.js";
import type { Database } from "../db/connection.js";
import { openTestDatabase } from "../test-support/database.js";
import { loadDemo, resetDemo } from "./service.js";
import { demoAccounts } from "./users.js";

const opened: Database[] = [];
async function freshDatabase() {
  const database = await openTestDatabase();
  opened.push(database);
  return database.db;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.close()));
});

describe("the demo accounts", () => {
  it("are every one published in the README, with its password", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    for (const account of demoAccounts)
      expect(readme, account.username).toContain(
        `| \`${account.username}\` | \`${account.password}\` |`,
      );
  });

  it("has one account per role, at the demo's sites, linked to its staff", async () => {
    const db = await freshDatabase();
    await loadDemo(db);
    const users = await db
      .selectFrom("users as u")
      .leftJoin("staff as st", "st.id", "u.staff_id")
      .leftJoin("organisations as o", "o.id", "u.organisation_id")
      .select(["u.username", "u.role", "u.password_hash", "st.display_name as staff", "o.slug"])
      .select((eb) =>
        eb
          .selectFrom("user_sites as us")
          .innerJoin("sites as s", "s.id", "us.site_id")
          .select("s.code")
          .whereRef("us.user_id", "=", "u.id")
          .as("site"),
      )
      .orderBy("u.username")
      .execute();
    expect(users.map(({ password_hash: _, ...rest }) => rest)).toEqual([
      { username: "admin", role: "administrator", staff: null, slug: "scdi", site: null },
      {
        username: "coordinator.tg",
        role: "site_coordinator",
        staff: "ĐPV H. Tuần Giáo",
        slug: "scdi",
        site: "TG",
      },
      { username: "editor", role: "editor", staff: null, slug: "scdi", site: null },
      { username: "finance", role: "finance", staff: null, slug: "scdi", site: null },
      { username: "officer", role: "programme_officer", staff: null, slug: "scdi", site: null },
      {
        username: "supervisor.db",
        role: "supervisor",
        staff: null,
        slug: "dien-bien-pac",
        site: "DB",
      },
      {
        username: "worker.tg",
        role: "outreach_worker",
        staff: "TCV H. Tuần Giáo 1",
        slug: "scdi",
        site: "TG",
      },
    ]);
    // The published passwords follow the rules a new password must (the organisation's and
    // the person's names included), so the demo shows what they accept.
    const context = await listPasswordContextNames(db);
    for (const account of demoAccounts) {
      const hash = users.find((u) => u.username === account.username)!.password_hash;
      expect(await verifyPassword(hash, account.password), account.username).toBe(true);
      expect(
        passwordProblem(account.password, account.username, context, account.displayName),
        account.username,
      ).toBe(undefined);
    }
  });

  it("comes back with the same passwords after a reset", async () => {
    const db = await freshDatabase();
    await loadDemo(db);
    expect((await resetDemo(db)).accounts).toBe(demoAccounts.length);
    const admin = await db
      .selectFrom("users")
      .select("password_hash")
      .where("username", "=", "admin")
      .executeTakeFirstOrThrow();
    expect(await verifyPassword(admin.password_hash, demoAccounts[0]!.password)).toBe(true);
  });

  it("is not added where real accounts already exist", async () => {
    const db = await freshDatabase();
    await createUser(
      db,
      {
        username: "admin",
        displayName: "The real administrator",
        role: "administrator",
        password: "a private passphrase 2026",
        siteIds: [],
      },
      () => new Date(),
      commandLineActor,
    );
    const summary = await loadDemo(db);
    expect(summary.accounts).toBe(0);
    const users = await db.selectFrom("users").select("display_name").execute();
    expect(users).toEqual([{ display_name: "The real administrator" }]);
  });
});
