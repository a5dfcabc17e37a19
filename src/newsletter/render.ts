// The newsletter's e-mails as their recipients see them: a small HTML document with inline styles
// (mail programs drop stylesheets) and the same words as plain text. An issue is rendered once per
// language with placeholders for the recipient's own links, filled in per recipient.
import type { Locale } from "../lib/i18n.js";
import type { MailContent } from "../mail/message.js";
import { translator } from "../messages.js";
import { type OrganisationView, pick } from "../programmes/service.js";

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/** Paragraphs of free text (blank lines between them) as HTML. */
const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .map((p) => `<p>${escapeHtml(p).replaceAll("\n", "<br>")}</p>`)
    .join("\n");

const organisationName = (organisation: OrganisationView | undefined, locale: Locale) =>
  organisation ? pick(organisation.name, locale) : "Peerlink";

function documentOf(locale: Locale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#1c2b2a;background:#ffffff">
<div style="max-width:600px;margin:0 auto">
${body}
</div>
</body></html>`;
}

export function renderConfirmationMail(
  locale: Locale,
  organisation: OrganisationView | undefined,
  link: string,
): MailContent {
  const t = translator(locale);
  const name = organisationName(organisation, locale);
  const subject = t.t("newsletter.mail.confirm_subject", { organisation: name });
  const text = t.t("newsletter.mail.confirm_body", { organisation: name, link });
  const html = documentOf(
    locale,
    subject,
    `${paragraphs(
      t.t("newsletter.mail.confirm_body", { organisation: name, link: "{link}" }),
    ).replace(
      "{link}",
      `<a href="${escapeHtml(link)}" style="color:#0b6158">${escapeHtml(link)}</a>`,
    )}
<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 16px;background:#0b6158;color:#ffffff;border-radius:8px;text-decoration:none">${escapeHtml(t.t("newsletter.mail.confirm_button"))}</a></p>`,
  );
  return { subject, text, html, locale };
}

/** A news post as an issue shows it. */
export interface IssueNews {
  title: string;
  summary: string;
  url: string;
}

export interface IssueText {
  subject: string;
  intro: string;
  news: IssueNews[];
}

/** Placeholders for the recipient's links, replaced per recipient (fillLinks). */
export const UNSUBSCRIBE_PLACEHOLDER = "%%UNSUBSCRIBE%%";
export const PREFERENCES_PLACEHOLDER = "%%PREFERENCES%%";

export function renderIssueMail(
  locale: Locale,
  organisation: OrganisationView | undefined,
  issue: IssueText,
): MailContent {
  const t = translator(locale);
  const name = organisationName(organisation, locale);
  const textNews = issue.news
    .map(
      (n) =>
        `${n.title}\n${n.summary ? `${n.summary}\n` : ""}${t.t("newsletter.mail.read_more")}: ${n.url}`,
    )
    .join("\n\n");
  const links = `${t.t("newsletter.mail.why", { organisation: name })}\n${t.t("newsletter.mail.preferences")}: ${PREFERENCES_PLACEHOLDER}\n${t.t("newsletter.mail.unsubscribe")}: ${UNSUBSCRIBE_PLACEHOLDER}`;
  const text = [issue.subject, issue.intro.trim(), textNews, links]
    .filter((p) => p !== "")
    .join("\n\n");
  const htmlNews = issue.news
    .map(
      (
        n,
      ) => `<h2 style="font-size:1.15em;margin:1.5em 0 0.25em"><a href="${escapeHtml(n.url)}" style="color:#0b6158">${escapeHtml(n.title)}</a></h2>
${n.summary ? `<p style="margin:0 0 0.5em">${escapeHtml(n.summary)}</p>` : ""}<p style="margin:0"><a href="${escapeHtml(n.url)}" style="color:#0b6158">${escapeHtml(t.t("newsletter.mail.read_more"))}</a></p>`,
    )
    .join("\n");
  const html = documentOf(
    locale,
    issue.subject,
    `<h1 style="font-size:1.4em;color:#0b6158">${escapeHtml(issue.subject)}</h1>
${paragraphs(issue.intro)}
${htmlNews}
<p style="margin-top:2em;font-size:0.9em;color:#4a5a58">${escapeHtml(t.t("newsletter.mail.why", { organisation: name }))}<br>
<a href="${PREFERENCES_PLACEHOLDER}" style="color:#0b6158">${escapeHtml(t.t("newsletter.mail.preferences"))}</a> · <a href="${UNSUBSCRIBE_PLACEHOLDER}" style="color:#0b6158">${escapeHtml(t.t("newsletter.mail.unsubscribe"))}</a></p>`,
  );
  return { subject: issue.subject, text, html, locale };
}

/** The issue for one recipient: their links in the body and in the List-Unsubscribe headers. */
export function fillLinks(
  content: MailContent,
  links: { unsubscribeUrl: string; preferencesUrl: string },
): MailContent {
  const fill = (text: string, html: boolean) => {
    const esc = html ? escapeHtml : (s: string) => s;
    return text
      .replaceAll(UNSUBSCRIBE_PLACEHOLDER, esc(links.unsubscribeUrl))
      .replaceAll(PREFERENCES_PLACEHOLDER, esc(links.preferencesUrl));
  };
  return {
    ...content,
    text: fill(content.text, false),
    html: fill(content.html, true),
    list: links,
  };
}
