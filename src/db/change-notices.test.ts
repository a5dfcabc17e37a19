// The versions the public caches key on move exactly when a change commits, on both engines: not
// before the commit, not for a rollback, not for a name that did not change — and by the time a
// write has returned (PGlite) or `settle()` has (PostgreSQL), the change is counted.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInVietnam } from "../indicators/release.js";
import { openTestDatabase } from "../test-support/database.js";
import {
  insertClient,
  insertContact,
  insertGroupSession,
  insertProjectFixture,
  type ProjectFixture,
} from "../test-support/fixtures.js";
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

  describe("past records: what the public figures can see (migration 0024)", () => {
    let f: ProjectFixture;
    const today = todayInVietnam();
    // On a quarter's last day every record counts as past (the migration's margin of a day).
    const tomorrow = new Date(`${today}T00:00:00Z`);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    const quarterOf = (d: string) =>
      `${d.slice(0, 4)}Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3)}`;
    const lastDayOfQuarter = quarterOf(tomorrow.toISOString().slice(0, 10)) !== quarterOf(today);

    beforeAll(async () => {
      f = await insertProjectFixture(database.db, "past-notices");
    });

    /** Whether `change` raised 'past_records' — and it always raises 'records'. */
    const raises = async (change: () => Promise<unknown>) => {
      const records = key("records");
      const past = key("past_records");
      await change();
      await database.changes.settle();
      expect(key("records"), "every change raises records").not.toBe(records);
      return key("past_records") !== past;
    };

    it("is not raised by today's field work, and is by a record of an ended quarter", async () => {
      const client = await insertClient(database.db, f.siteA);
      await database.changes.settle();
      expect(await raises(() => insertContact(database.db, f.siteA, client, today))).toBe(
        lastDayOfQuarter,
      );
      expect(await raises(() => insertGroupSession(database.db, f.siteA, today, [client]))).toBe(
        lastDayOfQuarter,
      );
      expect(await raises(() => insertContact(database.db, f.siteA, client, "2011-08-01"))).toBe(
        true,
      );
      // An attendance has no date: its session's counts.
      const session = await insertGroupSession(database.db, f.siteA, "2011-08-02", []);
      expect(
        await raises(() =>
          sql`insert into group_attendances (id, site_id, session_id, client_id)
              values (gen_random_uuid(), ${f.siteA.id}, ${session}, ${client})`.execute(
            database.db,
          ),
        ),
      ).toBe(true);
    });

    it("is raised when a record moves out of an ended quarter, or one is voided or removed", async () => {
      const client = await insertClient(database.db, f.siteA);
      const contact = await insertContact(database.db, f.siteA, client, "2011-09-01");
      expect(
        await raises(() =>
          sql`update contacts set contact_date = ${today} where id = ${contact}`.execute(
            database.db,
          ),
        ),
        "the old date was past",
      ).toBe(true);
      const recent = await insertContact(database.db, f.siteA, client, today);
      await database.changes.settle();
      if (!lastDayOfQuarter) {
        expect(
          await raises(() =>
            sql`update contacts set voided_at = now(), void_reason = 'duplicate'
                where id = ${recent}`.execute(database.db),
          ),
          "voiding today's record",
        ).toBe(false);
      }
      expect(
        await raises(() =>
          sql`update contacts set voided_at = now(), void_reason = 'duplicate'
              where id = ${contact}`.execute(database.db),
        ),
      ).toBe(lastDayOfQuarter);
      expect(
        await raises(() =>
          sql`update contacts set contact_date = '2011-09-02' where id = ${recent}`.execute(
            database.db,
          ),
        ),
        "moved into an ended quarter",
      ).toBe(true);
    });

    it("is raised by any change to who a client is", async () => {
      const client = await insertClient(database.db, f.siteA);
      expect(
        await raises(() =>
          sql`update clients set birth_year = 1990 where id = ${client}`.execute(database.db),
        ),
      ).toBe(true);
    });
  });
});
