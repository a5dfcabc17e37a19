// `peerlink user …`: accounts from the command line, for the operator who sets Peerlink up (the
// first administrator is made here) or who must let someone back in. Same rules as the API:
// the commands call the same services.
import { commandLineActor } from "../audit/service.js";
import type { Db } from "../db/connection.js";
import type { UserRole } from "../db/schema.js";
import { AppError } from "../lib/errors.js";
import type { Locale } from "../lib/i18n.js";
import { type MessageKey, type Translator, translator } from "../messages.js";
import { generatePassword } from "./passwords.js";
import { roles } from "./policy.js";
import { findSitesByCodes } from "./queries.js";
import { createUser, listUsers, resetPassword } from "./users-service.js";

export const userCommandsUsage: Record<Locale, string> = {
  vi: `  user add <tên> --role VAI_TRÒ [--site MÃ ...] [--name "Họ tên"] [--password-stdin]
                       tạo một tài khoản (vai trò: ${roles.join(", ")});
                       in mật khẩu được tạo ra một lần, hoặc đọc một dòng từ stdin
  user password <tên>
                       cấp cho tài khoản một mật khẩu mới (chỉ in một lần), kết thúc các
                       phiên đăng nhập và bỏ thời gian chờ đăng nhập
  user list            mọi tài khoản: vai trò, địa bàn, bị khoá hay không, hay phải chờ sau
                       những lần đăng nhập sai`,
  en: `  user add <username> --role ROLE [--site CODE ...] [--name "Full name"] [--password-stdin]
                       create an account (roles: ${roles.join(", ")});
                       prints a generated password once, or reads one line from stdin
  user password <username>
                       give an account a new generated password (printed once), end its
                       sessions and lift its sign-in delays
  user list            every account: role, sites, and whether it is disabled or its
                       sign-ins must wait after failures`,
};

export interface UserCommandOptions {
  role?: string | undefined;
  site?: string[] | undefined;
  name?: string | undefined;
  passwordStdin: boolean;
}

export interface Terminal {
  out(line: string): void;
  error(line: string): void;
  readStdin(): Promise<string>;
}

/** An option or argument the operator got wrong: said in one line, exit code 2. */
class UsageError extends Error {}

/** The account named does not exist: said in one line, exit code 1. */
class NoSuchAccount extends Error {}

const now = () => new Date();

/** The command-line names of the API's fields, for errors. */
const optionNames: Record<string, string> = {
  site_ids: "--site",
  role: "--role",
  display_name: "--name",
  password: "password",
  username: "username",
};

function describeAppError(t: Translator, error: AppError): string {
  const { parameter, reason } = error.details;
  if (error.code === "invalid_parameter" && parameter && reason) {
    return `${optionNames[parameter] ?? parameter}: ${t.t(`reason.${reason}` as MessageKey, error.details.values)}`;
  }
  return error.details.detail ?? t.t(`error.${error.code}` as MessageKey);
}

function parseRole(t: Translator, role: string | undefined): UserRole {
  const expected = roles.join(", ");
  if (!role) throw new UsageError(t.t("cli.user.role_required", { roles: expected }));
  const known = roles.find((r) => r === role);
  if (!known) throw new UsageError(t.t("cli.user.unknown_role", { role, roles: expected }));
  return known;
}

async function siteIdsFor(t: Translator, db: Db, codes: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(codes.map((code) => code.trim().toUpperCase()))];
  const sites = await findSitesByCodes(db, wanted);
  for (const code of wanted) {
    const matches = sites.filter((site) => site.code === code);
    if (matches.length === 0) throw new UsageError(t.t("cli.user.unknown_site", { code }));
    if (matches.length > 1) throw new UsageError(t.t("cli.user.site_ambiguous", { code }));
  }
  return sites.map((site) => site.id);
}

async function addUser(
  t: Translator,
  db: Db,
  username: string,
  options: UserCommandOptions,
  io: Terminal,
) {
  const role = parseRole(t, options.role);
  const siteIds = await siteIdsFor(t, db, options.site ?? []);
  const password = options.passwordStdin
    ? (await io.readStdin()).split(/\r?\n/)[0]!
    : generatePassword(username.trim().toLowerCase());
  const user = await createUser(
    db,
    { username, displayName: options.name?.trim() || username, role, password, siteIds },
    now,
    commandLineActor,
  );
  const sites = (options.site ?? []).map((code) => code.toUpperCase()).join(", ");
  io.out(
    t.t("cli.user.created", {
      username: user.username,
      what: sites ? `${user.role}, ${sites}` : user.role,
    }),
  );
  if (!options.passwordStdin) {
    io.out(t.t("cli.user.password", { password }));
    io.out(t.t("cli.user.password_once"));
  }
}

async function listAccounts(t: Translator, db: Db, io: Terminal) {
  const users = await listUsers(db);
  if (users.length === 0) {
    io.out(t.t("cli.user.none"));
    return;
  }
  const at = now();
  const rows = users.map((u) => [
    u.username,
    u.role,
    u.site_codes.join(",") || "-",
    u.disabled_at
      ? t.t("cli.user.disabled")
      : u.locked_until && u.locked_until > at
        ? t.t("cli.user.waiting", { until: u.locked_until.toISOString() })
        : t.t("cli.user.active"),
  ]);
  const header = [
    t.t("cli.user.column_username"),
    t.t("cli.user.column_role"),
    t.t("cli.user.column_sites"),
    t.t("cli.user.column_state"),
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows]) {
    io.out(
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    );
  }
}

/** Runs `user add|password|list`; answers the exit code. */
export async function runUserCommand(
  db: Db,
  locale: Locale,
  args: readonly string[],
  options: UserCommandOptions,
  io: Terminal,
): Promise<number> {
  const t = translator(locale);
  const [command, username, ...rest] = args;
  try {
    if (command === "list" && username === undefined) {
      await listAccounts(t, db, io);
    } else if (command === "add" && username !== undefined && rest.length === 0) {
      await addUser(t, db, username, options, io);
    } else if (command === "password" && username !== undefined && rest.length === 0) {
      const password = await resetPassword(db, username, now).catch((error: unknown) => {
        if (error instanceof AppError && error.code === "not_found")
          throw new NoSuchAccount(t.t("cli.user.no_such_user", { username: username.trim() }));
        throw error;
      });
      io.out(t.t("cli.user.new_password", { username: username.trim().toLowerCase(), password }));
      io.out(t.t("cli.user.new_password_done"));
    } else {
      throw new UsageError(t.t("cli.user.unknown_command", { command: `user ${args.join(" ")}` }));
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.error(`peerlink: ${error.message}`);
      return 2;
    }
    if (error instanceof NoSuchAccount) {
      io.error(`peerlink: ${error.message}`);
      return 1;
    }
    if (error instanceof AppError) {
      io.error(`peerlink: ${describeAppError(t, error)}`);
      return 1;
    }
    throw error;
  }
}
