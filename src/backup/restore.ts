// Restoring a backup, into an empty database or over one whose content it replaces, in one
// transaction: if anything fails, the database is left as it was and the error says why.
//
// 1. The whole file is read and checked first (every line's shape, row counts, SHA-256), and the
//    secret at hand is tried on one of its encrypted details: a damaged file or a wrong secret is
//    refused before the database is touched.
// 2. In the transaction, the database is brought to the backup's migration level (the code's own
//    migration files, checked against the backup's checksums); pg-boss's queues are made to match.
// 3. Tables are emptied and loaded with their triggers off and their foreign keys dropped: the
//    tables derived from records (reach, tallies, suspected duplicates) are restored as they were,
//    exactly, not recomputed, and a row may come before the row it points at. The foreign keys are
//    then added back, which checks every row against them, and the triggers turned on.
// 4. Sequences are set as they were (transactionally), every table's row count is checked, and the
//    migrations newer than the backup are applied, so the database ends at the code's level.
import type { Database, Db } from "../db/connection.js";
import { refreshStatistics } from "../db/maintenance.js";
import {
  applyMigration,
  createMigrationsTable,
  MIGRATION_LOCK,
  type Migration,
  migrationLabel,
  readMigrations,
} from "../db/migrate.js";
import { BOSS_SCHEMA } from "../jobs/runner.js";
import { createJobTables, dropJobTables, hasJobTables, matchJobQueues } from "../jobs/tables.js";
import { openClientDetails } from "../people/details.js";
import { backupSchemas, nameInBackup } from "./backup.js";
import { BackupError } from "./errors.js";
import { readBackup, type TBackupHeader, type TBackupSection, verifyBackup } from "./format.js";
import {
  addForeignKey,
  type CatalogTable,
  countRows,
  disableTrigger,
  dropForeignKey,
  enableTrigger,
  hasMigrationsTable,
  insertRowLines,
  listAppliedMigrations,
  listEnabledTriggers,
  listForeignKeys,
  listSequences,
  listTables,
  lockMigrations,
  restoreSequence,
  truncateTables,
  useExactText,
} from "./queries.js";

export interface RestoreOptions {
  /** The client-details key of the secret at hand (deriveKey(secret, "client-details")), if any. */
  detailsKey: Buffer | undefined;
  /** Restore even if that key cannot read the backup's encrypted details (the secret is lost). */
  skipSecretCheck?: boolean;
  /** The operator confirmed that the database's present content is to be replaced. */
  replace?: boolean;
}

export interface RestoreReport {
  header: TBackupHeader;
  rows: number;
  /** Migrations newer than the backup, applied after it was loaded. */
  appliedAfter: string[];
  /** Whether the secret at hand was shown to read the backup's encrypted details. */
  secret: "checked" | "skipped" | "not needed";
}

/** What the first reading of the file gathers, besides checking it. */
interface FileFacts {
  header: TBackupHeader;
  sections: Map<string, TBackupSection>;
  /** pg-boss's queues in the backup: each needs its partition before its jobs are loaded. */
  queues: string[];
  /** One client's sealed detail, to try the secret on. */
  sealed?: { clientId: string; field: "name" | "phone"; value: Buffer };
}

const queueTable = `${BOSS_SCHEMA}.queue`;

async function readFileFacts(file: string): Promise<FileFacts> {
  const sections = new Map<string, TBackupSection>();
  const queues: string[] = [];
  let sealed: FileFacts["sealed"];
  const header = await verifyBackup(file, (entry) => {
    const { section } = entry;
    sections.set(section.table, section);
    if (entry.kind !== "rows") return;
    const { lines } = entry;
    const column = (name: string) => section.columns.findIndex((c) => c.name === name);
    if (section.table === queueTable) {
      const name = column("name");
      for (const line of lines) queues.push((JSON.parse(line) as string[])[name]!);
    }
    if (section.table === "clients" && !sealed) {
      const id = column("id");
      const fields = (["name", "phone"] as const).map((f) => ({ f, i: column(`${f}_encrypted`) }));
      for (const line of lines) {
        const row = JSON.parse(line) as (string | null)[];
        const found = fields.find(({ i }) => i >= 0 && row[i]);
        if (found) {
          sealed = {
            clientId: row[id]!,
            field: found.f,
            value: Buffer.from(row[found.i]!.replace(/^\\x/, ""), "hex"),
          };
          break;
        }
      }
    }
  });
  return { header, sections, queues, ...(sealed ? { sealed } : {}) };
}

/** The code's migrations the backup was made with; refuses a backup from newer or other code. */
function backupMigrations(header: TBackupHeader, code: Migration[]): Migration[] {
  const byVersion = new Map(code.map((m) => [m.version, m]));
  return header.migrations.map((m) => {
    const known = byVersion.get(m.version);
    if (!known) {
      throw new BackupError(
        "too_new",
        `the backup is at migration ${migrationLabel(m)}, which this Peerlink does not have (it knows up to ${migrationLabel(code.at(-1)!)}); restore it with the Peerlink version that made it (${header.peerlink}) or a newer one`,
      );
    }
    if (known.checksum !== m.checksum) {
      throw new BackupError(
        "incompatible",
        `the backup's migration ${migrationLabel(m)} differs from this Peerlink's; restore it with the Peerlink version that made it (${header.peerlink})`,
      );
    }
    return known;
  });
}

function checkSecret(facts: FileFacts, options: RestoreOptions): RestoreReport["secret"] {
  if (!facts.sealed) return "not needed";
  if (options.skipSecretCheck) return "skipped";
  const count = facts.header.encryptedDetails;
  if (!options.detailsKey) {
    throw new BackupError(
      "secret_missing",
      `the backup holds encrypted details of ${count} clients and no secret is at hand to read them: put the secret.key kept with this installation's backups into DATA_DIR, or set PEERLINK_SECRET, and run the restore again (or add --skip-secret-check to restore without being able to read those details)`,
    );
  }
  const { clientId, field, value } = facts.sealed;
  try {
    openClientDetails(options.detailsKey, clientId, {
      name_encrypted: field === "name" ? value : null,
      phone_encrypted: field === "phone" ? value : null,
    });
  } catch {
    throw new BackupError(
      "secret_wrong",
      `the secret at hand (PEERLINK_SECRET or DATA_DIR/secret.key) does not read the encrypted details of the backup's ${count} clients: it is not the secret of the installation that made it. Put that secret in place and run the restore again (or add --skip-secret-check to restore without being able to read those details). Nothing was restored`,
    );
  }
  return "checked";
}

/**
 * Reads a backup through (every check a restore makes of the file) and tries the secret at hand on
 * its encrypted details: what `peerlink backup` says of the file it has just written.
 */
export async function checkBackupFile(
  file: string,
  detailsKey: Buffer | undefined,
): Promise<{ header: TBackupHeader; secret: RestoreReport["secret"] | "missing" | "wrong" }> {
  const facts = await readFileFacts(file);
  try {
    return { header: facts.header, secret: checkSecret(facts, { detailsKey }) };
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    return { header: facts.header, secret: error.code === "secret_missing" ? "missing" : "wrong" };
  }
}

/** The rows the database holds now, of the tables that are not reference data (for the question). */
async function describeContent(database: Database): Promise<string | undefined> {
  const db = database.db;
  if (!(await hasMigrationsTable(db))) return undefined;
  const { ours } = await backupSchemas(db);
  const counts: string[] = [];
  let total = 0;
  for (const t of await listTables(db, [ours])) {
    if (t.name === "places" || t.name === "schema_migrations") continue;
    const n = await countRows(db, t);
    total += n;
    if (n > 0 && ["clients", "contacts", "users"].includes(t.name)) {
      counts.push(`${n.toLocaleString("en-GB")} ${t.name}`);
    }
  }
  if (total === 0) return undefined;
  return `${counts.length ? `${counts.join(", ")}; ` : ""}${total.toLocaleString("en-GB")} rows in all`;
}

function compareTables(tables: CatalogTable[], ours: string, facts: FileFacts): void {
  const inDatabase = new Map(tables.map((t) => [nameInBackup(t, ours), t]));
  const inBackup = facts.header.tables.map((t) => t.name);
  const missing = inBackup.filter((name) => !inDatabase.has(name));
  const extra = [...inDatabase.keys()].filter((name) => !inBackup.includes(name));
  if (missing.length || extra.length) {
    throw new BackupError(
      "incompatible",
      `the database's tables differ from the backup's (${[
        ...missing.map((n) => `missing ${n}`),
        ...extra.map((n) => `not in the backup: ${n}`),
      ].join(", ")}); restore into an empty database`,
    );
  }
  for (const [name, section] of facts.sections) {
    const columns = inDatabase.get(name)!.columns;
    const same =
      columns.length === section.columns.length &&
      columns.every(
        (c, i) => c.name === section.columns[i]!.name && c.type === section.columns[i]!.type,
      );
    if (!same) {
      throw new BackupError(
        "incompatible",
        `the columns of ${name} differ from the backup's; restore into an empty database`,
      );
    }
  }
}

/** Runs the restore's transaction; the database's own refusal is said as a BackupError. */
async function inOneTransaction(database: Database, work: (trx: Db) => Promise<void>) {
  try {
    await database.db.transaction().execute(work);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    // PostgreSQL's message names the table and constraint; its detail (with values) stays out.
    throw new BackupError(
      "refused",
      `the database refused the backup's data (${(error as Error).message}); nothing was restored`,
    );
  }
}

/**
 * Restores the backup in `file` into `database`. Throws BackupError (nothing changed) when the file
 * is damaged, too new, the secret at hand is wrong, or the database holds data and `replace` is
 * not set.
 */
export async function restoreBackup(
  database: Database,
  file: string,
  options: RestoreOptions,
): Promise<RestoreReport> {
  const facts = await readFileFacts(file);
  const { header } = facts;
  const code = readMigrations();
  const wanted = backupMigrations(header, code);
  const secret = checkSecret(facts, options);
  if (!options.replace) {
    const content = await describeContent(database);
    if (content) {
      throw new BackupError(
        "not_empty",
        `the database holds data (${content}); restoring replaces all of it with the backup's. Run the restore again with --yes to go ahead`,
      );
    }
  }
  const withJobs = header.tables.some((t) => t.name.startsWith(`${BOSS_SCHEMA}.`));
  // pg-boss's plan commits on its own, so it runs first: the one thing a failed restore may leave
  // behind is pg-boss's empty schema, which the server's first start would make anyway.
  if (withJobs && !(await hasJobTables(database.db))) await createJobTables(database);

  const appliedAfter: string[] = [];
  let rows = 0;
  await inOneTransaction(database, async (trx) => {
    await useExactText(trx);
    await lockMigrations(trx, MIGRATION_LOCK);
    await createMigrationsTable(trx);
    const applied = await listAppliedMigrations(trx);
    const inBackup = new Map(header.migrations.map((m) => [m.version, m.checksum]));
    const foreign = applied.filter((m) => inBackup.get(m.version) !== m.checksum);
    if (foreign.length) {
      throw new BackupError(
        "incompatible",
        `the database has migrations the backup has not (${foreign.map(migrationLabel).join(", ")}): a backup restores into a database at its level or below; restore it into an empty database (a new DATA_DIR or a new PostgreSQL database)`,
      );
    }
    const done = new Set(applied.map((m) => m.version));
    for (const migration of wanted) {
      if (!done.has(migration.version)) await applyMigration(trx, migration);
    }

    if (withJobs) await matchJobQueues(trx, facts.queues);
    else if (await hasJobTables(trx)) await dropJobTables(trx);

    const schemas = await backupSchemas(trx);
    const tables = await listTables(trx, schemas.all);
    compareTables(tables, schemas.ours, facts);
    const sequences = new Map(
      (await listSequences(trx, schemas.all)).map((s) => [nameInBackup(s, schemas.ours), s]),
    );
    const unknown = header.sequences.find((s) => !sequences.has(s.name));
    if (unknown) {
      throw new BackupError(
        "incompatible",
        `the database has no sequence ${unknown.name}; restore into an empty database`,
      );
    }

    const keys = await listForeignKeys(trx, schemas.all);
    for (const key of keys) await dropForeignKey(trx, key);
    const triggers = await listEnabledTriggers(trx, schemas.all);
    for (const trigger of triggers) await disableTrigger(trx, trigger);
    await truncateTables(trx, tables);

    const byName = new Map(tables.map((t) => [nameInBackup(t, schemas.ours), t]));
    const reader = readBackup(file);
    for (;;) {
      const next = await reader.next();
      if (next.done) break;
      if (next.value.kind !== "rows") continue;
      await insertRowLines(trx, byName.get(next.value.section.table)!, next.value.lines);
      rows += next.value.lines.length;
    }
    for (const s of header.sequences) await restoreSequence(trx, sequences.get(s.name)!, s);

    for (const key of keys) await addForeignKey(trx, key);
    for (const trigger of triggers) await enableTrigger(trx, trigger);
    for (const t of header.tables) {
      const n = await countRows(trx, byName.get(t.name)!);
      if (n !== t.rows) {
        throw new BackupError(
          "damaged",
          `table ${t.name} has ${n} rows after loading, the backup ${t.rows}; nothing was restored`,
        );
      }
    }

    for (const migration of code) {
      if (!inBackup.has(migration.version)) {
        await applyMigration(trx, migration);
        appliedAfter.push(migrationLabel(migration));
      }
    }
  });
  await refreshStatistics(database.db);
  return { header, rows, appliedAfter, secret };
}
