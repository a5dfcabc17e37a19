// One line that says why the server or a CLI command could not start.
import { ConfigError } from "../config.js";
import { AppError } from "./errors.js";

export function describeStartError(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof AppError) return error.details.detail ?? error.code;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE")
    return `the port is already in use (${(error as Error).message}); set PORT to a free port`;
  if (code === "EACCES") return `permission denied: ${(error as Error).message}`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
