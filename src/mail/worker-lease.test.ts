// The mail sender with several processes and after failures, against a real SMTP server and a real
// database: two workers on one database send each message once (only the lease holder sends); a
// worker that dies mid-window loses the queue to another once its lease runs out, and only its
// in-flight window may go out twice; a message left in `sending` by a database error after its
// send is sent again by the same worker, without a restart, with the same Message-ID.
import { sql } from "kysely";
import type { SendMailOptions } from "nodemailer";
import { describe, expect, it } from "vitest";
import { useMailBench } from "../test-support/mail.js";
import type { MailTransport } from "./transport.js";
import { createMailWorker, FIRST_RETRY_MS, LEASE_MS } from "./worker.js";

const silentLog = { info() {}, warn() {}, error() {} };

const bench = useMailBench({ postalAddress: "" });

/** The SMTP transport, its sends held at a gate the test opens (a hung connection, a paused process). */
function gatedTransport() {
  const real = bench.transport(5);
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let waiting = 0;
  const transport: MailTransport = {
    async send(message: SendMailOptions) {
      waiting++;
      await gate;
      await real.send(message);
    },
    close: () => real.close(),
    describe: "gated SMTP",
  };
  return { transport, open, waiting: () => waiting };
}

function plainTransport(): MailTransport {
  return bench.transport(5);
}

function workerWith(transport: MailTransport, now: () => Date, window = 5) {
  return createMailWorker({
    database: bench.database,
    mailer: bench.mailer,
    transport,
    ratePerSecond: 1000,
    window,
    log: silentLog,
    now,
  });
}

async function queueBatch(batch: string, count: number, now: Date) {
  const items = Array.from({ length: count }, (_, i) => ({
    to: `nguoi${i}@example.org`,
    content: { subject: `Bản tin ${i}`, text: `Chào ${i}`, html: `<p>Chào ${i}</p>` },
  }));
  await bench.mailer.enqueueBatch(bench.database.db, batch, items, now);
  return items.map((item) => item.to);
}

/**
 * Until `check` holds, looking again every few milliseconds. The bound is time, and generous: a
 * count of event-loop turns ran out in 0.1 s on a loaded machine, before the database had answered.
 */
async function until(check: () => boolean, withinMs = 30_000) {
  const deadline = Date.now() + withinMs;
  while (!check() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  expect(check()).toBe(true);
}

const receivedBy = () => {
  const counts = new Map<string, number>();
  for (const mail of bench.smtp.received) {
    for (const to of mail.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  }
  return counts;
};

describe("the mail sender's lease", () => {
  it("lets only one of two workers send while its lease is live: nobody gets a message twice", async () => {
    const t0 = new Date();
    const recipients = await queueBatch("issue:two", 12, t0);
    const a = gatedTransport();
    const first = workerWith(a.transport, () => t0);
    const second = workerWith(plainTransport(), () => new Date(t0.getTime() + 1000));
    const draining = first.drain();
    await until(() => a.waiting() === 5);
    // The second process starts while the first has a window in flight: it neither sends the
    // rest nor takes the first's messages for abandoned ones.
    await second.start();
    expect(await second.drain()).toBe(0);
    a.open();
    expect(await draining).toBe(12);
    await second.stop();
    await first.stop();
    const counts = receivedBy();
    expect([...counts.keys()].sort()).toEqual([...recipients].sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it("passes the queue to another worker when the holder dies: everyone gets it, only the dead one's in-flight window twice", async () => {
    const t0 = new Date("2026-12-06T01:00:00Z");
    const recipients = await queueBatch("issue:dead", 12, t0);
    const dead = gatedTransport();
    let frozenClock = t0;
    const dying = workerWith(dead.transport, () => frozenClock);
    // It claims a window and hangs in the middle of it, never to renew its lease.
    const hung = dying.drain();
    await until(() => dead.waiting() === 5);
    const inFlight = await bench.database.db
      .selectFrom("mail_outbox")
      .select("message_id")
      .where("status", "=", "sending")
      .execute();
    expect(inFlight).toHaveLength(5);

    let clock = new Date(t0.getTime() + LEASE_MS / 2);
    const heir = workerWith(plainTransport(), () => clock);
    expect(await heir.drain()).toBe(0);
    // The lease has run out: the heir takes it over, queues the dead one's window again, and
    // sends everything.
    clock = new Date(t0.getTime() + LEASE_MS + 1);
    expect(await heir.drain()).toBe(12);
    const sent = await bench.mailer.progress(bench.database.db, "issue:dead");
    expect(sent).toMatchObject({ sent: 12, sending: 0, queued: 0 });
    expect(bench.smtp.received).toHaveLength(12);
    expect(new Set(bench.smtp.received.flatMap((m) => m.to))).toEqual(new Set(recipients));

    // The "dead" process was only frozen and wakes up: the sends it had begun complete — the
    // in-flight window, sent twice with the same Message-ID — and it sends nothing more.
    frozenClock = clock;
    dead.open();
    expect(await hung).toBe(5);
    await dying.stop();
    await heir.stop();
    const twice = [...receivedBy()].filter(([, n]) => n > 1).map(([to]) => to);
    expect(twice.length).toBeLessThanOrEqual(5);
    const duplicateIds = bench.smtp.received
      .slice(12)
      .map((m) => `<${m.parsed.messageId?.replace(/^<|>$/g, "")}>`);
    expect(duplicateIds.sort()).toEqual(inFlight.map((r) => r.message_id).sort());
  });
});

describe("a database error after a send", () => {
  it("leaves the message in sending, and the same worker sends it again without a restart", async () => {
    // The database refuses the first "sent" mark: a real error from the database: bench.database, raised by a
    // trigger counting with a sequence (a sequence is not rolled back with the failed statement).
    await sql`create sequence if not exists test_sent_marks`.execute(bench.database.db);
    await sql`
      create or replace function test_refuse_first_sent() returns trigger language plpgsql as $$
      begin
        if nextval('test_sent_marks') = 1 then
          raise exception 'injected: the database refused the write';
        end if;
        return new;
      end $$`.execute(bench.database.db);
    await sql`
      create trigger test_refuse_first_sent before update on mail_outbox
      for each row when (new.status = 'sent') execute function test_refuse_first_sent()`.execute(
      bench.database.db,
    );
    try {
      let clock = new Date("2026-12-06T02:00:00Z");
      const recipients = await queueBatch("issue:db-error", 3, clock);
      const worker = workerWith(plainTransport(), () => clock);
      await expect(worker.drain()).rejects.toThrow(/injected/);
      const stuck = await bench.database.db
        .selectFrom("mail_outbox")
        .select("message_id")
        .where("status", "=", "sending")
        .execute();
      expect(stuck).toHaveLength(1);
      expect(await bench.mailer.progress(bench.database.db, "issue:db-error")).toMatchObject({
        sent: 2,
      });

      await worker.drain();
      clock = new Date(clock.getTime() + FIRST_RETRY_MS);
      await worker.drain();
      await worker.stop();
      expect(await bench.mailer.progress(bench.database.db, "issue:db-error")).toMatchObject({
        sent: 3,
        sending: 0,
        queued: 0,
      });
      // It had left before the error: it arrives a second time, recognisably the same message.
      expect(bench.smtp.received).toHaveLength(4);
      expect(new Set(bench.smtp.received.flatMap((m) => m.to))).toEqual(new Set(recipients));
      const again = bench.smtp.received.at(-1)!.parsed.messageId;
      expect(`<${again?.replace(/^<|>$/g, "")}>`).toBe(stuck[0]!.message_id);
    } finally {
      await sql`drop trigger test_refuse_first_sent on mail_outbox`.execute(bench.database.db);
    }
  });
});
