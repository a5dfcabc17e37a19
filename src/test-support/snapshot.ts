// Everything a database holds, to compare two databases (a restore's tests): every row of every
// table of our schema and pg-boss's — a partitioned table and each of its partitions — as JSON
// (`row_to_json`, every column), sorted; and every sequence's state. Read in one transaction in
// UTC, through the catalog views, independently of the backup's own code.
import { sql } from "kysely";
import type { Db } from "../db/connection.js";
import { BOSS_SCHEMA } from "../jobs/runner.js";

export interface DatabaseSnapshot {
  tables: Record<string, string[]>;
  sequences: Record<string, { lastValue: string; isCalled: boolean }>;
}

export async function snapshotDatabase(db: Db): Promise<DatabaseSnapshot> {
  return db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => {
      await sql`select set_config('timezone', 'UTC', true)`.execute(trx);
      const schemas = sql.join([sql`current_schema()`, sql`${BOSS_SCHEMA}`]);
      const { rows: tables } = await sql<{ schema: string; name: string }>`
        select table_schema as schema, table_name as name from information_schema.tables
         where table_schema in (${schemas}) and table_type = 'BASE TABLE'`.execute(trx);
      const snapshot: DatabaseSnapshot = { tables: {}, sequences: {} };
      for (const t of tables) {
        const { rows } = await sql<{ row: string }>`
          select row_to_json(t)::text as row from ${sql.id(t.schema, t.name)} t`.execute(trx);
        snapshot.tables[`${t.schema}.${t.name}`] = rows.map((r) => r.row).sort();
      }
      const { rows: sequences } = await sql<{ schema: string; name: string }>`
        select sequence_schema as schema, sequence_name as name from information_schema.sequences
         where sequence_schema in (${schemas})`.execute(trx);
      for (const s of sequences) {
        const { rows } = await sql<{ last_value: string; is_called: boolean }>`
          select last_value::text as last_value, is_called from ${sql.id(s.schema, s.name)}`.execute(
          trx,
        );
        snapshot.sequences[`${s.schema}.${s.name}`] = {
          lastValue: rows[0]!.last_value,
          isCalled: rows[0]!.is_called,
        };
      }
      return snapshot;
    });
}
