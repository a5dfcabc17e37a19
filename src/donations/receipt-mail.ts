// A gift's receipt by e-mail, through the mail queue (src/mail/): queued once the gift is committed,
// in the donor's language, with the receipt's number and the address of its page. The donor's
// address goes only to the queue, which keeps it encrypted and drops it once the message is sent.
import type { Db } from "../db/connection.js";
import type { MailContent } from "../mail/message.js";
import type { Mailer } from "../mail/service.js";
import { translator } from "../messages.js";
import { getOrganisation } from "../programmes/service.js";
import { escapeHtml } from "../search/snippet.js";
import { money } from "./pages/donate.js";
import type { ReceiptMail, ReceiptMailer, StatementLinkMail } from "./service.js";

/** The day a link stops working, with the month in words: no day/month confusion across languages. */
const longDate = { day: "numeric", month: "long", year: "numeric" } as const;

/** A paragraph in HTML, with the addresses it holds as links. */
function linked(paragraph: string, urls: readonly string[]): string {
  let html = escapeHtml(paragraph);
  for (const url of urls) {
    html = html.replace(escapeHtml(url), `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`);
  }
  return `<p>${html}</p>`;
}

const htmlDocument = (locale: string, body: string) =>
  `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"></head><body>${body}</body></html>`;

/** The receipt as a message: text and the same paragraphs in HTML. */
export function receiptContent(mail: ReceiptMail, organisation: string): MailContent {
  const t = translator(mail.locale);
  const values = {
    number: mail.receiptNumber,
    year: String(mail.receiptYear),
    amount: money(t, mail.amount),
    organisation,
    name: mail.name ?? "",
    url: mail.receiptUrl,
    pdf: mail.receiptPdfUrl,
    expires: t.date(mail.receiptPdfExpires, longDate),
  };
  const paragraphs = [
    mail.name
      ? t.t("receipt_mail.greeting", values)
      : t.t("receipt_mail.greeting_anonymous", values),
    t.t("receipt_mail.body", values),
    t.t("receipt_mail.link", values),
    t.t("receipt_mail.pdf_link", values),
  ];
  const html = paragraphs.map((p) => linked(p, [mail.receiptUrl, mail.receiptPdfUrl])).join("\n");
  return {
    subject: t.t("receipt_mail.subject", values),
    text: `${paragraphs.join("\n\n")}\n`,
    html: htmlDocument(mail.locale, html),
    locale: mail.locale,
  };
}

/** The link to a yearly statement as a message. */
export function statementLinkContent(mail: StatementLinkMail, organisation: string): MailContent {
  const t = translator(mail.locale);
  const values = {
    year: String(mail.year),
    organisation,
    url: mail.url,
    expires: t.date(mail.expires, longDate),
  };
  const paragraphs = [t.t("statement_mail.body", values), t.t("statement_mail.ignore", values)];
  return {
    subject: t.t("statement_mail.subject", values),
    text: `${paragraphs.join("\n\n")}\n`,
    html: htmlDocument(mail.locale, paragraphs.map((p) => linked(p, [mail.url])).join("\n")),
    locale: mail.locale,
  };
}

/** Receipts sent through the mail queue of `mailer`. */
export function receiptMailerOf(
  mailer: Mailer,
  db: Db,
  now: () => Date = () => new Date(),
): ReceiptMailer {
  return {
    async sendReceipt(mail) {
      const organisation = await getOrganisation(db);
      const content = receiptContent(mail, organisation?.shortName ?? "Peerlink");
      await mailer.send(db, { to: mail.email, content }, now());
    },
    async sendStatementLink(mail) {
      const organisation = await getOrganisation(db);
      const content = statementLinkContent(mail, organisation?.shortName ?? "Peerlink");
      await mailer.send(db, { to: mail.email, content }, now());
    },
  };
}
