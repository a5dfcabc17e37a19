// `peerlink backup` and `peerlink restore`: the operator's copy of the whole database, and putting
// one back (docs/operations.md). A backup works while the server runs: on PostgreSQL the command
// reads its own snapshot; on the embedded database, which only one process may open, the running
// server makes it through DATA_DIR/backup.sock (channel.ts), and a stopped server's data directory
// is opened directly. A restore needs the database to itself.
import { existsSync } from "node:fs";
import path from "node:path";
import type { Config } from "../config.js";
import { openConfiguredDatabase } from "../db/open.js";
import { deriveKey, readSecret } from "../lib/crypto.js";
import { AppError } from "../lib/errors.js";
import { writeBackup } from "./backup.js";
import { requestBackup } from "./channel.js";
import { BackupError } from "./errors.js";
import { readBackupHeader, type TBackupHeader, writeBackupFile } from "./format.js";
import { countOtherSessions } from "./queries.js";
import { checkBackupFile, restoreBackup } from "./restore.js";

export const backupCommandsUsage = `  backup [--out FILE]  copy the whole database (every table, sequence and the migration level)
                       into FILE (default peerlink-backup-<time>.jsonl.gz), the server running
                       or not; the secret is not in it: keep it apart (docs/operations.md)
  restore FILE [--yes] [--skip-secret-check]
                       put a backup back: into an empty database, or replacing all data (--yes);
                       stop the server first`;

export interface Terminal {
  out(line: string): void;
  error(line: string): void;
}

type CommandConfig = Pick<Config, "dataDir" | "databaseUrl" | "secret">;

const describeSecretSource = (config: CommandConfig) =>
  config.secret ? "PEERLINK_SECRET" : path.join(config.dataDir, "secret.key");

function detailsKeyOf(config: CommandConfig): Buffer | undefined {
  const secret = config.secret ?? readSecret(config.dataDir);
  return secret ? deriveKey(secret, "client-details") : undefined;
}

/** `peerlink-backup-2026-12-04T0930Z.jsonl.gz`: sortable, and valid on every file system. */
const defaultBackupName = (now: Date): string =>
  `peerlink-backup-${now.toISOString().slice(0, 16).replace(":", "")}Z.jsonl.gz`;

const sizeOf = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

const describeBackup = (header: TBackupHeader) => {
  const rows = header.tables.reduce((sum, t) => sum + t.rows, 0);
  const clients = header.tables.find((t) => t.name === "clients")?.rows ?? 0;
  return `${header.tables.length} tables, ${rows.toLocaleString("en-GB")} rows (${clients.toLocaleString("en-GB")} clients), migration ${header.migrationLevel}, ${header.engine}, made ${header.createdAt} by Peerlink ${header.peerlink}`;
};

function isDataDirInUse(error: unknown): error is AppError {
  return error instanceof AppError && error.code === "data_dir_in_use";
}

export async function runBackupCommand(
  config: CommandConfig,
  out: string | undefined,
  terminal: Terminal,
  now = new Date(),
): Promise<number> {
  const file = path.resolve(out ?? defaultBackupName(now));
  if (!config.databaseUrl && !existsSync(path.join(config.dataDir, "pgdata"))) {
    throw new BackupError(
      "unavailable",
      `there is no database in ${config.dataDir} (no pgdata/); set DATA_DIR, or DATABASE_URL, to the installation to back up`,
    );
  }
  let via = "";
  const { bytes } = await writeBackupFile(file, async (body) => {
    let opened: Awaited<ReturnType<typeof openConfiguredDatabase>>;
    try {
      opened = await openConfiguredDatabase(config, { migrate: false, maxConnections: 1 });
    } catch (error) {
      if (!isDataDirInUse(error)) throw error;
      via = " by the running server";
      return requestBackup(config.dataDir, body);
    }
    try {
      return await writeBackup(opened.database.db, opened.database.engine, body);
    } finally {
      await opened.close();
    }
  });
  // Read back what was written, as a restore would, and try the secret at hand on it.
  const { header, secret } = await checkBackupFile(file, detailsKeyOf(config));
  terminal.out(`backup written${via} to ${file} (${sizeOf(bytes)}) and read back intact:`);
  terminal.out(`  ${describeBackup(header)}`);
  terminal.out(
    "It holds clients' records in clear (their encrypted name and phone aside): keep it where only the people who run Peerlink can read it.",
  );
  const source = describeSecretSource(config);
  if (header.encryptedDetails === 0) {
    terminal.out(
      `No client has encrypted details: it restores with any secret. The secret (${source}) is not in it; keep a copy apart from the backups all the same.`,
    );
  } else {
    const state = {
      checked: `the secret at hand (${source}) reads them`,
      skipped: "",
      "not needed": "",
      missing: "no secret is at hand to check them against",
      wrong: `WARNING: the secret at hand (${source}) does NOT read them — find the secret this installation's server uses`,
    }[secret];
    terminal.out(
      `${header.encryptedDetails} clients have encrypted details, which only this installation's secret reads; ${state}. The backup does not contain the secret: keep a copy of ${source} apart from the backups (not beside them), or their details are lost with it.`,
    );
  }
  return 0;
}

export interface RestoreCommandOptions {
  yes: boolean;
  skipSecretCheck: boolean;
}

export async function runRestoreCommand(
  config: CommandConfig,
  file: string,
  options: RestoreCommandOptions,
  terminal: Terminal,
): Promise<number> {
  const source = path.resolve(file);
  const header = await readBackupHeader(source);
  terminal.out(`restoring ${source}: ${describeBackup(header)}`);
  let opened: Awaited<ReturnType<typeof openConfiguredDatabase>>;
  try {
    opened = await openConfiguredDatabase(config, { migrate: false, maxConnections: 1 });
  } catch (error) {
    if (!isDataDirInUse(error)) throw error;
    throw new BackupError(
      "in_use",
      `${error.details.detail}. A restore replaces the database the server has open: stop the server, then restore. Nothing was restored`,
    );
  }
  try {
    if (opened.database.engine === "postgres") {
      const others = await countOtherSessions(opened.database.db);
      if (others > 0) {
        throw new BackupError(
          "in_use",
          `${others} other connection${others === 1 ? " is" : "s are"} open to this database (a running Peerlink server?): stop every server and client of it, then restore. Nothing was restored`,
        );
      }
    }
    const report = await restoreBackup(opened.database, source, {
      detailsKey: detailsKeyOf(config),
      skipSecretCheck: options.skipSecretCheck,
      replace: options.yes,
    });
    terminal.out(
      `restored ${report.rows.toLocaleString("en-GB")} rows; every table's count and the file's checksum verified`,
    );
    if (report.appliedAfter.length) {
      terminal.out(
        `then applied the migrations newer than the backup: ${report.appliedAfter.join(", ")}`,
      );
    }
    terminal.out(
      {
        checked: `The secret at hand (${describeSecretSource(config)}) reads the clients' encrypted details.`,
        skipped: `The secret was not checked (--skip-secret-check): clients' encrypted details may be unreadable.`,
        "not needed": "The backup holds no encrypted details: any secret will do.",
      }[report.secret],
    );
    terminal.out(
      `Anything recorded after ${header.createdAt} is not in the restored database; docs/operations.md says what to do after a restore.`,
    );
    return 0;
  } finally {
    await opened.close();
  }
}
