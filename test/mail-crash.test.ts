import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.js";
import { openConfiguredDatabase } from "../src/db/open.js";
import { deriveKey } from "../src/lib/crypto.js";
import { newId } from "../src/lib/ids.js";
import { sealAddress } from "../src/mail/address.js";
import { Mailer } from "../src/mail/service.js";
import { sendIssue } from "../src/newsletter/issues.js";
import { freePort, startServerProcess, stopped } from "../src/test-support/server-process.js";
import { startSmtpServer } from "../src/test-support/smtp.js";
import { insertUser } from "../src/test-support/users.js";

const dataDir = mkdtempSync(path.join(tmpdir(), "peerlink-mail-crash-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const secret = "a-crash-test-secret-that-is-long-enough-for-peerlink";
const subscribers = 80;
const window = 5;
const from = "SCDI <ban-tin@scdi.example.org>";

const start = (port: number, smtpPort: number) =>
  startServerProcess(port, {
    DATA_DIR: dataDir,
    PEERLINK_SECRET: secret,
    DEMO_DATA: "off",
    LOG_LEVEL: "error",
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(smtpPort),
    SMTP_SECURE: "false",
    MAIL_FROM: from,
    MAIL_RATE_PER_SECOND: "25",
    MAIL_SEND_WINDOW: String(window),
  });

describe("a server killed in the middle of sending an issue", () => {
  it("sends it to everyone after the restart, repeating at most the window in flight", {
    timeout: 240_000,
  }, async () => {
    const config = parseConfig({ DATA_DIR: dataDir, DEMO_DATA: "off" });
    const addresses = Array.from({ length: subscribers }, (_, i) => `nguoi.doc${i}@example.org`);
    // The issue is queued before the server starts: the embedded database has one process at a time.
    let opened = await openConfiguredDatabase(config);
    const mailer = new Mailer(secret, { from, postalAddress: "Hà Nội" });
    const { db } = opened.database;
    const editor = await insertUser(db, "editor");
    for (const address of addresses) {
      const id = newId();
      await db
        .insertInto("newsletter_subscribers")
        .values({
          id,
          address_hash: mailer.hash(address),
          address: sealAddress(mailer.sealKey, address, id),
          locale: "vi",
          status: "confirmed",
          created_at: new Date(),
          updated_at: new Date(),
          confirmed_at: new Date(),
        })
        .execute();
    }
    const issueId = newId();
    await db
      .insertInto("newsletter_issues")
      .values({
        id: issueId,
        subject_vi: "Bản tin tháng Mười Hai",
        subject_en: "December newsletter",
        intro_vi: "Chào bạn",
        intro_en: "Hello",
        created_by: editor.id,
        created_at: new Date(),
        updated_at: new Date(),
      })
      .execute();
    const context = {
      mailer,
      linkKey: deriveKey(secret, "newsletter-links"),
      publicUrl: "http://localhost:3000",
    };
    const actor = { channel: "api" as const, userId: editor.id, address: "127.0.0.1" };
    await sendIssue(db, context, actor, issueId, new Date());
    await opened.close();

    const smtp = await startSmtpServer();
    const port = await freePort();
    let server = await start(port, smtp.port);
    await smtp.waitFor(20, 60_000);
    server.kill("SIGKILL");
    await stopped(server);
    const beforeRestart = smtp.received.length;
    expect(beforeRestart).toBeLessThan(subscribers);

    server = await start(port, smtp.port);
    const distinct = () => new Set(smtp.received.map((m) => m.to[0])).size;
    for (let i = 0; i < 1200 && distinct() < subscribers; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    server.kill("SIGTERM");
    await stopped(server);
    await smtp.close();

    const byRecipient = new Map<string, string[]>();
    for (const mail of smtp.received) {
      const list = byRecipient.get(mail.to[0]!) ?? [];
      list.push(mail.parsed.messageId!);
      byRecipient.set(mail.to[0]!, list);
    }
    expect([...byRecipient.keys()].sort()).toEqual([...addresses].sort());
    const repeated = [...byRecipient.values()].filter((ids) => ids.length > 1);
    expect(repeated.length).toBeLessThanOrEqual(window);
    for (const ids of repeated) expect(new Set(ids).size).toBe(1);
    expect(smtp.received.length).toBe(subscribers + repeated.length);

    opened = await openConfiguredDatabase(config);
    const statuses = await opened.database.db
      .selectFrom("mail_outbox")
      .select("status")
      .where("batch_id", "=", `issue:${issueId}`)
      .execute();
    await opened.close();
    expect(statuses.filter((s) => s.status === "sent")).toHaveLength(subscribers);
  });
});
