// A gift's receipt by e-mail, through the mail queue (src/mail/): queued once the gift is committed,
// in the donor's language, with the receipt's number and the address of its page. The donor's
// address goes only to the queue, which keeps it encrypted and drops it once the message is sent.
import type { Db } from "../db/connection.js";
import { translator } from "../lib/i18n.js";
import type { MailContent } from "../mail/message.js";
import type { Mailer } from "../mail/service.js";
import { getOrganisation } from "../programmes/service.js";
import { escapeHtml } from "../search/snippet.js";
import { money } from "./pages/donate.js";
import type { ReceiptMail, ReceiptMailer } from "./service.js";

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
  };
  const paragraphs = [
    mail.name
      ? t.t("receipt_mail.greeting", values)
      : t.t("receipt_mail.greeting_anonymous", values),
    t.t("receipt_mail.body", values),
    t.t("receipt_mail.link", values),
  ];
  const html = paragraphs
    .map((p, i) =>
      i === 2
        ? `<p>${escapeHtml(p).replace(escapeHtml(mail.receiptUrl), `<a href="${escapeHtml(mail.receiptUrl)}">${escapeHtml(mail.receiptUrl)}</a>`)}</p>`
        : `<p>${escapeHtml(p)}</p>`,
    )
    .join("\n");
  return {
    subject: t.t("receipt_mail.subject", values),
    text: `${paragraphs.join("\n\n")}\n`,
    html: `<!doctype html><html lang="${mail.locale}"><head><meta charset="utf-8"></head><body>${html}</body></html>`,
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
  };
}
