// Benchmark (not a test): how fast the newsletter goes out. An SMTP server in this process
// (smtp-server, counting what it accepts) stands for the organisation's relay; measured are
//  - messages per second handed to it by nodemailer alone (a pool, no queue): the ceiling;
//  - for 10,000 confirmed subscribers, the time to queue one issue (decrypt every address,
//    render per recipient, insert the queue's rows in the send's transaction), and the time for
//    the worker to send them all (claim a window, send, mark each sent) at MAIL_RATE_PER_SECOND's
//    highest setting, so the figure is the machinery's, not the rate limit's.
// On PGlite (in memory) by default, on PostgreSQL with BENCH_DATABASE_URL. Figures go to
// docs/benchmarks.md with the machine and the date.
//
//   npx tsx bench/newsletter/run.ts [--subscribers 10000]
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/newsletter/run.ts
import { createServer } from "node:net";
import nodemailer from "nodemailer";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import {
  type Database,
  openMemoryDatabase,
  openPostgresDatabase,
} from "../../src/db/connection.js";
import { migrate } from "../../src/db/migrate.js";
import { deriveKey } from "../../src/lib/crypto.js";
import { newId } from "../../src/lib/ids.js";
import { sealAddress } from "../../src/mail/address.js";
import { Mailer } from "../../src/mail/service.js";
import { smtpTransport } from "../../src/mail/transport.js";
import { createMailWorker } from "../../src/mail/worker.js";
import { sendIssue } from "../../src/newsletter/issues.js";
import { recordBenchmark } from "../report.js";

const args = process.argv.slice(2);
const subscribersAt = args.indexOf("--subscribers");
const subscribers = subscribersAt >= 0 ? Number(args[subscribersAt + 1]) : 10_000;
const window = 20;
const secret = "a-benchmark-secret-that-is-long-enough-for-peerlink";
const serverUrl = process.env.BENCH_DATABASE_URL;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let accepted = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, _session, callback) {
    stream.on("data", () => {});
    stream.on("end", () => {
      accepted += 1;
      callback();
    });
  },
});
const port = await freePort();
await new Promise<void>((resolve) => smtp.listen(port, "127.0.0.1", resolve));

/** A fresh, migrated database on the engine under test. */
async function openDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  if (!serverUrl) {
    const database = await openMemoryDatabase();
    await migrate(database);
    return { database, drop: () => database.close() };
  }
  const name = `peerlink_bench_mail_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openPostgresDatabase(url.toString());
  await migrate(database);
  return {
    database,
    drop: async () => {
      await database.close();
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    },
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const body = "Nội dung của bản tin, bằng tiếng Việt có dấu. ".repeat(40);

// 1. nodemailer alone, a pool of `window` connections.
const raw = 2_000;
const transporter = nodemailer.createTransport({
  host: "127.0.0.1",
  port,
  secure: false,
  ignoreTLS: true,
  pool: true,
  maxConnections: window,
  maxMessages: Number.POSITIVE_INFINITY,
});
let started = performance.now();
await Promise.all(
  Array.from({ length: raw }, (_, i) =>
    transporter.sendMail({
      from: "SCDI <ban-tin@scdi.example.org>",
      to: `doc${i}@example.org`,
      subject: "Bản tin tháng Mười Hai",
      text: body,
      html: `<p>${body}</p>`,
    }),
  ),
);
const rawMs = performance.now() - started;
transporter.close();

// 2. One issue to `subscribers` subscribers through the queue.
const { database, drop } = await openDatabase();
const { db } = database;
const mailer = new Mailer(secret, {
  from: "SCDI <ban-tin@scdi.example.org>",
  postalAddress: "Hà Nội",
});
const user = await db
  .insertInto("users")
  .values({
    username: "bench",
    display_name: "bench",
    password_hash: "x",
    role: "editor",
    organisation_id: null,
    staff_id: null,
    disabled_at: null,
  })
  .returning("id")
  .executeTakeFirstOrThrow();
for (let start = 0; start < subscribers; start += 1_000) {
  const rows = Array.from({ length: Math.min(1_000, subscribers - start) }, (_, j) => {
    const id = newId();
    const address = `nguoi.doc${start + j}@example.org`;
    return {
      id,
      address_hash: mailer.hash(address),
      address: sealAddress(mailer.sealKey, address, id),
      locale: (j % 4 === 0 ? "en" : "vi") as "vi" | "en",
      status: "confirmed" as const,
      created_at: new Date(),
      updated_at: new Date(),
      confirmed_at: new Date(),
    };
  });
  await db.insertInto("newsletter_subscribers").values(rows).execute();
}
const issueId = newId();
await db
  .insertInto("newsletter_issues")
  .values({
    id: issueId,
    subject_vi: "Bản tin tháng Mười Hai",
    subject_en: "December newsletter",
    intro_vi: body,
    intro_en: body,
    created_by: user.id,
    created_at: new Date(),
    updated_at: new Date(),
  })
  .execute();
const context = {
  mailer,
  linkKey: deriveKey(secret, "newsletter-links"),
  publicUrl: "https://scdi.example.org",
};
started = performance.now();
await sendIssue(
  db,
  context,
  { channel: "api", userId: user.id, address: "127.0.0.1" },
  issueId,
  new Date(),
);
const queueMs = performance.now() - started;

accepted = 0;
const worker = createMailWorker({
  database,
  mailer,
  transport: smtpTransport(
    { host: "127.0.0.1", port, secure: "false", user: undefined, password: undefined },
    window,
  ),
  ratePerSecond: 1000,
  window,
  log: { info() {}, warn() {}, error() {} },
});
started = performance.now();
await worker.drain();
const sendMs = performance.now() - started;
await worker.stop();
const progress = await mailer.progress(db, `issue:${issueId}`);
if (progress.sent !== subscribers || accepted !== subscribers) {
  throw new Error(`sent ${progress.sent}, the server accepted ${accepted}, of ${subscribers}`);
}
await drop();
smtp.close();

const engine = serverUrl ? "PostgreSQL" : "PGlite (memory)";
const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000));
recordBenchmark(
  `newsletter (${serverUrl ? "postgres" : "pglite"})`,
  `One newsletter issue handed to an SMTP server in the same process (bench/newsletter/run.ts), on ${engine}: nodemailer alone (a pool of ${window} connections, no queue) is the ceiling; "queue" decrypts every subscriber's address, renders the issue with their own links and inserts the queue's rows in one transaction; "send" is the worker claiming windows of ${window}, sending and marking each message sent (the address and body dropped), at the highest MAIL_RATE_PER_SECOND (1,000). Each message is about 5 KB (text and HTML). The machinery sends 10,000 in under a minute; a real installation is held to MAIL_RATE_PER_SECOND (10 by default: about 17 minutes for 10,000), which the SMTP provider's own limit decides. The send is bound by the two statements per message that record it (marked sent, its address's failures cleared) and by each window waiting for its slowest message.`,
  ["what", "messages", "time", "messages per second"],
  [
    ["nodemailer alone", raw, seconds(rawMs), perSecond(raw, rawMs)],
    ["queue one issue", subscribers, seconds(queueMs), perSecond(subscribers, queueMs)],
    ["send one issue", subscribers, seconds(sendMs), perSecond(subscribers, sendMs)],
    [
      "queue + send",
      subscribers,
      seconds(queueMs + sendMs),
      perSecond(subscribers, queueMs + sendMs),
    ],
  ],
);
console.log({ rawMs, queueMs, sendMs });
process.exit(0);
