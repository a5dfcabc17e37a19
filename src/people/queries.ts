// SQL of people: reading a client's sealed details with what decides who may see them; the clients
// of a site whose code is, or nearly is, a given one.
import { sql } from "kysely";
import type { Db } from "../db/connection.js";

/** The client's site and author (for scope) and its sealed name and phone. */
export async function findClientDetails(db: Db, clientId: string) {
  return db
    .selectFrom("clients")
    .select(["id", "site_id", "created_by", "name_encrypted", "phone_encrypted"])
    .where("id", "=", clientId)
    .executeTakeFirst();
}

/**
 * The live clients of a site with this code (`exact`), or of the same sex and birth year with a
 * code one edit away — found through the one-edit keys of migration 0007, as the data-quality
 * panel's pairs are.
 */
export async function findClientsWithUicLike(
  db: Db,
  candidate: { siteId: string; uic: string; sex: string; birthYear: number },
) {
  const { siteId, uic, sex, birthYear } = candidate;
  const { rows } = await sql<{
    id: string;
    site_id: string;
    created_by: string | null;
    exact: boolean;
  }>`
    select c.id, c.site_id, c.created_by, true as exact
      from clients c
     where c.site_id = ${siteId} and c.uic = ${uic} and c.voided_at is null
    union all
    select c.id, c.site_id, c.created_by, false
      from clients c
     where uic_neighbour_keys(c.sex, c.birth_year, c.uic)
           && uic_neighbour_probes(${sex}::text, ${birthYear}::smallint, ${uic}::text)
       and c.uic <> ${uic}
       and c.site_id = ${siteId} and c.voided_at is null`.execute(db);
  return rows;
}
