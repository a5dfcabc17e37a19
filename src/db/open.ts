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

export async function openConfiguredDatabase(
  config: Pick<Config, "dataDir" | "databaseUrl">,
): Promise<OpenedDatabase> {
  const permissionsNotice = prepareDataDir(config.dataDir);
  let release = () => {};
  let database: Database;
  if (config.databaseUrl) {
    database = await openPostgresDatabase(config.databaseUrl);
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
