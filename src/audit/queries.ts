// SQL of the audit log (table audit_log, migration 0017): insert, and read newest first by id
// through the indexes on actor, action, target and time. There is no update and no delete.
import type { Insertable } from "kysely";
import type { Db } from "../db/connection.js";
import type { AuditLogTable } from "../db/schema.js";

export async function insertAuditEvent(db: Db, row: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto("audit_log").values(row).execute();
}

export interface AuditFilter {
  actorUsername?: string | undefined;
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  atOrAfter?: Date | undefined;
  before?: Date | undefined;
  idBelow?: number | undefined;
  limit: number;
}

export async function selectAuditEvents(db: Db, filter: AuditFilter) {
  let query = db
    .selectFrom("audit_log as a")
    .leftJoin("users as actor", "actor.id", "a.actor_id")
    // A readable name for a target that has one: an account's username, a project's slug.
    .leftJoin("users as tu", (join) =>
      join
        .on("a.target_type", "=", "user")
        .onRef("a.target_id", "=", (eb) => eb.cast("tu.id", "text")),
    )
    .leftJoin("projects as tp", (join) =>
      join
        .on("a.target_type", "=", "project")
        .onRef("a.target_id", "=", (eb) => eb.cast("tp.id", "text")),
    )
    .select((eb) => [
      "a.id",
      "a.at",
      "a.actor_id",
      "a.channel",
      "a.address",
      "a.action",
      "a.target_type",
      "a.target_id",
      "a.details",
      "actor.username as actor_username",
      "actor.display_name as actor_display_name",
      eb.fn.coalesce("tu.username", "tp.slug").as("target_label"),
    ])
    .orderBy("a.id", "desc")
    .limit(filter.limit);
  if (filter.actorUsername !== undefined) {
    query = query.where("actor.username", "=", filter.actorUsername);
  }
  if (filter.action !== undefined) query = query.where("a.action", "=", filter.action);
  if (filter.targetType !== undefined) query = query.where("a.target_type", "=", filter.targetType);
  if (filter.targetId !== undefined) query = query.where("a.target_id", "=", filter.targetId);
  if (filter.atOrAfter !== undefined) query = query.where("a.at", ">=", filter.atOrAfter);
  if (filter.before !== undefined) query = query.where("a.at", "<", filter.before);
  if (filter.idBelow !== undefined) query = query.where("a.id", "<", filter.idBelow);
  return query.execute();
}
