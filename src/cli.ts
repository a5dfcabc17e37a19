#!/usr/bin/env node
// `peerlink` commands for operators: migrate the database, load or reset the demo data, manage
// accounts, export reports, back up and restore.
// Run from a checkout with `npm run peerlink -- <command>`.
import { parseArgs } from "node:util";
import { runUserCommand, userCommandsUsage } from "./auth/cli.js";
import { backupCommandsUsage, runBackupCommand, runRestoreCommand } from "./backup/cli.js";
import { BackupError } from "./backup/errors.js";
import { loadDotEnv, parseConfig } from "./config.js";
import { openConfiguredDatabase } from "./db/open.js";
import { type DemoSummary, isEmpty, loadDemo, resetDemo } from "./demo/service.js";
import { describeDemoAccounts } from "./demo/users.js";
import {
  exportCommandsUsage,
  exportFormats,
  readExportCommand,
  runExportCommand,
} from "./indicators/exports/cli.js";
import { type Locale, localeFromEnvironment } from "./lib/i18n.js";
import { describeStartError } from "./lib/start-errors.js";
import { translator } from "./messages.js";

/** The shell's language: Vietnamese when its locale says so (LANG=vi_VN.UTF-8), else English. */
const locale = localeFromEnvironment();
const t = translator(locale);

const usages: Record<Locale, string> = {
  vi: `Cách dùng: peerlink <lệnh>

Các lệnh:
  migrate              áp dụng các bản cập nhật cơ sở dữ liệu còn thiếu (máy chủ cũng tự làm khi khởi động)
  demo load            nạp dự án mẫu vào một cơ sở dữ liệu trống
  demo reset --yes     xoá toàn bộ dữ liệu chương trình rồi nạp lại dự án mẫu
${userCommandsUsage.vi}
${exportCommandsUsage.vi}
${backupCommandsUsage.vi}
  help                 hiện hướng dẫn này

Cấu hình lấy từ biến môi trường (xem README): DATA_DIR, DATABASE_URL, …
Ngôn ngữ theo locale của máy: LANG=vi_VN.UTF-8 cho tiếng Việt, LANG=en_GB.UTF-8 cho tiếng Anh.`,
  en: `Usage: peerlink <command>

Commands:
  migrate              apply pending database migrations (the server also does this at start)
  demo load            load the demo project into an empty database
  demo reset --yes     delete all programme data and load the demo project again
${userCommandsUsage.en}
${exportCommandsUsage.en}
${backupCommandsUsage.en}
  help                 show this help

Configuration comes from the environment (see README): DATA_DIR, DATABASE_URL, …
The language follows the shell's locale: LANG=vi_VN.UTF-8 for Vietnamese, LANG=en_GB.UTF-8 for English.`,
};
const usage = usages[locale];

function describe(summary: DemoSummary): string {
  const accounts =
    summary.accounts > 0
      ? `\n${t.t("cli.demo_accounts")}\n${describeDemoAccounts().join("\n")}`
      : "";
  return `${t.t("cli.demo_summary", {
    clients: summary.clients,
    contacts: summary.contacts,
    sessions: summary.groupSessions,
    attendances: summary.attendances,
    referrals: summary.referrals,
    condoms: summary.condoms,
    trainings: summary.trainings,
    staff: summary.staff,
  })}${accounts}`;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      yes: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
      role: { type: "string" },
      site: { type: "string", multiple: true },
      name: { type: "string" },
      "password-stdin": { type: "boolean", default: false },
      project: { type: "string" },
      period: { type: "string" },
      lang: { type: "string" },
      out: { type: "string" },
      public: { type: "boolean", default: false },
      "skip-secret-check": { type: "boolean", default: false },
    },
  });
  const command = positionals.join(" ");
  if (values.help || command === "help" || command === "") {
    console.log(usage);
    return command === "" && !values.help ? 2 : 0;
  }
  const userCommand =
    positionals[0] === "user" && ["add", "password", "list"].includes(positionals[1] ?? "");
  const exportFormat = exportFormats.find((f) => command === `export ${f}`);
  if (command === "backup" || positionals[0] === "restore") {
    return runBackupOrRestore(positionals, values);
  }
  if (!userCommand && !exportFormat && !["migrate", "demo load", "demo reset"].includes(command)) {
    console.error(`peerlink: ${t.t("cli.unknown_command", { command })}\n\n${usage}`);
    return 2;
  }
  const exportCommand = exportFormat && readExportCommand(exportFormat, values, locale);
  if (typeof exportCommand === "string") {
    console.error(`peerlink: ${exportCommand}`);
    return 2;
  }
  if (command === "demo reset" && !values.yes) {
    console.error(`peerlink: ${t.t("cli.demo_reset_confirm")}`);
    return 2;
  }

  loadDotEnv();
  const config = parseConfig(process.env);
  const opened = await openConfiguredDatabase(config);
  if (opened.permissionsNotice) console.error(`peerlink: ${opened.permissionsNotice}`);
  try {
    const db = opened.database.db;
    if (userCommand) {
      return await runUserCommand(
        db,
        locale,
        positionals.slice(1),
        {
          role: values.role,
          site: values.site,
          name: values.name,
          passwordStdin: values["password-stdin"],
        },
        { out: console.log, error: console.error, readStdin },
      );
    }
    if (exportCommand) {
      return await runExportCommand(
        db,
        locale,
        exportCommand,
        { out: console.log, error: console.error },
        { threshold: config.publicMinCount },
      );
    }
    if (command === "migrate") {
      const applied = opened.migrations.applied;
      console.log(
        applied.length
          ? t.t("cli.migrated", { migrations: applied.join(", ") })
          : t.t("cli.up_to_date"),
      );
    } else if (command === "demo load") {
      if (!(await isEmpty(db))) {
        console.error(`peerlink: ${t.t("cli.demo_not_empty")}`);
        return 1;
      }
      const summary = await loadDemo(db);
      console.log(t.t("cli.demo_loaded", { project: summary.project, summary: describe(summary) }));
    } else {
      const summary = await resetDemo(db);
      console.log(
        t.t("cli.demo_reloaded", { project: summary.project, summary: describe(summary) }),
      );
    }
    return 0;
  } finally {
    await opened.close();
  }
}

/** Backup and restore open the database themselves (a running server may hold it). */
async function runBackupOrRestore(
  positionals: string[],
  values: { out?: string | undefined; yes: boolean; "skip-secret-check": boolean },
): Promise<number> {
  const restore = positionals[0] === "restore";
  if (restore && positionals.length !== 2) {
    console.error(`peerlink: ${t.t("cli.restore_usage")}`);
    return 2;
  }
  loadDotEnv();
  const config = parseConfig(process.env);
  const terminal = { out: console.log, error: console.error };
  try {
    return restore
      ? await runRestoreCommand(
          config,
          positionals[1]!,
          { yes: values.yes, skipSecretCheck: values["skip-secret-check"] },
          terminal,
          locale,
        )
      : await runBackupCommand(config, values.out, terminal, new Date(), locale);
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(`peerlink: ${error.message}`);
    return 1;
  }
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  console.error(`peerlink: ${describeStartError(error)}`);
  process.exitCode = 1;
}
