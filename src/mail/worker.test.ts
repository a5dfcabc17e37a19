// The mail queue and its worker against a real SMTP server in this process: a batch queued twice
// is sent once; a 5xx fails the message at once and marks the address, which is suppressed after
// a few; a 4xx is retried later with backoff; a message left in `sending` by a stopped process
// goes out again with the same Message-ID; the rate limit spaces messages; and with no SMTP the
// messages are .eml files in the outbox directory.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useMailBench } from "../test-support/mail.js";
import { outboxTransport } from "./transport.js";
import { createMailWorker, FAILURES_BEFORE_SUPPRESSION, FIRST_RETRY_MS } from "./worker.js";

const silentLog = { info() {}, warn() {}, error() {} };
const content = (n: number) => ({
  subject: `Thư số ${n}: chúc mừng năm mới`,
  text: `Nội dung ${n}`,
  html: `<p>Nội dung ${n}</p>`,
});

const bench = useMailBench({ postalAddress: "Hà Nội" });

function workerAt(now: () => Date, options: { window?: number; rate?: number } = {}) {
  return createMailWorker({
    database: bench.database,
    mailer: bench.mailer,
    transport: bench.transport(2),
    ratePerSecond: options.rate ?? 1000,
    window: options.window ?? 5,
    log: silentLog,
    now,
  });
}

describe("the mail queue", () => {
  it("sends a batch once however often it is queued, and drops addresses and bodies once sent", async () => {
    const items = Array.from({ length: 7 }, (_, i) => ({
      to: `nguoi${i}@example.org`,
      content: content(i),
    }));
    const now = new Date();
    await bench.mailer.enqueueBatch(bench.database.db, "issue:a", items, now);
    await bench.mailer.enqueueBatch(bench.database.db, "issue:a", items, now);
    expect(await bench.mailer.progress(bench.database.db, "issue:a")).toMatchObject({
      total: 7,
      queued: 7,
    });
    const worker = workerAt(() => new Date());
    await worker.drain();
    await worker.stop();
    expect(bench.smtp.received.map((m) => m.to[0]).sort()).toEqual(items.map((i) => i.to).sort());
    expect(await bench.mailer.progress(bench.database.db, "issue:a")).toMatchObject({
      total: 7,
      sent: 7,
    });
    const rows = await bench.database.db.selectFrom("mail_outbox").selectAll().execute();
    expect(rows.every((r) => r.recipient === null && r.content === null)).toBe(true);
    const mail = bench.smtp.received[0]!.parsed;
    expect(mail.subject).toMatch(/^Thư số \d: chúc mừng năm mới$/);
    expect(mail.text).toContain("Hà Nội");
  });

  it("fails a message for good on a 5xx and suppresses an address that keeps failing", async () => {
    bench.smtp.reject.set("khong-co@example.org", 550);
    const worker = workerAt(() => new Date());
    for (let i = 0; i < FAILURES_BEFORE_SUPPRESSION; i++) {
      await bench.mailer.send(
        bench.database.db,
        { to: "khong-co@example.org", content: content(i) },
        new Date(),
      );
      await worker.drain();
    }
    const failed = await bench.database.db.selectFrom("mail_outbox").selectAll().execute();
    expect(failed.map((r) => [r.status, r.attempts, r.last_error])).toEqual(
      Array(FAILURES_BEFORE_SUPPRESSION).fill(["failed", 1, "SMTP 550"]),
    );
    const suppression = await bench.database.db
      .selectFrom("mail_suppressions")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(suppression.failures).toBe(FAILURES_BEFORE_SUPPRESSION);
    expect(suppression.suppressed_at).not.toBeNull();

    bench.smtp.reject.clear();
    await bench.mailer.enqueueBatch(
      bench.database.db,
      "issue:b",
      [{ to: "khong-co@example.org", content: content(9) }],
      new Date(),
    );
    await worker.drain();
    await worker.stop();
    expect(bench.smtp.received).toHaveLength(0);
    expect(await bench.mailer.progress(bench.database.db, "issue:b")).toMatchObject({
      failed: 1,
      sent: 0,
    });
  });

  it("retries a 4xx later, with a longer wait each time, and then delivers", async () => {
    bench.smtp.reject.set("ban@example.org", 451);
    let clock = new Date("2026-12-01T00:00:00Z");
    const worker = workerAt(() => clock);
    await bench.mailer.send(
      bench.database.db,
      { to: "ban@example.org", content: content(1) },
      clock,
    );
    await worker.drain();
    let row = await bench.database.db
      .selectFrom("mail_outbox")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "queued", attempts: 1, last_error: "SMTP 451" });
    expect(new Date(row.next_attempt_at).getTime() - clock.getTime()).toBe(FIRST_RETRY_MS);
    await worker.drain();
    expect(bench.smtp.received).toHaveLength(0);
    clock = new Date(clock.getTime() + FIRST_RETRY_MS);
    await worker.drain();
    row = await bench.database.db.selectFrom("mail_outbox").selectAll().executeTakeFirstOrThrow();
    expect(new Date(row.next_attempt_at).getTime() - clock.getTime()).toBe(2 * FIRST_RETRY_MS);
    bench.smtp.reject.clear();
    clock = new Date(clock.getTime() + 2 * FIRST_RETRY_MS);
    await worker.drain();
    await worker.stop();
    row = await bench.database.db.selectFrom("mail_outbox").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "sent", attempts: 3 });
    expect(bench.smtp.received).toHaveLength(1);
  });

  it("sends again, with the same Message-ID, what a stopped process left in sending", async () => {
    const clock = new Date("2026-12-02T00:00:00Z");
    const messageId = await bench.mailer.send(
      bench.database.db,
      { to: "lai@example.org", content: content(1) },
      clock,
    );
    await bench.database.db
      .updateTable("mail_outbox")
      .set({ status: "sending", claimed_at: clock })
      .execute();
    // A worker starting with the lease free takes it over, and what is in `sending` with it.
    const worker = workerAt(() => clock);
    await worker.drain();
    await worker.stop();
    expect(bench.smtp.received).toHaveLength(1);
    expect(bench.smtp.received[0]!.parsed.messageId).toBe(messageId);
  });

  it("spaces messages by the rate limit", async () => {
    const items = Array.from({ length: 6 }, (_, i) => ({
      to: `r${i}@example.org`,
      content: content(i),
    }));
    await bench.mailer.enqueueBatch(bench.database.db, "issue:c", items, new Date());
    const worker = workerAt(() => new Date(), { rate: 20, window: 3 });
    const started = Date.now();
    await worker.drain();
    await worker.stop();
    // Six messages at 20 a second: the sixth starts at least 250 ms after the first.
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(bench.smtp.received).toHaveLength(6);
  });

  it("writes .eml files into the outbox directory when no SMTP server is configured", async () => {
    const directory = mkdtempSync(path.join(tmpdir(), "peerlink-outbox-"));
    try {
      const worker = createMailWorker({
        database: bench.database,
        mailer: bench.mailer,
        transport: outboxTransport(path.join(directory, "outbox")),
        ratePerSecond: 1000,
        window: 5,
        log: silentLog,
      });
      const messageId = await bench.mailer.send(
        bench.database.db,
        { to: "doc@example.org", content: content(1) },
        new Date(),
      );
      await worker.drain();
      await worker.stop();
      const files = readdirSync(path.join(directory, "outbox"));
      expect(files).toEqual([`${messageId.slice(1, -1)}.eml`]);
      const eml = readFileSync(path.join(directory, "outbox", files[0]!), "utf8");
      expect(eml).toContain(`Message-ID: ${messageId}`);
      expect(eml).toMatch(/Subject: =\?UTF-8\?/);
      expect(eml).toMatch(/multipart\/alternative/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
