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
import type { Locale } from "../lib/i18n.js";
import { type Translator, translator } from "../messages.js";
import { writeBackup } from "./backup.js";
import { requestBackup } from "./channel.js";
import { BackupError } from "./errors.js";
import { readBackupHeader, type TBackupHeader, writeBackupFile } from "./format.js";
import { countOtherSessions } from "./queries.js";
import { checkBackupFile, restoreBackup } from "./restore.js";

export const backupCommandsUsage: Record<Locale, string> = {
  vi: `  backup [--out TỆP]   chép toàn bộ cơ sở dữ liệu (mọi bảng, mọi sequence và mức migration) vào
                       TỆP (mặc định peerlink-backup-<thời điểm>.jsonl.gz), máy chủ đang chạy hay
                       không; khoá bí mật không có trong đó: hãy cất riêng (docs/operations.md)
  restore TỆP [--yes] [--skip-secret-check]
                       đưa một bản sao lưu trở lại: vào cơ sở dữ liệu trống, hoặc thay toàn bộ
                       dữ liệu (--yes); hãy dừng máy chủ trước`,
  en: `  backup [--out FILE]  copy the whole database (every table, sequence and the migration level)
                       into FILE (default peerlink-backup-<time>.jsonl.gz), the server running
                       or not; the secret is not in it: keep it apart (docs/operations.md)
  restore FILE [--yes] [--skip-secret-check]
                       put a backup back: into an empty database, or replacing all data (--yes);
                       stop the server first`,
};

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

const describeBackup = (t: Translator, header: TBackupHeader) =>
  t.t("cli.backup.describe", {
    tables: header.tables.length,
    rows: header.tables.reduce((sum, table) => sum + table.rows, 0),
    clients: header.tables.find((table) => table.name === "clients")?.rows ?? 0,
    migration: header.migrationLevel,
    engine: header.engine,
    made: header.createdAt,
    peerlink: header.peerlink,
  });

function isDataDirInUse(error: unknown): error is AppError {
  return error instanceof AppError && error.code === "data_dir_in_use";
}

export async function runBackupCommand(
  config: CommandConfig,
  out: string | undefined,
  terminal: Terminal,
  now = new Date(),
  locale: Locale = "en",
): Promise<number> {
  const t = translator(locale);
  const file = path.resolve(out ?? defaultBackupName(now));
  if (!config.databaseUrl && !existsSync(path.join(config.dataDir, "pgdata"))) {
    throw new BackupError(
      "unavailable",
      `there is no database in ${config.dataDir} (no pgdata/); set DATA_DIR, or DATABASE_URL, to the installation to back up`,
    );
  }
  let byServer = false;
  const { bytes } = await writeBackupFile(file, async (body) => {
    let opened: Awaited<ReturnType<typeof openConfiguredDatabase>>;
    try {
      opened = await openConfiguredDatabase(config, { migrate: false, maxConnections: 1 });
    } catch (error) {
      if (!isDataDirInUse(error)) throw error;
      byServer = true;
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
  terminal.out(
    t.t(byServer ? "cli.backup.written_by_server" : "cli.backup.written", {
      file,
      size: sizeOf(bytes),
    }),
  );
  terminal.out(`  ${describeBackup(t, header)}`);
  terminal.out(t.t("cli.backup.keep_safe"));
  const source = describeSecretSource(config);
  if (header.encryptedDetails === 0) {
    terminal.out(t.t("cli.backup.no_details", { source }));
  } else {
    const state = {
      checked: t.t("cli.backup.secret_reads", { source }),
      skipped: "",
      "not needed": "",
      missing: t.t("cli.backup.secret_missing"),
      wrong: t.t("cli.backup.secret_wrong", { source }),
    }[secret];
    terminal.out(t.t("cli.backup.details", { count: header.encryptedDetails, state, source }));
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
  locale: Locale = "en",
): Promise<number> {
  const t = translator(locale);
  const source = path.resolve(file);
  const header = await readBackupHeader(source);
  terminal.out(t.t("cli.backup.restoring", { file: source, backup: describeBackup(t, header) }));
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
    terminal.out(t.t("cli.backup.restored", { rows: report.rows }));
    if (report.appliedAfter.length) {
      terminal.out(
        t.t("cli.backup.migrated_after", { migrations: report.appliedAfter.join(", ") }),
      );
    }
    terminal.out(
      {
        checked: t.t("cli.backup.restored_secret_reads", { source: describeSecretSource(config) }),
        skipped: t.t("cli.backup.restored_secret_skipped"),
        "not needed": t.t("cli.backup.restored_no_details"),
      }[report.secret],
    );
    terminal.out(t.t("cli.backup.after_restore", { made: header.createdAt }));
    return 0;
  } finally {
    await opened.close();
  }
}
