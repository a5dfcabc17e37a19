// Who an issue goes to: every confirmed subscriber, or, for an issue about a project, those who
// chose that project or chose none; never a pending or departed one; and never twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import type { SubscriberStatus } from "../db/schema.js";
import { deriveKey } from "../lib/crypto.js";
import { newId } from "../lib/ids.js";
import { sealAddress } from "../mail/address.js";
import { Mailer } from "../mail/service.js";
import { loadReferencePlaces } from "../places/service.js";
import { testSecret } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture } from "../test-support/published-project.js";
import { insertUser } from "../test-support/users.js";
import { createIssue, sendIssue } from "./issues.js";

let database: Database;
const mailer = new Mailer(testSecret, { from: "tin@example.org", postalAddress: "" });
const context = {
  mailer,
  linkKey: deriveKey(testSecret, "newsletter-links"),
  publicUrl: "http://localhost:3000",
};
let actor: { channel: "api"; userId: string; address: string };

beforeAll(async () => {
  database = await openTestDatabase();
  await loadReferencePlaces(database.db);
  await insertProjectFixture(database.db, { slug: "dien-bien" });
  const user = await insertUser(database.db, "editor");
  actor = { channel: "api", userId: user.id, address: "127.0.0.1" };
  const subscribers: [string, string[], SubscriberStatus][] = [
    ["tat-ca@example.org", [], "confirmed"],
    ["dien-bien@example.org", ["dien-bien"], "confirmed"],
    ["noi-khac@example.org", ["noi-khac"], "confirmed"],
    ["chua@example.org", [], "pending"],
    ["roi@example.org", [], "left"],
  ];
  for (const [address, topics, status] of subscribers) {
    const id = newId();
    await database.db
      .insertInto("newsletter_subscribers")
      .values({
        id,
        address_hash: mailer.hash(address),
        address: sealAddress(mailer.sealKey, address, id),
        locale: "vi",
        topics,
        status,
        created_at: new Date(),
        updated_at: new Date(),
      })
      .execute();
  }
});
afterAll(() => database.close());

const fields = (topic: string | null) => ({
  subject_vi: "Bản tin",
  subject_en: "Newsletter",
  intro_vi: "Chào bạn",
  intro_en: "Hello",
  news_ids: [],
  topic,
});

describe("sending an issue", () => {
  it("goes to every confirmed subscriber when it is about no project", async () => {
    const issue = await createIssue(database.db, actor, fields(null), new Date());
    const progress = await sendIssue(database.db, context, actor, issue.id, new Date());
    expect(progress.total).toBe(3);
  });

  it("goes to those who chose its project or chose none", async () => {
    const issue = await createIssue(database.db, actor, fields("dien-bien"), new Date());
    const progress = await sendIssue(database.db, context, actor, issue.id, new Date());
    expect(progress.total).toBe(2);
    await expect(
      sendIssue(database.db, context, actor, issue.id, new Date()),
    ).rejects.toMatchObject({ code: "invalid_parameter", details: { reason: "issue_not_draft" } });
    expect((await mailer.progress(database.db, `issue:${issue.id}`)).total).toBe(2);
  });

  it("refuses a project that does not exist", async () => {
    await expect(
      createIssue(database.db, actor, fields("khong-co"), new Date()),
    ).rejects.toMatchObject({ code: "invalid_parameter", details: { parameter: "topic" } });
  });
});
