// SQL for administrative units.
import { sql } from "kysely";
import type { Db } from "../db/connection.js";
import type { PlaceKind, PlaceLevel } from "../db/schema.js";

export interface NewPlace {
  code: string;
  level: PlaceLevel;
  kind: PlaceKind;
  name: string;
  parentId: string | null;
  validFrom: string | null;
  validTo: string | null;
}

/** Inserts a unit unless the same (level, code, valid_from) is there; returns its id either way. */
export async function upsertPlace(db: Db, place: NewPlace): Promise<string> {
  await db
    .insertInto("places")
    .values({
      code: place.code,
      level: place.level,
      kind: place.kind,
      name: place.name,
      parent_id: place.parentId,
      valid_from: place.validFrom,
      valid_to: place.validTo,
    })
    .onConflict((oc) =>
      oc.expression(sql`level, code, coalesce(valid_from, '-infinity'::date)`).doNothing(),
    )
    .execute();
  const row = await db
    .selectFrom("places")
    .select("id")
    .where("level", "=", place.level)
    .where("code", "=", place.code)
    .where(sql<boolean>`valid_from is not distinct from ${place.validFrom}::date`)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The unit with this code and level that was valid on a date. */
export async function findPlaceByCode(db: Db, level: PlaceLevel, code: string, on: string) {
  return db
    .selectFrom("places")
    .selectAll()
    .where("level", "=", level)
    .where("code", "=", code)
    .where((eb) => eb.or([eb("valid_from", "is", null), eb("valid_from", "<=", on)]))
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">", on)]))
    .executeTakeFirst();
}

export async function listChildPlaces(db: Db, parentId: string, on: string) {
  return db
    .selectFrom("places")
    .selectAll()
    .where("parent_id", "=", parentId)
    .where((eb) => eb.or([eb("valid_from", "is", null), eb("valid_from", "<=", on)]))
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">", on)]))
    .orderBy("code")
    .execute();
}

/** `level:code:valid_from` of the units with these codes, to see what a data file would add. */
export async function listPlaceKeys(db: Db, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom("places")
    .select(["level", "code", "valid_from"])
    .where("code", "in", codes)
    .execute();
  return rows.map((r) => `${r.level}:${r.code}:${r.valid_from ?? ""}`);
}
