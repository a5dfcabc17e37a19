// SQL of the demo: writing its rows in chunks, emptying the domain tables, and counting what was
// loaded.
import { type Insertable, sql } from "kysely";
import type { Db } from "../db/connection.js";
import type { DB } from "../db/schema.js";
import { type DemoRows, type DemoTable, demoTables } from "./build.js";

/** Rows per INSERT: few statements, and far below PostgreSQL's 65,535 parameters per statement. */
const CHUNK = 500;

/** Tables that hold reference data or bookkeeping, not a programme's data: a reset keeps them. */
const keptTables = ["places", "schema_migrations"];

/** Any fixed number; it names "the demo is being loaded" among advisory locks. */
const DEMO_LOCK = 72_617_002;

async function insertChunks<T extends DemoTable>(db: Db, table: T, rows: Insertable<DB[T]>[]) {
  for (let start = 0; start < rows.length; start += CHUNK) {
    // Kysely cannot relate a generic table name to its row type; DemoRows ties the two together.
    await db
      .insertInto(table)
      .values(rows.slice(start, start + CHUNK) as never)
      .execute();
  }
}

/** The demo's tables up to the team (`setup`), or its field records (`records`). */
export async function insertDemoRows(
  db: Db,
  rows: DemoRows,
  part: "setup" | "records",
): Promise<void> {
  const firstRecord = demoTables.indexOf("clients");
  const tables =
    part === "setup" ? demoTables.slice(0, firstRecord) : demoTables.slice(firstRecord);
  for (const table of tables) await insertChunks(db, table, rows[table]);
}

/** Serialises loads and resets of the demo until the end of the caller's transaction. */
export async function lockDemo(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${DEMO_LOCK})`.execute(db);
}

export async function hasProject(db: Db): Promise<boolean> {
  const row = await db.selectFrom("projects").select("id").limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function hasOrganisation(db: Db): Promise<boolean> {
  const row = await db.selectFrom("organisations").select("id").limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Empties every table of the current schema except the kept ones, whichever feature added it.
 * One TRUNCATE of all of them, so foreign keys between them need no particular order.
 */
export async function emptyDomainTables(db: Db): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select tablename as name from pg_tables
    where schemaname = current_schema() and tablename not in (${sql.join(keptTables)})
    order by tablename`.execute(db);
  if (rows.length === 0) return;
  await sql`truncate table ${sql.join(rows.map((r) => sql.table(r.name)))}`.execute(db);
}

/** Staff working at the project's sites. */
export async function countProjectStaff(db: Db, projectId: string): Promise<number> {
  const row = await db
    .selectFrom("staff_sites as ss")
    .innerJoin("sites as s", "s.id", "ss.site_id")
    .select((eb) => eb.fn.count<number>("ss.staff_id").distinct().as("n"))
    .where("s.project_id", "=", projectId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
