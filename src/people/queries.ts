// SQL of people: reading a client's sealed details with what decides who may see them.
import type { Db } from "../db/connection.js";

/** The client's site and author (for scope) and its sealed name and phone. */
export async function findClientDetails(db: Db, clientId: string) {
  return db
    .selectFrom("clients")
    .select(["id", "site_id", "created_by", "name_encrypted", "phone_encrypted"])
    .where("id", "=", clientId)
    .executeTakeFirst();
}

/** Clients with a sealed name or phone: what only the instance secret can read (backups say so). */
export async function countClientsWithDetails(db: Db): Promise<number> {
  const row = await db
    .selectFrom("clients")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where((eb) =>
      eb.or([eb("name_encrypted", "is not", null), eb("phone_encrypted", "is not", null)]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
