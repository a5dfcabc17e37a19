// Where messages go: an SMTP server (SMTP_HOST …) through nodemailer, or, with no SMTP configured,
// .eml files in DATA_DIR/outbox/ that a newcomer can open to see what would have been sent.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { SendMailOptions, Transporter } from "nodemailer";
import type { MailConfig } from "../config.js";

type TransportOptions = Parameters<typeof import("nodemailer").createTransport>[0];

/**
 * Nodemailer's transporter, made with the first message: nodemailer is loaded then, not at start,
 * so a server that sends no mail does not hold it in memory (docs/benchmarks.md, "site").
 */
function lazyTransporter(options: TransportOptions): {
  get(): Promise<Transporter>;
  close(): void;
} {
  let made: Promise<Transporter> | undefined;
  let closed = false;
  return {
    get: () => {
      made ??= import("nodemailer").then(({ default: nodemailer }) => {
        const transporter = nodemailer.createTransport(options);
        // Closed while nodemailer loaded: no connection is left open behind the close.
        if (closed) transporter.close();
        return transporter;
      });
      return made;
    },
    close: () => {
      closed = true;
      void made?.then((transporter) => transporter.close());
    },
  };
}

export interface MailTransport {
  /** Resolves once the message is handed over; rejects with a MailFailure-classifiable error. */
  send(message: SendMailOptions): Promise<void>;
  close(): void;
  /** What the start-up line says about where mail goes (no password). */
  describe: string;
}

/**
 * How a failed send is treated: a 5xx reply is permanent (the address or the message is refused
 * for good: no retry, the address is marked), anything else — a 4xx, a refused connection, a
 * timeout — is temporary and retried later.
 */
export function classifyFailure(error: unknown): { permanent: boolean; reason: string } {
  const code = (error as { responseCode?: number }).responseCode;
  if (typeof code === "number") {
    return { permanent: code >= 500 && code < 600, reason: `SMTP ${code}` };
  }
  const name = (error as { code?: string }).code ?? "error";
  return { permanent: false, reason: `connection: ${String(name).slice(0, 40)}` };
}

export function smtpTransport(
  smtp: NonNullable<MailConfig["smtp"]>,
  maxConnections: number,
): MailTransport {
  const transporter = lazyTransporter({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure === "true",
    requireTLS: smtp.secure === "starttls",
    ignoreTLS: smtp.secure === "false",
    pool: true,
    maxConnections,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? "" } } : {}),
    // Nodemailer's own logging would write addresses: it stays off.
    logger: false,
    debug: false,
  });
  return {
    send: async (message) => {
      await (await transporter.get()).sendMail(message);
    },
    close: () => transporter.close(),
    describe: `SMTP ${smtp.host}:${smtp.port}`,
  };
}

/** Message-IDs become file names: the characters a file name cannot hold are replaced. */
const fileNameOf = (messageId: string) =>
  messageId.replace(/^<|>$/g, "").replace(/[^A-Za-z0-9._@-]/g, "_");

export function outboxTransport(directory: string): MailTransport {
  const transporter = lazyTransporter({ streamTransport: true, buffer: true });
  return {
    send: async (message) => {
      const info = await (await transporter.get()).sendMail(message);
      mkdirSync(directory, { recursive: true, mode: 0o700 });
      const file = path.join(directory, `${fileNameOf(String(message.messageId))}.eml`);
      writeFileSync(file, info.message as Buffer, { mode: 0o600 });
    },
    close: () => transporter.close(),
    describe: `files in ${directory}`,
  };
}

export function configuredTransport(mail: MailConfig, dataDir: string): MailTransport {
  return mail.smtp
    ? smtpTransport(mail.smtp, mail.window)
    : outboxTransport(path.join(dataDir, "outbox"));
}
