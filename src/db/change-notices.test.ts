// The versions the public caches key on move exactly when a change commits, on both engines: not
// before the commit, not for a rollback, not for a name that did not change — and by the time a
// write has returned (PGlite) or `settle()` has (PostgreSQL), the change is counted.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../test-support/database.js";
import type { ChangeName } from "./change-notices.js";
import type { Database } from "./connection.js";

describe("notices of change", () => {
  let database: Database;
  const key = (...names: ChangeName[]) => database.changes.key(names);

  beforeAll(async () => {
    database = await openTestDatabase();
    // On PostgreSQL the listening connection opens on first use: until it listens, nothing may be
    // cached, and the key says so.
    await database.changes.ready();
  });
  afterAll(async () => {
    await database.close();
  });

  const addOrganisation = (db: Database["db"], slug: string) =>
    sql`insert into organisations (slug, short_name, name_vi, name_en, kind)
        values (${slug}, ${slug}, ${slug}, ${slug}, 'sponsor')`.execute(db);

  it("moves a name's version when a change to it commits, and only then", async () => {
    const before = key("programmes");
    const recordsBefore = key("records");
    expect(before).toBeDefined();
    await database.db.transaction().execute(async (trx) => {
      await addOrganisation(trx, "notice-one");
      await database.changes.settle();
      expect(key("programmes"), "not before the commit").toBe(before);
    });
    await database.changes.settle();
    expect(key("programmes")).not.toBe(before);
    expect(key("records"), "another name").toBe(recordsBefore);
  });

  it("does not move for a transaction rolled back", async () => {
    const before = key("programmes");
    await expect(
      database.db.transaction().execute(async (trx) => {
        await addOrganisation(trx, "notice-two");
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await database.changes.settle();
    expect(key("programmes")).toBe(before);
  });

  it("counts a statement outside a transaction, and a key names every version it depends on", async () => {
    const both = key("programmes", "records");
    await addOrganisation(database.db, "notice-three");
    await database.changes.settle();
    expect(key("programmes", "records")).not.toBe(both);
  });

  it("changes every version when notices may have been missed", () => {
    const before = key("records");
    database.changes.missed();
    expect(key("records")).not.toBe(before);
  });
});
