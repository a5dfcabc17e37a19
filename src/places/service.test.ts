import { afterAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../test-support/database.js";
import { findPlaceByCode, listChildPlaces } from "./queries.js";
import { loadReferencePlaces } from "./service.js";

describe("reference places", () => {
  const opened = openTestDatabase();
  afterAll(async () => (await opened).close());

  it("loads Điện Biên as it was in 2011, and loading again changes nothing", async () => {
    const { db } = await opened;
    await loadReferencePlaces(db);
    const count = async () =>
      Number(
        (
          await db
            .selectFrom("places")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const first = await count();
    await loadReferencePlaces(db);
    expect(await count()).toBe(first);
    const sizes: Record<string, number> = {};
    for (const code of ["094", "100", "099"]) {
      const district = await findPlaceByCode(db, "district", code, "2011-07-01");
      sizes[code] = (await listChildPlaces(db, district!.id, "2011-07-01")).length;
    }
    expect(sizes).toEqual({ "094": 9, "100": 19, "099": 14 });
  });

  it("puts back a unit that went missing", async () => {
    const { db } = await opened;
    const tuanGiao = await findPlaceByCode(db, "district", "099", "2011-07-01");
    const [last] = (await listChildPlaces(db, tuanGiao!.id, "2011-07-01")).slice(-1);
    await db.deleteFrom("places").where("id", "=", last!.id).execute();
    await loadReferencePlaces(db);
    expect(await listChildPlaces(db, tuanGiao!.id, "2011-07-01")).toHaveLength(14);
  });
});
