// A message as it leaves Peerlink: multipart text and HTML, UTF-8 subject and bodies, a Message-ID
// on our own domain (fixed when the message is queued), the organisation's postal identity in the
// footer, and, for a list's messages, the List-Unsubscribe headers of RFC 2369 and RFC 8058.
import type { SendMailOptions } from "nodemailer";

/** What a feature gives the mail service: the message without its envelope. */
export interface MailContent {
  subject: string;
  text: string;
  /** A complete HTML document or a fragment; the footer is added before </body> or at the end. */
  html: string;
  /** The language of the message: the footer names the organisation in it (Vietnamese if unset). */
  locale?: "vi" | "en";
  /**
   * A list's message: where one POST unsubscribes (RFC 8058) and where preferences are changed.
   * Both carry a token of the recipient, so every message has its own.
   */
  list?: { unsubscribeUrl: string; preferencesUrl: string };
}

/** Who sends: the From header and the footer of every message. */
export interface MailIdentity {
  from: string;
  organisation: string;
  postalAddress: string;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/** The domain of the From address: Message-IDs are made on it. */
export function senderDomain(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.split("@").pop()!.trim().toLowerCase();
}

/** A Message-ID for a queued message's id: `<id@domain>`. */
export function messageIdOf(id: string, from: string): string {
  return `<${id}@${senderDomain(from)}>`;
}

/** The content with the footer added to both parts (it is stored like that in the queue). */
export function withFooter(content: MailContent, identity: MailIdentity): MailContent {
  const lines = [identity.organisation, identity.postalAddress].filter((line) => line !== "");
  if (lines.length === 0) return content;
  const text = `${content.text.trimEnd()}\n\n-- \n${lines.join("\n")}\n`;
  const footer = `<footer style="margin-top:2em;border-top:1px solid #ccc;padding-top:1em;font-size:0.9em;color:#444"><p>${lines.map(escapeHtml).join("<br>")}</p></footer>`;
  const html = content.html.includes("</body>")
    ? content.html.replace("</body>", `${footer}</body>`)
    : `${content.html}${footer}`;
  return { ...content, text, html };
}

/** The message for nodemailer: the same for SMTP and for the .eml files of the outbox. */
export function toSendOptions(
  content: MailContent,
  to: string,
  messageId: string,
  from: string,
  date: Date,
): SendMailOptions {
  const headers: Record<string, string> = {};
  if (content.list) {
    headers["List-Unsubscribe"] = `<${content.list.unsubscribeUrl}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  return {
    from,
    to,
    subject: content.subject,
    text: content.text,
    html: content.html,
    messageId,
    date,
    headers,
    textEncoding: "quoted-printable",
    ...(content.list ? { list: { help: content.list.preferencesUrl } } : {}),
  };
}
