// `peerlink export xlsx|csv …`: a report file written from the command line, for an operator who
// has the database at hand (no account: the whole project, or one site). Small figures are shown,
// as in a staff export, unless --public asks for the published figures (withheld under
// PUBLIC_MIN_COUNT, as on the project page).
import { writeFile } from "node:fs/promises";
import type { Db } from "../../db/connection.js";
import { AppError } from "../../lib/errors.js";
import { isLocale, type Locale } from "../../lib/i18n.js";
import { type MessageKey, type Translator, translator } from "../../messages.js";
import { type Period, parsePeriod } from "../periods.js";
import { buildReport } from "../report.js";
import { renderCsv } from "./csv.js";
import { reportReader } from "./renderers.js";
import { renderXlsx } from "./xlsx.js";

export const exportCommandsUsage: Record<Locale, string> = {
  vi: `  export xlsx|csv --project SLUG --period KỲ --out TỆP [--site MÃ] [--lang vi|en] [--public]
                       ghi báo cáo của một dự án ra bảng tính hoặc CSV; KỲ là 2011-07, 2011Q3,
                       2011 hoặc 2011-07-01..2011-10-31; mọi địa bàn trừ khi có --site; số nhỏ
                       vẫn hiện trừ khi có --public (khi đó ẩn các số dưới PUBLIC_MIN_COUNT)`,
  en: `  export xlsx|csv --project SLUG --period PERIOD --out FILE [--site CODE] [--lang vi|en] [--public]
                       write a report of a project as a spreadsheet or CSV; PERIOD is 2011-07,
                       2011Q3, 2011 or 2011-07-01..2011-10-31; every site unless --site; small
                       figures shown unless --public (then withheld under PUBLIC_MIN_COUNT)`,
};

export const exportFormats = ["xlsx", "csv"] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportCommandOptions {
  project?: string | undefined;
  period?: string | undefined;
  site?: string[] | undefined;
  lang?: string | undefined;
  out?: string | undefined;
  public: boolean;
}

/** A command whose options are all there and well-formed. */
export interface ExportCommand {
  format: ExportFormat;
  project: string;
  period: Period;
  site: string | undefined;
  locale: Locale;
  out: string;
  public: boolean;
}

export interface ExportTerminal {
  out(line: string): void;
  error(line: string): void;
}

export interface ExportSettings {
  /** The smallest figure about clients a --public file shows (PUBLIC_MIN_COUNT); 5 by default. */
  threshold?: number;
}

const optionNames: Record<string, string> = { site: "--site", period: "--period" };

function describeAppError(t: Translator, error: AppError): string {
  const { parameter, reason } = error.details;
  if (error.code === "invalid_parameter" && parameter && reason) {
    return `${optionNames[parameter] ?? parameter}: ${t.t(`reason.${reason}` as MessageKey, error.details.values)}`;
  }
  return error.details.detail ?? t.t(`error.${error.code}` as MessageKey);
}

/** Checks the options before the database is opened; a string says what is wrong. */
export function readExportCommand(
  format: ExportFormat,
  options: ExportCommandOptions,
  /** The operator's language (the shell's); the report's is --lang. */
  speaking: Locale = "en",
): ExportCommand | string {
  const t = translator(speaking);
  const { project, period, out, site = [], lang = "vi" } = options;
  if (!project) return t.t("cli.export.required", { option: "--project" });
  if (!period) return t.t("cli.export.required", { option: "--period" });
  if (!out) return t.t("cli.export.required", { option: "--out" });
  if (site.length > 1) return t.t("cli.export.one_site");
  if (!isLocale(lang)) return t.t("cli.export.lang", { lang });
  try {
    return {
      format,
      project,
      period: parsePeriod(period),
      site: site[0],
      locale: lang,
      out,
      public: options.public,
    };
  } catch (error) {
    if (error instanceof AppError) return describeAppError(t, error);
    throw error;
  }
}

/** Writes the file; returns the exit code (1: the report could not be made). */
export async function runExportCommand(
  db: Db,
  speaking: Locale,
  command: ExportCommand,
  terminal: ExportTerminal,
  settings: ExportSettings = {},
): Promise<number> {
  const { locale } = command;
  const t = translator(speaking);
  try {
    const report = await buildReport(db, {
      slug: command.project,
      period: command.period,
      user: reportReader(null, locale),
      site: command.site,
      public: command.public,
      threshold: settings.threshold,
    });
    const body =
      command.format === "xlsx"
        ? await renderXlsx(report, locale, { allSites: command.site === undefined })
        : renderCsv(report, locale);
    await writeFile(command.out, body);
    const { period, sites } = report.set;
    const what = [
      command.format,
      locale,
      `${period.from}..${period.to}`,
      t.t("cli.export.sites", { sites: sites.map((s) => s.code).join(", ") }),
      ...(command.public ? [t.t("cli.export.withheld", { threshold: report.threshold })] : []),
    ];
    terminal.out(t.t("cli.export.wrote", { file: command.out, what: what.join(", ") }));
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    terminal.error(`peerlink: ${describeAppError(t, error)}`);
    return 1;
  }
}
