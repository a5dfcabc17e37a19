// The SQL of a project's public money page: the sealed names of donors who chose to be named and
// whose gift arrived.
import type { Db } from "../db/connection.js";

export async function selectNamedDonorNames(db: Db, projectId: string) {
  const rows = await db
    .selectFrom("donation_pledges as p")
    .innerJoin("donation_gifts as g", "g.pledge_id", "p.id")
    .select(["p.id", "p.donor_name"])
    .where("g.project_id", "=", projectId)
    .where("p.named", "=", true)
    .where("p.donor_name", "is not", null)
    .orderBy("p.id")
    .execute();
  return rows.flatMap((row) =>
    row.donor_name ? [{ id: row.id, donor_name: row.donor_name }] : [],
  );
}
