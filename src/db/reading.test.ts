// Reading the database for an answer: one snapshot, a read once per snapshot, the versions that key
// what a snapshot gave, and the settings of a statement that sorts much, on both engines.
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../test-support/database.js";
import { ChangeNotices } from "./change-notices.js";
import { readOnce, readSnapshot, runSorting, versionsFor } from "./reading.js";

describe("reading the database for an answer", () => {
  const opened = openTestDatabase();
  afterAll(async () => (await opened).close());

  it("reads one moment in a snapshot: a write committed meanwhile is not seen in it, and is not lost", async () => {
    const { db, engine } = await opened;
    const count = async (reader: typeof db) =>
      Number(
        (
          await reader
            .selectFrom("organisations")
            .select((e) => e.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    let written = false;
    let writing: Promise<unknown> | undefined;
    const [before, after] = await readSnapshot(db, async (snapshot) => {
      const first = await count(snapshot);
      writing = db
        .insertInto("organisations")
        .values({
          slug: "written-meanwhile",
          short_name: "W",
          name_vi: "W",
          name_en: "W",
          kind: "cbo",
          website: null,
        })
        .execute()
        .then(() => {
          written = true;
        });
      // PostgreSQL commits it on a connection of its own; PGlite's one connection is the
      // snapshot's until it ends, so the write waits (and must not be awaited here).
      if (engine === "postgres") await writing;
      else await new Promise((resolve) => setTimeout(resolve, 50));
      expect(written).toBe(engine === "postgres");
      return [first, await count(snapshot)];
    });
    expect(after).toBe(before);
    await writing;
    expect(await count(db)).toBe(before + 1);
    // Read only: a snapshot writes nothing.
    await expect(
      readSnapshot(db, (snapshot) =>
        snapshot.deleteFrom("organisations").where("slug", "=", "written-meanwhile").execute(),
      ),
    ).rejects.toThrow(/read-only/);
  });

  it("sorts with work memory enough for the indicators, alone or in a caller's transaction", async () => {
    const { db } = await opened;
    const workMem = async (reader: typeof db) =>
      (await sql<{ work_mem: string }>`show work_mem`.execute(reader)).rows[0]!.work_mem;
    expect(await runSorting(db, workMem)).toBe("128MB");
    expect(await db.transaction().execute((trx) => runSorting(trx, workMem))).toBe("128MB");
    expect(await readSnapshot(db, (snapshot) => runSorting(snapshot, workMem))).toBe("128MB");
  });

  it("reads a thing once per snapshot, and every time elsewhere", async () => {
    const { db } = await opened;
    let reads = 0;
    const read = (reader: typeof db) =>
      readOnce(reader, "the answer", async () => {
        reads += 1;
        return (await sql<{ n: number }>`select 42 as n`.execute(reader)).rows[0]!.n;
      });
    expect(
      await readSnapshot(db, async (snapshot) => [await read(snapshot), await read(snapshot)]),
    ).toEqual([42, 42]);
    expect(reads).toBe(1);
    // Another snapshot reads again: it may be of another moment.
    await readSnapshot(db, read);
    expect(reads).toBe(2);
    await read(db);
    await read(db);
    expect(reads).toBe(4);
  });

  it("keys what a snapshot reads by the versions from before it began, never newer", async () => {
    const { db } = await opened;
    const changes = new ChangeNotices({ listening: true });
    const names = ["past_records"] as const;
    changes.notice("past_records");
    const before = changes.key(names);
    const inside = await readSnapshot(
      db,
      async (snapshot) => {
        // A record committed after the snapshot began: the snapshot does not have it.
        changes.notice("past_records");
        return versionsFor(snapshot, changes, names);
      },
      { changes },
    );
    expect(inside).toBe(before);
    expect(versionsFor(db, changes, names)).not.toBe(before);
    // A snapshot whose versions were not taken before it: nothing may be kept of it.
    expect(await readSnapshot(db, async (snapshot) => versionsFor(snapshot, changes, names))).toBe(
      undefined,
    );
  });
});
