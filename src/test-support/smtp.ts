// A real SMTP server in the test process (smtp-server, nodemailer's own), keeping every message
// it accepts, parsed (mailparser), with its raw source; `reject` answers a recipient with an SMTP
// error code (a 5xx for a permanent failure, a 4xx for a temporary one). A connection's error (a
// sender killed mid-message resets it) is kept in `errors`, not thrown: smtp-server emits it on
// the server, and an EventEmitter's unheard 'error' would end the test process.
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { freePort } from "./server-process.js";

export interface ReceivedMail {
  parsed: ParsedMail;
  raw: string;
  to: string[];
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  /** Recipients refused, with the reply code, as the test decides. */
  reject: Map<string, number>;
  /** Errors of connections, such as a reset by a sender that was killed. */
  errors: Error[];
  /** Resolves once `count` messages have arrived in all (fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const reject = new Map<string, number>();
  const errors: Error[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = reject.get(address.address.toLowerCase());
      if (code) {
        const error = Object.assign(new Error(`refused (${code})`), { responseCode: code });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            received.push({
              parsed,
              raw: raw.toString("utf8"),
              to: session.envelope.rcptTo.map((r) => r.address),
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  server.on("error", (error: Error) => errors.push(error));
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port,
    received,
    reject,
    errors,
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) {
          throw new Error(`expected ${count} messages, ${received.length} arrived`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
