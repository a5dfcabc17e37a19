// Which stored (or just decided) records the pushing user may read: the policy's rule
// (canReadRecord, "Who sees what") applied to rows as they are stored. A record is readable only
// with every record it names (a contact with its client, an attendance with its session and
// client…), so those are read too, once per table, before anything is decided.
import {
  canReadRecord,
  type RecordFacts,
  type RecordType,
  readableSites,
  type SessionUser,
} from "../auth/policy.js";
import type { Db } from "../db/connection.js";
import { findProjectsOfSites, findRows, type Row } from "./queries.js";
import { recordConfigs, type SyncedTable, typeOfTable } from "./records.js";

export const rowKey = (table: string, id: string) => `${table}:${id}`;

/** The rows a push read or decided, by `table:id`; new records join it as they are decided. */
export type Rows = Map<string, Row>;

/** The fields of a record type that name another synced record, with that record's table. */
const namedBy = (type: RecordType) =>
  recordConfigs[type].references.flatMap((reference) =>
    reference.type ? [{ field: reference.field, table: recordConfigs[reference.type].table }] : [],
  );

/**
 * Reads into `rows` every synced record that the rows already there name, and what those name in
 * turn (a distribution's contact, then that contact's client): one query per table and level.
 */
async function readNamed(trx: Db, rows: Rows): Promise<void> {
  let level = [...rows.entries()];
  while (level.length > 0) {
    const wanted = new Map<SyncedTable, Set<string>>();
    for (const [key, row] of level) {
      const type = typeOfTable[key.slice(0, key.indexOf(":")) as SyncedTable];
      if (!type) continue;
      for (const { field, table } of namedBy(type)) {
        const id = row[field];
        if (typeof id !== "string" || rows.has(rowKey(table, id))) continue;
        if (!wanted.has(table)) wanted.set(table, new Set());
        wanted.get(table)!.add(id);
      }
    }
    level = [];
    for (const [table, ids] of wanted) {
      for (const row of await findRows(trx, table, [...ids])) {
        rows.set(rowKey(table, row.id), row);
        level.push([rowKey(table, row.id), row]);
      }
    }
  }
}

function factsOf(type: RecordType, row: Row, rows: Rows): RecordFacts {
  const names = namedBy(type).flatMap(({ field, table }) => {
    const id = row[field];
    if (typeof id !== "string") return [];
    const named = rows.get(rowKey(table, id));
    return [named && factsOf(typeOfTable[table], named, rows)];
  });
  return {
    type,
    site_id: (row.site_id as string | null) ?? null,
    created_by: (row.created_by as string | null) ?? null,
    project_id: (row.project_id as string | null | undefined) ?? null,
    names,
  };
}

/**
 * Returns `readable(type, row)` for this user, after reading what the rows in `rows` name. Rows
 * added to `rows` later (records created earlier in the batch) are judged as they are then.
 */
export async function loadReadability(
  trx: Db,
  user: SessionUser,
  rows: Rows,
): Promise<(type: RecordType, row: Row) => boolean> {
  await readNamed(trx, rows);
  const sites = readableSites(user);
  const hasTrainings = [...rows.keys()].some((key) => key.startsWith("trainings:"));
  const projects =
    sites === "all" ? "all" : hasTrainings ? await findProjectsOfSites(trx, sites) : [];
  return (type, row) => canReadRecord(user, factsOf(type, row, rows), projects);
}
