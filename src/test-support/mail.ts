// The mail tests' bench: a fresh database and a real SMTP server for the file, an empty queue (no
// messages, suppressions or sender lease) and an empty inbox before each test, and the mailer.
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { Database } from "../db/connection.js";
import { Mailer } from "../mail/service.js";
import { type MailTransport, smtpTransport } from "../mail/transport.js";
import { testSecret } from "./app.js";
import { openTestDatabase } from "./database.js";
import { startSmtpServer, type TestSmtpServer } from "./smtp.js";

export interface MailBench {
  database: Database;
  smtp: TestSmtpServer;
  mailer: Mailer;
  /** An SMTP transport to the bench's server with at most `connections` connections. */
  transport(connections: number): MailTransport;
}

/** Registers the file's hooks; the bench's database and server are there once `beforeAll` ran. */
export function useMailBench(options: { postalAddress: string }): MailBench {
  const bench = {
    mailer: new Mailer(testSecret, {
      from: "Tổ chức <tin@to-chuc.example.org>",
      postalAddress: options.postalAddress,
    }),
    transport: (connections: number) =>
      smtpTransport(
        {
          host: "127.0.0.1",
          port: bench.smtp.port,
          secure: "false",
          user: undefined,
          password: undefined,
        },
        connections,
      ),
  } as MailBench;
  beforeAll(async () => {
    bench.database = await openTestDatabase();
    bench.smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await bench.smtp.close();
    await bench.database.close();
  });
  beforeEach(async () => {
    await bench.database.db.deleteFrom("mail_outbox").execute();
    await bench.database.db.deleteFrom("mail_suppressions").execute();
    await bench.database.db.deleteFrom("mail_sender_lease").execute();
    bench.smtp.received.length = 0;
    bench.smtp.reject.clear();
  });
  return bench;
}
