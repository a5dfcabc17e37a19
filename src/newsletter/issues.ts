// Issues of the newsletter: editors compose one from free text and published news posts (read
// through the content module's service) in each language, preview it as a recipient sees it, send
// a test to themselves, then send it: one message per confirmed subscriber, in their language,
// with their own links, queued as the mail batch "issue:<id>" in the same transaction that marks
// the issue as sending (so asking twice, or a crash, queues nobody twice and leaves nobody out).
import { type Actor, recordEvent } from "../audit/service.js";
import { getItemWithHtml, publicPathOf } from "../content/service.js";
import type { Db } from "../db/connection.js";
import type { IssueState } from "../db/schema.js";
import { AppError } from "../lib/errors.js";
import { type Locale, locales } from "../lib/i18n.js";
import { newId } from "../lib/ids.js";
import { type RateLimit, takeAttempt } from "../lib/rate-limit.js";
import { openAddress } from "../mail/address.js";
import type { BatchProgress, MailItem } from "../mail/service.js";
import { translator } from "../messages.js";
import { getOrganisation, projectExists } from "../programmes/service.js";
import { absoluteUrl, newsletterPath } from "../site/paths.js";
import {
  findIssue,
  type IssueFields,
  insertIssue,
  listConfirmed,
  listIssueRows,
  updateIssue,
} from "./queries.js";
import { fillLinks, type IssueNews, renderIssueMail } from "./render.js";
import type { NewsletterContext } from "./subscribers.js";
import { subscriberToken } from "./tokens.js";

export interface IssueView extends IssueFields {
  id: string;
  state: IssueState;
  recipients: number | null;
  updated_at: string;
  sent_at: string | null;
}

const batchOf = (id: string) => `issue:${id}`;

function present(row: NonNullable<Awaited<ReturnType<typeof findIssue>>>): IssueView {
  return {
    id: row.id,
    state: row.state,
    subject_vi: row.subject_vi,
    subject_en: row.subject_en,
    intro_vi: row.intro_vi,
    intro_en: row.intro_en,
    news_ids: row.news_ids,
    topic: row.topic,
    recipients: row.recipients,
    updated_at: new Date(row.updated_at).toISOString(),
    sent_at: row.sent_at ? new Date(row.sent_at).toISOString() : null,
  };
}

async function checkTopic(db: Db, topic: string | null) {
  if (topic !== null && !(await projectExists(db, topic))) {
    throw new AppError("invalid_parameter", { parameter: "topic", reason: "unknown_project" });
  }
}

async function checkNews(db: Db, ids: readonly string[], now: Date) {
  for (const [index, id] of ids.entries()) {
    const found = await getItemWithHtml(db, id, now).catch(() => undefined);
    if (found?.item.kind !== "news" || found.item.state !== "published") {
      throw new AppError("invalid_parameter", {
        parameter: `news_ids.${index}`,
        reason: "not_a_news_post",
      });
    }
  }
}

export async function listIssues(db: Db) {
  const rows = await listIssueRows(db);
  return rows.map((row) => ({
    id: row.id,
    state: row.state,
    subject: { vi: row.subject_vi, en: row.subject_en },
    recipients: row.recipients,
    updated_at: new Date(row.updated_at).toISOString(),
    sent_at: row.sent_at ? new Date(row.sent_at).toISOString() : null,
  }));
}

export async function createIssue(db: Db, actor: Actor, fields: IssueFields, now: Date) {
  await checkNews(db, fields.news_ids, now);
  await checkTopic(db, fields.topic);
  const id = newId();
  await insertIssue(db, id, fields, actor.userId!, now);
  return getIssue(db, id);
}

export async function getIssue(db: Db, id: string): Promise<IssueView> {
  const row = await findIssue(db, id);
  if (!row) throw new AppError("not_found", { detail: `no newsletter issue ${id}` });
  return present(row);
}

export async function saveIssue(db: Db, id: string, fields: IssueFields, now: Date) {
  await checkNews(db, fields.news_ids, now);
  await checkTopic(db, fields.topic);
  await db.transaction().execute(async (trx) => {
    const row = await findIssue(trx, id, true);
    if (!row) throw new AppError("not_found", { detail: `no newsletter issue ${id}` });
    if (row.state !== "draft") {
      throw new AppError("invalid_parameter", { parameter: "id", reason: "issue_not_draft" });
    }
    await updateIssue(trx, id, fields, now);
  });
  return getIssue(db, id);
}

/** The issue in one language, before any recipient's links are filled in. */
async function renderIssue(
  db: Db,
  context: NewsletterContext,
  issue: IssueView,
  locale: Locale,
  now: Date,
) {
  const news: IssueNews[] = [];
  for (const id of issue.news_ids) {
    const found = await getItemWithHtml(db, id, now).catch(() => undefined);
    if (found?.item.state !== "published") continue;
    const { fields } = found.item;
    const path = publicPathOf(found.item, locale);
    news.push({
      title: fields.title[locale] || fields.title.vi,
      summary: fields.summary[locale] || fields.summary.vi,
      url: path ? absoluteUrl(context.publicUrl, path) : context.publicUrl,
    });
  }
  const subject = locale === "vi" ? issue.subject_vi : issue.subject_en;
  const intro = locale === "vi" ? issue.intro_vi : issue.intro_en;
  return renderIssueMail(locale, await getOrganisation(db), { subject, intro, news });
}

function linksOf(context: NewsletterContext, subscriberId: string, locale: Locale) {
  const token = subscriberToken(context.linkKey, subscriberId);
  return {
    unsubscribeUrl: absoluteUrl(context.publicUrl, newsletterPath(locale, "unsubscribe", token)),
    preferencesUrl: absoluteUrl(context.publicUrl, newsletterPath(locale, "preferences", token)),
  };
}

/** The issue as a recipient sees it (their links are an example's). */
export async function previewIssue(
  db: Db,
  context: NewsletterContext,
  id: string,
  locale: Locale,
  now: Date,
) {
  const issue = await getIssue(db, id);
  const content = await renderIssue(db, context, issue, locale, now);
  return fillLinks(content, linksOf(context, "00000000-0000-7000-8000-000000000000", locale));
}

/** Test sends an editor may make in an hour: enough to check and fix, not a way to spam. */
export const TEST_SENDS_PER_HOUR = 10;
const testSends: RateLimit = {
  limit: TEST_SENDS_PER_HOUR,
  windowMs: 60 * 60_000,
  reason: "too_many_test_sends",
};

/**
 * A test to the editor's own address: marked as a test, with example links; counted against the
 * editor's hourly allowance and written to the audit log (without the address).
 */
export async function sendTestIssue(
  db: Db,
  context: NewsletterContext,
  actor: Actor,
  id: string,
  address: string,
  locale: Locale,
  now: Date,
) {
  const content = await previewIssue(db, context, id, locale, now);
  await takeAttempt(db, `newsletter_test:${actor.userId}`, testSends, now);
  const subject = translator(locale).t("newsletter.mail.test_prefix", { subject: content.subject });
  const messageId = await db.transaction().execute(async (trx) => {
    const queued = await context.mailer.send(
      trx,
      { to: address, content: { ...content, subject } },
      now,
    );
    await recordEvent(
      trx,
      actor,
      {
        action: "newsletter.test_sent",
        target: { type: "newsletter_issue", id },
        details: { locale },
      },
      now,
    );
    return queued;
  });
  context.mailer.wake();
  return { message_id: messageId };
}

/** Subscribers read and rendered per page of this many. */
const SEND_PAGE = 1_000;

/**
 * Sends an issue to every confirmed subscriber; an issue about a project, to those who chose it or
 * chose no project.
 */
export async function sendIssue(
  db: Db,
  context: NewsletterContext,
  actor: Actor,
  id: string,
  now: Date,
) {
  await db.transaction().execute(async (trx) => {
    const row = await findIssue(trx, id, true);
    if (!row) throw new AppError("not_found", { detail: `no newsletter issue ${id}` });
    if (row.state !== "draft") {
      throw new AppError("invalid_parameter", { parameter: "id", reason: "issue_not_draft" });
    }
    const issue = present(row);
    if (!issue.subject_vi.trim() || !issue.subject_en.trim()) {
      throw new AppError("invalid_parameter", { parameter: "subject", reason: "issue_incomplete" });
    }
    const rendered = Object.fromEntries(
      await Promise.all(
        locales.map(async (locale) => [
          locale,
          await renderIssue(trx, context, issue, locale, now),
        ]),
      ),
    );
    let after: string | null = null;
    let recipients = 0;
    for (;;) {
      const page = await listConfirmed(trx, after, SEND_PAGE, issue.topic);
      if (page.length === 0) break;
      after = page.at(-1)!.id;
      const items: MailItem[] = page.map((subscriber) => ({
        to: openAddress(context.mailer.sealKey, subscriber.address, subscriber.id),
        content: fillLinks(
          rendered[subscriber.locale]!,
          linksOf(context, subscriber.id, subscriber.locale),
        ),
      }));
      await context.mailer.enqueueBatch(trx, batchOf(id), items, now);
      recipients += items.length;
    }
    await updateIssue(
      trx,
      id,
      { state: "sending", recipients, sent_by: actor.userId!, sent_at: now },
      now,
    );
  });
  context.mailer.wake();
  return issueProgress(db, context, id, now);
}

export interface IssueProgress extends BatchProgress {
  state: IssueState;
  /** Sent or failed for good: nothing more will happen to them. */
  left: number;
}

/** Sent / left / failed of an issue; an issue whose every message is done becomes `sent`. */
export async function issueProgress(
  db: Db,
  context: NewsletterContext,
  id: string,
  now: Date,
): Promise<IssueProgress> {
  const issue = await getIssue(db, id);
  const progress = await context.mailer.progress(db, batchOf(id));
  const left = progress.queued + progress.sending;
  let state = issue.state;
  if (state === "sending" && left === 0) {
    await updateIssue(db, id, { state: "sent" }, now);
    state = "sent";
  }
  return { ...progress, left, state };
}
