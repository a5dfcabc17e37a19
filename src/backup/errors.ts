// What a backup or a restore refuses, with a stable code (for tests and the CLI's exit status) and
// a message for the operator: in English only (the CLI's other lines follow the shell's language),
// saying what to do, and never carrying personal data.
export type BackupErrorCode =
  /** The output file exists already. */
  | "file_exists"
  /** The file is not a Peerlink backup at all. */
  | "not_a_backup"
  /** The file is a backup, but truncated or corrupted. */
  | "damaged"
  /** Made by a newer Peerlink than this one. */
  | "too_new"
  /** The database's schema cannot take this backup as it is. */
  | "incompatible"
  /** The database refused the backup's data (a constraint): the transaction was rolled back. */
  | "refused"
  /** The database holds data and the operator did not confirm replacing it. */
  | "not_empty"
  /** The backup holds encrypted details and no secret, or another secret, is at hand. */
  | "secret_missing"
  | "secret_wrong"
  /** Another process uses the database (a running server). */
  | "in_use"
  /** The running server could not be asked (no socket, not answering). */
  | "unavailable";

export class BackupError extends Error {
  override name = "BackupError";

  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
  }
}
