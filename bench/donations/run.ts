// Benchmark (not a test): how fast gifts are taken in, on PGlite (in memory). Measured are
//  - SePay notifications per second through the app (signed as SePay sends them, by our own
//    client, src/test-support/gateway-client.ts): each unique notification matches a waiting
//    pledge by its reference and records the gift (the ledger's posting, the receipt number, the
//    pledge marked received) in one transaction; then the same notifications replayed, each
//    found to be a line already recorded and counted nothing;
//  - statement lines reconciled per second: a generated Vietcombank-style CSV statement (most
//    lines a donor's transfer with its reference, the rest other credits left for finance)
//    parsed and imported as finance would upload it; then the same statement imported again.
// Requests are sent one after another, as a gateway sends them. Figures go to
// docs/benchmarks.md with the machine and the date.
//
//   npx tsx bench/donations/run.ts [--webhooks 2000] [--lines 5000]
import os from "node:os";
import { buildApp } from "../../src/app.js";
import { parseConfig } from "../../src/config.js";
import { openMemoryDatabase } from "../../src/db/connection.js";
import { migrate } from "../../src/db/migrate.js";
import { transferText } from "../../src/donations/reference.js";
import { createPledge } from "../../src/donations/service.js";
import { importStatement, parseCsv, statementLines } from "../../src/donations/statement.js";
import { findUnbalancedTransactions } from "../../src/ledger/service.js";
import { deriveKey } from "../../src/lib/crypto.js";
import { sendSepay, sepayTransfer } from "../../src/test-support/gateway-client.js";
import { recordBenchmark } from "../report.js";

const loadBefore = os
  .loadavg()
  .map((n) => n.toFixed(1))
  .join(", ");

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const webhooks = option("--webhooks", 2_000);
const statementSize = option("--lines", 5_000);
const secret = "a-benchmark-secret-that-is-long-enough-for-peerlink";
const sepayKey = "sepay-benchmark-key-0123456789";

const database = await openMemoryDatabase();
await migrate(database);
const { db } = database;
const detailsKey = deriveKey(secret, "donor-details");
const context = { db, detailsKey, now: () => new Date() };
const app = await buildApp({
  database,
  config: {
    publicUrl: "https://scdi.example.org",
    logLevel: "silent",
    donations: parseConfig({ SEPAY_API_KEY: sepayKey }).donations,
  },
  secret,
});

/** Waiting pledges of 100,000 đồng (no e-mail: the receipt mail is not what is measured). */
async function pledges(count: number): Promise<string[]> {
  const references: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const pledge = await createPledge(context, {
      projectId: null,
      amount: 100_000,
      method: "vietqr",
      locale: "vi",
      named: false,
      name: null,
      email: null,
    });
    references.push(pledge.reference);
  }
  return references;
}

const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// 1. SePay notifications: unique, then replayed.
const references = await pledges(webhooks);
const transfers = references.map((reference) =>
  sepayTransfer({
    content: `MBVCB.${reference.slice(2)}.NGUYEN VAN AN CHUYEN ${transferText(reference)}`,
    transferAmount: 100_000,
    transactionDate: "2026-12-05 10:15:00",
  }),
);
async function sendAll(): Promise<number> {
  const started = performance.now();
  for (const transfer of transfers) {
    const answer = await sendSepay(app, sepayKey, transfer);
    if (answer.statusCode !== 200) throw new Error(`SePay answered ${answer.statusCode}`);
  }
  return performance.now() - started;
}
const uniqueMs = await sendAll();
const replayMs = await sendAll();
const gifts = await db
  .selectFrom("donation_gifts")
  .select((eb) => eb.fn.countAll<string>().as("n"))
  .executeTakeFirstOrThrow();
if (Number(gifts.n) !== webhooks) throw new Error(`${gifts.n} gifts for ${webhooks} notifications`);

// 2. A statement: four lines in five a donor's transfer, the fifth another credit.
const statementReferences = await pledges(Math.round(statementSize * 0.8));
const csvLines = [
  "NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM - SAO KÊ TÀI KHOẢN (benchmark, không có thật)",
  "Số tài khoản: 0000000000",
  "STT,Ngày giao dịch,Số tham chiếu,Số tiền ghi nợ,Số tiền ghi có,Số dư,Mô tả",
];
let donorLine = 0;
for (let i = 0; i < statementSize; i += 1) {
  const day = String(1 + (i % 28)).padStart(2, "0");
  const bankReference = `5213.${String(100_000 + i)}.${String(i).padStart(6, "0")}`;
  const text =
    i % 5 === 4
      ? `IBFT CONG TY TNHH THANH TOAN HOA DON ${i}`
      : `IBFT ${transferText(statementReferences[donorLine++]!)} chuyen tien`;
  csvLines.push(`${i + 1},${day}/11/2026,${bankReference},,"100.000","19.277.000","${text}"`);
}
const csv = `${csvLines.join("\n")}\n`;
async function importOnce() {
  const started = performance.now();
  const lines = statementLines(parseCsv(csv), "vietcombank");
  const summary = await importStatement(db, lines, new Date());
  return { ms: performance.now() - started, summary };
}
const first = await importOnce();
const again = await importOnce();
if (first.summary.matched !== donorLine || again.summary.duplicate !== statementSize) {
  throw new Error(
    `statement: ${JSON.stringify(first.summary)}, then ${JSON.stringify(again.summary)}`,
  );
}
if ((await findUnbalancedTransactions(db)).length > 0)
  throw new Error("the ledger does not balance");
await app.close();
await database.close();

recordBenchmark(
  "donations (pglite)",
  `Gifts taken in on PGlite (memory), one request after another (bench/donations/run.ts). "SePay, unique": a notification signed as SePay sends it, through the app (authentication, schema, the line recorded, matched to its waiting pledge by the reference in the transfer text, the gift posted to the ledger with the year's next receipt number, the pledge marked received — one transaction). "SePay, replayed": the same notifications again, each recognised as a line already recorded, counting nothing. "statement": a generated Vietcombank-style CSV of ${statementSize.toLocaleString("en-GB")} credit lines (four in five a donor's transfer with its reference, the others left unmatched for finance) parsed and reconciled; "statement again": the same file imported a second time, every line a duplicate of one recorded. The ledger balanced after each. Load average ${loadBefore} when the runs began, ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(
      ", ",
    )} when they ended (1, 5 and 15 minutes, on ${os.cpus().length} cores): on a loaded machine the figures stretch with the load. A programme's busiest day is a few hundred gifts: a day's notifications take seconds, and a statement of 5,000 lines under a minute. The unique notification is bound by its one transaction of about a dozen statements (line, pledge look-up, ledger transaction and entries with their balance check at commit, receipt counter, gift, pledge); a replay stops at the first look-up.`,
  ["what", "items", "time", "per second"],
  [
    ["SePay notifications, unique", webhooks, seconds(uniqueMs), perSecond(webhooks, uniqueMs)],
    ["SePay notifications, replayed", webhooks, seconds(replayMs), perSecond(webhooks, replayMs)],
    [
      "statement lines reconciled",
      statementSize,
      seconds(first.ms),
      perSecond(statementSize, first.ms),
    ],
    [
      "statement lines, imported again",
      statementSize,
      seconds(again.ms),
      perSecond(statementSize, again.ms),
    ],
  ],
);
console.log({ uniqueMs, replayMs, statement: first, again });
process.exit(0);
