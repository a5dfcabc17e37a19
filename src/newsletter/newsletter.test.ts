// The newsletter from a visitor's sign-up to their one-click unsubscribe, against a real SMTP
// server in this process, parsing what arrives: sign-up → confirmation mail → confirm → an issue
// arrives (multipart, UTF-8 Vietnamese, Message-ID, List-Unsubscribe headers, postal footer) →
// the RFC 8058 POST → no more mail. Also the honeypot, the rate limits, cross-site forms, the
// logs (no address in them), a person's data exported and erased.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { loadDemoItem } from "../content/service.js";
import type { Database } from "../db/connection.js";
import { Mailer } from "../mail/service.js";
import { smtpTransport } from "../mail/transport.js";
import { createMailWorker, type MailWorker } from "../mail/worker.js";
import { loadReferencePlaces } from "../places/service.js";
import { testSecret } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture } from "../test-support/published-project.js";
import { createAccount, type SignedIn, signIn } from "../test-support/sessions.js";
import { startSmtpServer, type TestSmtpServer } from "../test-support/smtp.js";
import { TEST_SENDS_PER_HOUR } from "./issues.js";

const publicUrl = "http://localhost:3000";
const address = "Lan.Nguyen@example.org";
const postalAddress = "Số 1 Phố Huế, Hai Bà Trưng, Hà Nội";
const form = { "content-type": "application/x-www-form-urlencoded" };
const silentLog = { info() {}, warn() {}, error() {} };

let database: Database;
let app: FastifyInstance;
let smtp: TestSmtpServer;
let worker: MailWorker;
let editor: SignedIn;
let admin: SignedIn;
let newsId: string;
const logs: string[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  await loadReferencePlaces(database.db);
  await insertProjectFixture(database.db, { slug: "dien-bien" });
  newsId = await loadDemoItem(
    database.db,
    {
      kind: "news",
      fields: {
        title: { vi: "Ngày hội xét nghiệm HIV ở Điện Biên", en: "HIV testing day in Điện Biên" },
        slug: { vi: "ngay-hoi-xet-nghiem", en: "testing-day" },
        summary: { vi: "Hơn 200 người đã đến.", en: "More than 200 people came." },
        body: { vi: "Nội dung.", en: "Body." },
      },
    },
    new Date("2026-11-01T03:00:00Z"),
  );
  smtp = await startSmtpServer();
  let wake = () => {};
  const mailer = new Mailer(
    testSecret,
    { from: "SCDI <ban-tin@scdi.example.org>", postalAddress },
    () => wake(),
  );
  app = await buildApp({
    database,
    config: { publicUrl, logLevel: "info" },
    secret: testSecret,
    mailer,
    logStream: { write: (line) => logs.push(line) },
  });
  worker = createMailWorker({
    database,
    mailer,
    transport: smtpTransport(
      { host: "127.0.0.1", port: smtp.port, secure: "false", user: undefined, password: undefined },
      5,
    ),
    ratePerSecond: 200,
    window: 5,
    log: silentLog,
  });
  wake = () => worker.wake();
  await worker.start();
  const accounts = await Promise.all(
    (["editor", "administrator"] as const).map((role) => createAccount(database.db, { role })),
  );
  [editor, admin] = (await Promise.all(
    accounts.map((a) => signIn(app, a.username, a.password)),
  )) as [SignedIn, SignedIn];
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await app?.close();
  await smtp?.close();
  await database?.close();
});

const linkIn = (text: string, pattern: RegExp) => {
  const found = text.match(pattern)?.[0];
  if (!found) throw new Error(`no link ${pattern} in ${text}`);
  return found.replace(publicUrl, "");
};

async function postIssue(fields: object) {
  const response = await app.inject({
    method: "POST",
    url: "/api/newsletter/issues",
    headers: editor.unsafeHeaders,
    payload: fields,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().issue.id as string;
}

async function waitUntilSent(id: string) {
  for (let i = 0; i < 500; i++) {
    const progress = await app.inject({
      method: "GET",
      url: `/api/newsletter/issues/${id}/progress`,
      headers: editor.headers,
    });
    const body = progress.json();
    if (body.left === 0) return body;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("the issue was not sent");
}

describe("the newsletter, from sign-up to unsubscribe, over SMTP", () => {
  let unsubscribeUrl = "";

  it("shows the sign-up form in every public page's footer, without any JavaScript", async () => {
    for (const url of ["/vi/", "/en/"]) {
      const page = await app.inject({ method: "GET", url });
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(
        /<form class="newsletter-form" method="post" action="\/(vi\/ban-tin|en\/newsletter)"/,
      );
      expect(page.body).toContain('name="website"');
    }
    const vi = await app.inject({ method: "GET", url: "/vi/" });
    expect(vi.body).toContain("ĐĂNG KÝ");
  });

  it("sends a confirmation, and nothing else, after a sign-up", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/vi/ban-tin",
      headers: { ...form, referer: `${publicUrl}/vi/tin-tuc` },
      payload: `address=${encodeURIComponent(address)}&locale=vi&topics=dien-bien&website=`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("Hãy kiểm tra hộp thư của bạn");
    const [confirmation] = await smtp.waitFor(1);
    expect(confirmation!.to).toEqual([address.toLowerCase()]);
    expect(confirmation!.parsed.subject).toContain("Xác nhận đăng ký bản tin");
    expect(confirmation!.parsed.messageId).toMatch(/^<[0-9a-f-]{36}@scdi\.example\.org>$/);
    expect(confirmation!.parsed.html).toBeTruthy();
    expect(confirmation!.parsed.text).toContain(postalAddress);

    const consent = await database.db
      .selectFrom("newsletter_consents")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(consent).toMatchObject({ event: "requested", locale: "vi", page: "/vi/tin-tuc" });
    expect(consent.shown_text).toContain("Chúng tôi sẽ gửi cho bạn");

    // Nothing is sent to a subscriber who has not confirmed.
    const id = await postIssue({
      subject_vi: "Số đầu",
      subject_en: "First",
      intro_vi: "a",
      intro_en: "b",
    });
    const sent = await app.inject({
      method: "POST",
      url: `/api/newsletter/issues/${id}/send`,
      headers: editor.unsafeHeaders,
    });
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json().total).toBe(0);

    const confirmLink = linkIn(
      confirmation!.parsed.text!,
      /http:\/\/localhost:3000\/vi\/ban-tin\/xac-nhan\?t=\S+/,
    );
    const confirmed = await app.inject({ method: "GET", url: confirmLink });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain("Bạn đã đăng ký nhận bản tin");
    expect(confirmed.headers["cache-control"]).toBe("no-store");
  });

  it("lets an editor preview, test and send an issue that arrives well-formed", async () => {
    const id = await postIssue({
      subject_vi: "Bản tin tháng Mười Một: tiếp cận cộng đồng",
      subject_en: "November newsletter: reaching communities",
      intro_vi: "Chào bạn,\n\nTháng này chúng tôi đã làm được nhiều việc.",
      intro_en: "Hello,\n\nWe did a lot this month.",
      news_ids: [newsId],
    });
    for (const format of ["html", "text"]) {
      const preview = await app.inject({
        method: "GET",
        url: `/api/newsletter/issues/${id}/preview?locale=vi&format=${format}`,
        headers: editor.headers,
      });
      expect(preview.statusCode).toBe(200);
      expect(preview.body).toContain("Ngày hội xét nghiệm HIV ở Điện Biên");
      // Framed by the staff app only, sandboxed even when opened on its own, its styles inline.
      expect(preview.headers["content-security-policy"]).toBe(
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https:; sandbox; frame-ancestors 'self'",
      );
      expect(preview.headers["x-frame-options"]).toBe("SAMEORIGIN");
    }
    const test = await app.inject({
      method: "POST",
      url: `/api/newsletter/issues/${id}/test`,
      headers: editor.unsafeHeaders,
      payload: { address: "bien.tap@scdi.example.org", locale: "en" },
    });
    expect(test.statusCode, test.body).toBe(202);
    const before = smtp.received.length;
    const [testMail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(testMail!.parsed.subject).toBe("[Test] November newsletter: reaching communities");
    // The footer names the organisation in the message's language.
    const organisation = await database.db
      .selectFrom("organisations")
      .select(["short_name", "name_en"])
      .where("kind", "=", "implementer")
      .executeTakeFirstOrThrow();
    expect(testMail!.parsed.text).toContain(`${organisation.short_name} · ${organisation.name_en}`);

    const send = await app.inject({
      method: "POST",
      url: `/api/newsletter/issues/${id}/send`,
      headers: editor.unsafeHeaders,
    });
    expect(send.statusCode, send.body).toBe(202);
    expect(send.json().total).toBe(1);
    const [mail] = (await smtp.waitFor(before + 2)).slice(before + 1);
    const progress = await waitUntilSent(id);
    expect(progress).toMatchObject({ sent: 1, failed: 0, left: 0, state: "sent" });

    const { parsed, raw } = mail!;
    expect(parsed.subject).toBe("Bản tin tháng Mười Một: tiếp cận cộng đồng");
    expect(raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(parsed.text).toContain("Tháng này chúng tôi đã làm được nhiều việc.");
    expect(parsed.html).toContain("Ngày hội xét nghiệm HIV ở Điện Biên");
    expect(parsed.html).toContain("http://localhost:3000/vi/tin-tuc/ngay-hoi-xet-nghiem");
    expect(parsed.text).toContain(postalAddress);
    expect(parsed.messageId).toMatch(/@scdi\.example\.org>$/);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    const listHeader = String(raw.match(/^List-Unsubscribe:\s+<([^>]+)>/im)?.[1]);
    expect(listHeader).toMatch(/^http:\/\/localhost:3000\/vi\/ban-tin\/huy-dang-ky\?t=/);
    expect(parsed.text).toContain(listHeader);
    expect(parsed.text).toMatch(/\/vi\/ban-tin\/tuy-chon\?t=/);
    unsubscribeUrl = listHeader.replace(publicUrl, "");

    // The queue keeps no address nor body of a sent message.
    const rows = await database.db.selectFrom("mail_outbox").selectAll().execute();
    expect(
      rows.every((row) => row.status === "sent" && row.recipient === null && row.content === null),
    ).toBe(true);
  });

  it("opens the preferences page from a message, with no password, and saves a change", async () => {
    const mail = smtp.received.at(-1)!;
    const link = linkIn(mail.parsed.text!, /http:\/\/localhost:3000\/vi\/ban-tin\/tuy-chon\?t=\S+/);
    const page = await app.inject({ method: "GET", url: link });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Tùy chọn bản tin");
    expect(page.body).toMatch(/value="dien-bien"[^>]*checked/);
    const saved = await app.inject({
      method: "POST",
      url: link,
      headers: form,
      payload: "do=save&locale=en",
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain("Your preferences are saved.");
    const row = await database.db
      .selectFrom("newsletter_subscribers")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ locale: "en", topics: [], status: "confirmed" });
    await database.db.updateTable("newsletter_subscribers").set({ locale: "vi" }).execute();
  });

  it("unsubscribes in one click (RFC 8058), without any cookie, twice alike; then sends no more", async () => {
    for (let i = 0; i < 2; i++) {
      const response = await app.inject({
        method: "POST",
        url: unsubscribeUrl,
        headers: form,
        payload: "List-Unsubscribe=One-Click",
      });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain("Bạn đã hủy đăng ký");
    }
    const before = smtp.received.length;
    const id = await postIssue({
      subject_vi: "Số sau",
      subject_en: "Later",
      intro_vi: "x",
      intro_en: "y",
    });
    const send = await app.inject({
      method: "POST",
      url: `/api/newsletter/issues/${id}/send`,
      headers: editor.unsafeHeaders,
    });
    expect(send.json().total).toBe(0);
    await worker.drain();
    expect(smtp.received.length).toBe(before);
    const events = await database.db
      .selectFrom("newsletter_consents")
      .select("event")
      .orderBy("id")
      .execute();
    expect(events.map((e) => e.event)).toEqual(["requested", "confirmed", "changed", "left"]);
  });

  it("shows a page with a button, not an unsubscribe, for a GET of the link", async () => {
    const page = await app.inject({ method: "GET", url: unsubscribeUrl });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Bạn đã hủy đăng ký");
    const wrong = await app.inject({ method: "GET", url: "/vi/ban-tin/huy-dang-ky?t=nope" });
    expect(wrong.body).toContain("Liên kết không còn hiệu lực");
  });
});

describe("abuse of the sign-up form", () => {
  it("answers a filled honeypot like any sign-up and sends nothing", async () => {
    const before = smtp.received.length;
    const response = await app.inject({
      method: "POST",
      url: "/en/newsletter",
      headers: form,
      payload: "address=robot%40example.org&website=http%3A%2F%2Fspam.example",
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("Check your mailbox");
    await worker.drain();
    expect(smtp.received.length).toBe(before);
  });

  it("refuses a form posted from another site", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/en/newsletter",
      headers: { ...form, "sec-fetch-site": "cross-site" },
      payload: "address=victim%40example.org",
    });
    expect(response.statusCode).toBe(403);
  });

  it("limits sign-ups per address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await app.inject({
        method: "POST",
        url: "/en/newsletter",
        headers: form,
        payload: "address=many%40example.org",
        remoteAddress: `10.9.${i}.1`,
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it("limits sign-ups per network", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const response = await app.inject({
        method: "POST",
        url: "/en/newsletter",
        headers: form,
        payload: `address=n${i}%40example.org`,
        remoteAddress: `192.0.2.${i + 1}`,
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it("refuses what is not an address, in the visitor's language", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/vi/ban-tin",
      headers: form,
      payload: "address=not-an-address",
    });
    expect(response.statusCode).toBe(400);
  });

  it("never writes an address into the logs", () => {
    const text = logs.join("\n").toLowerCase();
    for (const written of [
      address.toLowerCase(),
      "many@example.org",
      "robot@example.org",
      "n1@example.org",
    ]) {
      expect(text).not.toContain(written);
    }
  });
});

describe("a subscriber's data", () => {
  it("is exported for an administrator (audited), never for an editor", async () => {
    const denied = await app.inject({
      method: "POST",
      url: "/api/newsletter/subscribers/export",
      headers: editor.unsafeHeaders,
      payload: { address },
    });
    expect(denied.statusCode).toBe(403);
    const response = await app.inject({
      method: "POST",
      url: "/api/newsletter/subscribers/export",
      headers: admin.unsafeHeaders,
      payload: { address },
    });
    expect(response.statusCode).toBe(200);
    const data = response.json();
    expect(data.address).toBe(address.toLowerCase());
    expect(data.consents.map((c: { event: string }) => c.event)).toContain("requested");
    expect(data.messages.length).toBeGreaterThanOrEqual(2);
    const audit = await database.db
      .selectFrom("audit_log")
      .select(["action", "target_type"])
      .where("action", "=", "newsletter.subscriber_exported")
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("is erased leaving no address, nor its hash, behind", async () => {
    const mailer = new Mailer(testSecret, { from: "x@example.org", postalAddress: "" });
    const hash = mailer.hash(address);
    const response = await app.inject({
      method: "POST",
      url: "/api/newsletter/subscribers/erase",
      headers: admin.unsafeHeaders,
      payload: { address },
    });
    expect(response.statusCode, response.body).toBe(200);
    for (const table of ["newsletter_subscribers", "mail_outbox", "mail_suppressions"] as const) {
      const rows = await database.db.selectFrom(table).selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(hash);
    }
    const consents = await database.db.selectFrom("newsletter_consents").selectAll().execute();
    const subscribers = await database.db
      .selectFrom("newsletter_subscribers")
      .select("id")
      .execute();
    const ids = new Set(subscribers.map((s) => s.id));
    expect(consents.every((c) => ids.has(c.subscriber_id))).toBe(true);
  });
});

describe("test sends", () => {
  it("are limited per editor, with a clear 429 in their language, and each is in the audit log", async () => {
    const id = await postIssue({ subject_vi: "Thử giới hạn", subject_en: "Limit test" });
    const testOnce = (language: string) =>
      app.inject({
        method: "POST",
        url: `/api/newsletter/issues/${id}/test`,
        headers: { ...admin.unsafeHeaders, "accept-language": language },
        payload: { address: "quan.tri@scdi.example.org" },
      });
    for (let i = 0; i < TEST_SENDS_PER_HOUR; i++) {
      expect((await testOnce("vi")).statusCode).toBe(202);
    }
    const refused = await testOnce("vi");
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(refused.json().error).toMatchObject({ code: "too_many_requests" });
    expect(refused.json().error.message).toBe(
      "Quá nhiều lần: bạn đã gửi 10 thư thử trong giờ qua. Vui lòng thử lại sau 60 phút.",
    );
    expect((await testOnce("en")).json().error.message).toBe(
      "Too many times: you have sent 10 test messages in the past hour. Please try again in 60 minutes.",
    );
    // Another editor's allowance is their own.
    const other = await app.inject({
      method: "POST",
      url: `/api/newsletter/issues/${id}/test`,
      headers: editor.unsafeHeaders,
      payload: { address: "bien.tap@scdi.example.org" },
    });
    expect(other.statusCode).toBe(202);
    const audit = await database.db
      .selectFrom("audit_log")
      .select(["actor_id", "details"])
      .where("action", "=", "newsletter.test_sent")
      .where("target_id", "=", id)
      .execute();
    expect(audit).toHaveLength(TEST_SENDS_PER_HOUR + 1);
    expect(JSON.stringify(audit)).not.toContain("scdi.example.org");
  });
});
