// `peerlink user …`: accounts from the command line, for the operator who sets Peerlink up (the
// first administrator is made here) or who must let someone back in. Same rules as the API:
// the commands call the same services.
import { commandLineActor } from "../audit/service.js";
import type { Db } from "../db/connection.js";
import type { UserRole } from "../db/schema.js";
import { AppError } from "../lib/errors.js";
import { type MessageKey, translator } from "../messages.js";
import { generatePassword } from "./passwords.js";
import { roles } from "./policy.js";
import { findSitesByCodes } from "./queries.js";
import { createUser, listUsers, resetPassword } from "./users-service.js";

export const userCommandsUsage = `  user add <username> --role ROLE [--site CODE ...] [--name "Full name"] [--password-stdin]
                       create an account (roles: ${roles.join(", ")});
                       prints a generated password once, or reads one line from stdin
  user password <username>
                       give an account a new generated password (printed once), end its
                       sessions and lift its sign-in delays
  user list            every account: role, sites, and whether it is disabled or its
                       sign-ins must wait after failures`;

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

const now = () => new Date();

/** The command-line names of the API's fields, for errors. */
const optionNames: Record<string, string> = {
  site_ids: "--site",
  role: "--role",
  display_name: "--name",
  password: "password",
  username: "username",
};

function describeAppError(error: AppError): string {
  const t = translator("en");
  const { parameter, reason } = error.details;
  if (error.code === "invalid_parameter" && parameter && reason) {
    return `${optionNames[parameter] ?? parameter}: ${t.t(`reason.${reason}` as MessageKey, error.details.values)}`;
  }
  return error.details.detail ?? t.t(`error.${error.code}` as MessageKey);
}

function parseRole(role: string | undefined): UserRole {
  if (!role) throw new UsageError(`--role is required (one of ${roles.join(", ")})`);
  const known = roles.find((r) => r === role);
  if (!known) throw new UsageError(`unknown role "${role}"; expected one of ${roles.join(", ")}`);
  return known;
}

async function siteIdsFor(db: Db, codes: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(codes.map((code) => code.trim().toUpperCase()))];
  const sites = await findSitesByCodes(db, wanted);
  for (const code of wanted) {
    const matches = sites.filter((site) => site.code === code);
    if (matches.length === 0) throw new UsageError(`unknown site "${code}"`);
    if (matches.length > 1) throw new UsageError(`site code "${code}" is used by several projects`);
  }
  return sites.map((site) => site.id);
}

async function addUser(db: Db, username: string, options: UserCommandOptions, io: Terminal) {
  const role = parseRole(options.role);
  const siteIds = await siteIdsFor(db, options.site ?? []);
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
  io.out(`created ${user.username} (${user.role}${sites ? `, ${sites}` : ""})`);
  if (!options.passwordStdin) {
    io.out(`password: ${password}`);
    io.out("it is shown only this once: hand it over safely; it can be changed after signing in");
  }
}

async function listAccounts(db: Db, io: Terminal) {
  const users = await listUsers(db);
  if (users.length === 0) {
    io.out("no accounts yet: create one with `peerlink user add <username> --role administrator`");
    return;
  }
  const at = now();
  const rows = users.map((u) => [
    u.username,
    u.role,
    u.site_codes.join(",") || "-",
    u.disabled_at
      ? "disabled"
      : u.locked_until && u.locked_until > at
        ? `sign-ins from new devices wait until ${u.locked_until.toISOString()}`
        : "active",
  ]);
  const header = ["username", "role", "sites", "state"];
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
  args: readonly string[],
  options: UserCommandOptions,
  io: Terminal,
): Promise<number> {
  const [command, username, ...rest] = args;
  try {
    if (command === "list" && username === undefined) {
      await listAccounts(db, io);
    } else if (command === "add" && username !== undefined && rest.length === 0) {
      await addUser(db, username, options, io);
    } else if (command === "password" && username !== undefined && rest.length === 0) {
      const password = await resetPassword(db, username, now);
      io.out(`new password for ${username.trim().toLowerCase()}: ${password}`);
      io.out(
        "its sessions have ended and its sign-in delays are lifted; the password is shown only once",
      );
    } else {
      throw new UsageError(`unknown command "user ${args.join(" ")}"`);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.error(`peerlink: ${error.message}`);
      return 2;
    }
    if (error instanceof AppError) {
      io.error(`peerlink: ${describeAppError(error)}`);
      return 1;
    }
    throw error;
  }
}
