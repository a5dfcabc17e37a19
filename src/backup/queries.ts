// The SQL of backups and restores. Tables, columns, sequences, foreign keys and triggers are read
// from the catalog, so a table a migration adds is copied with no change here. Values travel as
// PostgreSQL's own text forms (what COPY uses), fixed by the session settings below so that both
// engines write and read them alike.
import { type RawBuilder, sql } from "kysely";
import type { Db } from "../db/connection.js";

export interface TableName {
  schema: string;
  name: string;
}

export interface CatalogColumn {
  name: string;
  /** As `format_type` spells it: `uuid`, `date[]`, `timestamp with time zone`, `pgboss.job_state`. */
  type: string;
}

export interface CatalogTable extends TableName {
  columns: CatalogColumn[];
  /** Has a `generated always as identity` column: its values are given, so say so. */
  identityAlways: boolean;
}

export interface SequenceState {
  lastValue: string;
  isCalled: boolean;
}

const table = (t: TableName) => sql.id(t.schema, t.name);

/** `"schema"."name"`, for the few places (regclass) that take a name as a string. */
const quoted = (t: TableName) =>
  `"${t.schema.replaceAll('"', '""')}"."${t.name.replaceAll('"', '""')}"`;

/**
 * Text forms that do not depend on the session: times in UTC with their offset, ISO dates,
 * intervals and bytea as PostgreSQL writes them by default, floats exactly. For this transaction.
 */
export async function useExactText(trx: Db): Promise<void> {
  await sql`select set_config('timezone', 'UTC', true), set_config('datestyle', 'ISO, YMD', true),
    set_config('intervalstyle', 'postgres', true), set_config('bytea_output', 'hex', true),
    set_config('extra_float_digits', '3', true)`.execute(trx);
}

/** Our schema (the connection's current one, `public` unless configured otherwise). */
export async function currentSchema(db: Db): Promise<string> {
  const { rows } = await sql<{ name: string }>`select current_schema() as name`.execute(db);
  return rows[0]!.name;
}

export async function schemaExists(db: Db, schema: string): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    select exists (select 1 from pg_namespace where nspname = ${schema}) as found`.execute(db);
  return rows[0]!.found;
}

/** The database's clock at the start of this transaction. */
export async function transactionTime(trx: Db): Promise<Date> {
  const { rows } = await sql<{ at: Date }>`select now() as at`.execute(trx);
  return rows[0]!.at;
}

/**
 * Every table of these schemas with its columns in order, first schema first. A partitioned table
 * is one table (reading it reads its partitions); generated columns are left out (they are
 * computed again).
 */
export async function listTables(db: Db, schemas: string[]): Promise<CatalogTable[]> {
  const { rows } = await sql<{
    schema: string;
    name: string;
    column: string;
    type: string;
    identity: string;
  }>`
    select n.nspname as schema, c.relname as name, a.attname as column,
           format_type(a.atttypid, a.atttypmod) as type, a.attidentity::text as identity
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
     where n.nspname in (${sql.join(schemas)})
       and c.relkind in ('r', 'p') and not c.relispartition
       and a.attgenerated = ''
     order by array_position(array[${sql.join(schemas)}]::text[], n.nspname::text), c.relname,
              a.attnum`.execute(db);
  const tables: CatalogTable[] = [];
  for (const row of rows) {
    let last = tables.at(-1);
    if (last?.schema !== row.schema || last.name !== row.name) {
      last = { schema: row.schema, name: row.name, columns: [], identityAlways: false };
      tables.push(last);
    }
    last.columns.push({ name: row.column, type: row.type });
    if (row.identity === "a") last.identityAlways = true;
  }
  return tables;
}

export async function listSequences(db: Db, schemas: string[]): Promise<TableName[]> {
  const { rows } = await sql<TableName>`
    select n.nspname as schema, c.relname as name
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname in (${sql.join(schemas)}) and c.relkind = 'S'
     order by array_position(array[${sql.join(schemas)}]::text[], n.nspname::text), c.relname`.execute(
    db,
  );
  return rows;
}

export async function readSequence(db: Db, sequence: TableName): Promise<SequenceState> {
  const { rows } = await sql<{ last_value: string; is_called: boolean }>`
    select last_value::text as last_value, is_called from ${table(sequence)}`.execute(db);
  return { lastValue: rows[0]!.last_value, isCalled: rows[0]!.is_called };
}

/**
 * Sets a sequence to a state, undone with the transaction if it rolls back: ALTER SEQUENCE …
 * RESTART is transactional, where setval is not (a failed restore would leave versions behind).
 */
export async function restoreSequence(
  trx: Db,
  sequence: TableName,
  state: SequenceState,
): Promise<void> {
  await sql`alter sequence ${table(sequence)} restart with ${sql.raw(BigInt(state.lastValue).toString())}`.execute(
    trx,
  );
  if (state.isCalled) await sql`select nextval(${quoted(sequence)}::regclass)`.execute(trx);
}

/** Opens a cursor over a table's rows, each as a JSON array of its values' text forms. */
export async function openRowCursor(trx: Db, t: CatalogTable): Promise<void> {
  const values = t.columns.map((c) => sql`${sql.id(c.name)}::text`);
  await sql`declare backup_rows no scroll cursor for
    select to_json(array[${sql.join(values)}]::text[])::text as line from ${table(t)}`.execute(trx);
}

export async function fetchRowLines(trx: Db, count: number): Promise<string[]> {
  const { rows } = await sql<{
    line: string;
  }>`fetch forward ${sql.raw(String(count))} from backup_rows`.execute(trx);
  return rows.map((r) => r.line);
}

export async function closeRowCursor(trx: Db): Promise<void> {
  await sql`close backup_rows`.execute(trx);
}

/** Inserts rows given as JSON arrays of text forms (a backup's lines), in one statement. */
export async function insertRowLines(trx: Db, t: CatalogTable, lines: string[]): Promise<void> {
  const columns = sql.join(t.columns.map((c) => sql.id(c.name)));
  const values = t.columns.map((c, i) => sql`(r ->> ${sql.lit(i)})::${sql.raw(c.type)}`);
  const overriding: RawBuilder<unknown> = t.identityAlways ? sql`overriding system value` : sql``;
  await sql`insert into ${table(t)} (${columns}) ${overriding}
    select ${sql.join(values)} from json_array_elements(${`[${lines.join(",")}]`}::json) as r`.execute(
    trx,
  );
}

export async function countRows(db: Db, t: TableName): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*)::text as n from ${table(t)}`.execute(
    db,
  );
  return Number(rows[0]!.n);
}

/** Empties these tables in one statement (triggers on delete do not run; the tables are reloaded). */
export async function truncateTables(trx: Db, tables: TableName[]): Promise<void> {
  if (tables.length === 0) return;
  await sql`truncate table ${sql.join(tables.map(table))}`.execute(trx);
}

export interface ForeignKey extends TableName {
  constraint: string;
  definition: string;
}

/** The foreign keys of these schemas' tables, each where it was declared (not its partitions' copies). */
export async function listForeignKeys(db: Db, schemas: string[]): Promise<ForeignKey[]> {
  const { rows } = await sql<ForeignKey>`
    select n.nspname as schema, c.relname as name, k.conname as constraint,
           pg_get_constraintdef(k.oid) as definition
      from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      join pg_namespace n on n.oid = c.relnamespace
     where k.contype = 'f' and k.conparentid = 0 and n.nspname in (${sql.join(schemas)})
     order by 1, 2, 3`.execute(db);
  return rows;
}

export async function dropForeignKey(trx: Db, key: ForeignKey): Promise<void> {
  await sql`alter table ${table(key)} drop constraint ${sql.id(key.constraint)}`.execute(trx);
}

/** Adds a foreign key back as it was declared: PostgreSQL checks every row against it once. */
export async function addForeignKey(trx: Db, key: ForeignKey): Promise<void> {
  await sql`alter table ${table(key)} add constraint ${sql.id(key.constraint)} ${sql.raw(key.definition)}`.execute(
    trx,
  );
}

export interface Trigger extends TableName {
  trigger: string;
  /** pg_trigger.tgenabled: O (on), A (always), R (replica only). */
  enabled: "O" | "A" | "R";
}

/** The enabled triggers of these schemas' tables (not the internal ones of foreign keys). */
export async function listEnabledTriggers(db: Db, schemas: string[]): Promise<Trigger[]> {
  const { rows } = await sql<Trigger>`
    select n.nspname as schema, c.relname as name, t.tgname as trigger, t.tgenabled as enabled
      from pg_trigger t
      join pg_class c on c.oid = t.tgrelid
      join pg_namespace n on n.oid = c.relnamespace
     where not t.tgisinternal and t.tgparentid = 0 and t.tgenabled <> 'D'
       and n.nspname in (${sql.join(schemas)})
     order by 1, 2, 3`.execute(db);
  return rows;
}

export async function disableTrigger(trx: Db, trigger: Trigger): Promise<void> {
  await sql`alter table ${table(trigger)} disable trigger ${sql.id(trigger.trigger)}`.execute(trx);
}

export async function enableTrigger(trx: Db, trigger: Trigger): Promise<void> {
  const how = { O: sql``, A: sql`always`, R: sql`replica` }[trigger.enabled];
  await sql`alter table ${table(trigger)} enable ${how} trigger ${sql.id(trigger.trigger)}`.execute(
    trx,
  );
}

/** Runs migrations, a restore included, one at a time across processes (src/db/migrate.ts). */
export async function lockMigrations(trx: Db, lock: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(${lock})`.execute(trx);
}

export async function hasMigrationsTable(db: Db): Promise<boolean> {
  const { rows } = await sql<{
    name: string | null;
  }>`select to_regclass('schema_migrations')::text as name`.execute(db);
  return rows[0]?.name != null;
}

export async function listAppliedMigrations(
  db: Db,
): Promise<{ version: number; name: string; checksum: string }[]> {
  if (!(await hasMigrationsTable(db))) return [];
  return db
    .selectFrom("schema_migrations")
    .select(["version", "name", "checksum"])
    .orderBy("version")
    .execute();
}

/** Other sessions connected to this PostgreSQL database (a running server, psql …). */
export async function countOtherSessions(db: Db): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select count(*)::text as n from pg_stat_activity
     where datname = current_database() and pid <> pg_backend_pid()
       and backend_type = 'client backend'`.execute(db);
  return Number(rows[0]!.n);
}
