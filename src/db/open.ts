// Opens the database that the configuration names, applies migrations and loads reference data:
// the steps the server and the CLI share before they do anything else.
import type { Config } from "../config.js";
import { loadReferencePlaces } from "../places/service.js";
import { type Database, openPgliteDatabase, openPostgresDatabase } from "./connection.js";
import { lockDataDir, prepareDataDir, secureDataDir } from "./data-dir.js";
import { type MigrationReport, migrate } from "./migrate.js";

export interface OpenedDatabase {
  database: Database;
  migrations: MigrationReport;
  /** Set when the start had to make DATA_DIR owner-only: one line for the operator. */
  permissionsNotice: string | undefined;
  /** Closes the database and releases the data directory. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * false: open the database as it is, without migrations or reference data (a backup copies it
   * unchanged; a restore brings it to the backup's level itself). Default true.
   */
  migrate?: boolean;
  /** Connections to a PostgreSQL server (default 10). */
  maxConnections?: number;
}

export async function openConfiguredDatabase(
  config: Pick<Config, "dataDir" | "databaseUrl">,
  options: OpenOptions = {},
): Promise<OpenedDatabase> {
  const permissionsNotice = prepareDataDir(config.dataDir);
  let release = () => {};
  let database: Database;
  if (config.databaseUrl) {
    database = await openPostgresDatabase(
      config.databaseUrl,
      options.maxConnections ? { max: options.maxConnections } : {},
    );
  } else {
    release = lockDataDir(config.dataDir);
    try {
      database = await openPgliteDatabase(config.dataDir);
    } catch (error) {
      release();
      throw error;
    }
  }
  const close = async () => {
    await database.close();
    release();
  };
  if (options.migrate === false) {
    if (!config.databaseUrl) secureDataDir(config.dataDir);
    return { database, migrations: { applied: [], alreadyApplied: 0 }, permissionsNotice, close };
  }
  try {
    const migrations = await migrate(database);
    await loadReferencePlaces(database.db);
    // The embedded database has just written files with modes of its own (see data-dir.ts).
    secureDataDir(config.dataDir);
    return { database, migrations, permissionsNotice, close };
  } catch (error) {
    await close();
    throw error;
  }
}
