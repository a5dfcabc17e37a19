// A row in every table of the mail queue and the newsletter, for tests that need every table
// filled (the backup's restore test): an encrypted address (bytea), topics (text[]), jsonb.
import type { Db } from "../db/connection.js";
import { newId } from "../lib/ids.js";
import { sealAddress } from "../mail/address.js";
import { Mailer } from "../mail/service.js";
import { testSecret } from "./app.js";

export async function fillNewsletterTables(db: Db, userId: string): Promise<void> {
  const mailer = new Mailer(testSecret, {
    from: "Tổ chức <tin@example.org>",
    postalAddress: "Hà Nội",
  });
  const now = new Date("2031-01-01T00:00:00.123456Z");
  const address = "nguoi.doc@example.org";
  await mailer.send(
    db,
    { to: address, content: { subject: "Chào bạn", text: "Nội dung", html: "<p>Nội dung</p>" } },
    now,
  );
  await db
    .insertInto("mail_suppressions")
    .values({
      address_hash: mailer.hash("hong@example.org"),
      failures: 3,
      last_error: "SMTP 550",
      suppressed_at: now,
      updated_at: now,
    })
    .execute();
  const id = newId();
  await db
    .insertInto("newsletter_subscribers")
    .values({
      id,
      address_hash: mailer.hash(address),
      address: sealAddress(mailer.sealKey, address, id),
      locale: "vi",
      topics: ["dien-bien"],
      status: "confirmed",
      created_at: now,
      updated_at: now,
      confirmed_at: now,
    })
    .execute();
  await db
    .insertInto("newsletter_consents")
    .values({
      subscriber_id: id,
      event: "requested",
      locale: "vi",
      page: "/vi/",
      shown_text: "Chúng tôi sẽ gửi…",
      topics: ["dien-bien"],
      at: now,
    })
    .execute();
  await db
    .insertInto("rate_limits")
    .values({ key: "network:192.0.2.0/24", window_start: now, count: 2 })
    .execute();
  await db
    .insertInto("newsletter_issues")
    .values({
      id: newId(),
      subject_vi: "Bản tin",
      subject_en: "Newsletter",
      intro_vi: "Chào",
      intro_en: "Hello",
      topic: "dien-bien",
      created_by: userId,
      created_at: now,
      updated_at: now,
    })
    .execute();
  // The mail sender's lease (src/mail/worker.ts), as a running server holds it.
  await db
    .insertInto("mail_sender_lease")
    .values({
      id: 1,
      holder: newId(),
      expires_at: new Date(now.getTime() + 30_000),
      acquired_at: now,
    })
    .execute();
}
