// A receipt and a yearly statement as the HTML that the shared printer (src/pdf/printer.ts) turns
// into an A4 PDF: Vietnamese first, English under it, the organisation's identity at the top, the
// amount in figures and in Vietnamese words, and the statement that nothing was given in return.
// Self-contained: no script, no request; system fonts with Vietnamese letters.
import type { Locale } from "../lib/i18n.js";
import { type Translator, translator } from "../messages.js";
import { printPdf } from "../pdf/printer.js";
import type { Localised } from "../programmes/service.js";
import { escapeHtml } from "../search/snippet.js";
import { dongInWords } from "./amount-words.js";
import { money } from "./pages/donate.js";
import type { DonorYear, ReceiptView } from "./receipts.js";

/** Who issues the receipt: the organisation as the site names it, and its postal address. */
export interface ReceiptIssuer {
  name: Localised;
  shortName: string;
  postalAddress: string;
  website: string | null;
}

const margin = { top: "18mm", right: "18mm", bottom: "18mm", left: "18mm" } as const;

const vi = translator("vi");
const en = translator("en");

/** A date as each language writes it: 06/12/2026 and 6 December 2026. */
function dateIn(t: Translator, date: string): string {
  return t.date(date, {
    day: t.locale === "vi" ? "2-digit" : "numeric",
    month: t.locale === "vi" ? "2-digit" : "long",
    year: "numeric",
  });
}

const both = (say: (t: Translator) => string) =>
  `<span lang="vi">${escapeHtml(say(vi))}</span><span class="en" lang="en">${escapeHtml(say(en))}</span>`;

const purposeOf = (t: Translator, receipt: ReceiptView) =>
  receipt.project
    ? t.t("receipt.project_fund", { project: receipt.project.name[t.locale as Locale] })
    : t.t("receipt.unrestricted");

const style = `
@page { size: A4; margin: ${margin.top} ${margin.right} ${margin.bottom} ${margin.left}; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans", "DejaVu Sans", "Liberation Sans", sans-serif; font-size: 10.5pt;
  line-height: 1.45; color: #1c2b2a; }
body { margin: 0; }
header { border-bottom: 2px solid #0b6e4f; padding-bottom: 8pt; margin-bottom: 14pt; }
header .org { font-size: 13pt; font-weight: 700; }
header p { margin: 0; }
h1 { font-size: 17pt; margin: 0 0 2pt; }
h1 .en, .en { display: block; color: #4a5a58; font-weight: 400; font-size: 0.92em; }
h1 .en { font-size: 12pt; }
dl { display: grid; grid-template-columns: 42% 58%; margin: 14pt 0; border-top: 1px solid #ccd5d3; }
dt, dd { margin: 0; padding: 6pt 4pt; border-bottom: 1px solid #ccd5d3; }
dt { font-weight: 600; }
.amount { font-size: 14pt; font-weight: 700; }
table { width: 100%; border-collapse: collapse; margin: 12pt 0; }
th, td { text-align: left; padding: 4pt; border-bottom: 1px solid #ccd5d3; vertical-align: top; }
td.n, th.n { text-align: right; white-space: nowrap; }
tfoot td { font-weight: 700; border-top: 2px solid #1c2b2a; }
.note { margin-top: 16pt; padding: 8pt; border: 1px solid #0b6e4f; }
footer { margin-top: 18pt; color: #4a5a58; font-size: 9pt; }
`;

function page(title: string, issuer: ReceiptIssuer, body: string): string {
  const identity = [
    `<p class="org">${escapeHtml(issuer.name.vi)}</p>`,
    issuer.name.en && issuer.name.en !== issuer.name.vi
      ? `<p lang="en">${escapeHtml(issuer.name.en)}</p>`
      : "",
    issuer.postalAddress ? `<p>${escapeHtml(issuer.postalAddress)}</p>` : "",
    issuer.website ? `<p>${escapeHtml(issuer.website)}</p>` : "",
  ].join("");
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${style}</style></head><body><header>${identity}</header>${body}</body></html>`;
}

function row(label: (t: Translator) => string, value: string): string {
  return `<dt>${both(label)}</dt><dd>${value}</dd>`;
}

/** The receipt of one gift, in both languages. */
export function receiptHtml(receipt: ReceiptView, issuer: ReceiptIssuer, issuedOn: string): string {
  const number = `${receipt.number}/${receipt.year}`;
  const donor = receipt.donorName
    ? escapeHtml(receipt.donorName)
    : both((t) => t.t("receipt.anonymous"));
  const body = `<h1>${both((t) => t.t("receipt.title"))}</h1>
<dl>
${row((t) => t.t("receipt.number"), `<strong>${number}</strong>`)}
${row(
  (t) => t.t("receipt.date"),
  both((t) => dateIn(t, receipt.receivedOn)),
)}
${row((t) => t.t("receipt.donor"), donor)}
${row((t) => t.t("receipt.amount"), `<span class="amount">${escapeHtml(money(vi, receipt.amount))}</span>`)}
${row((t) => t.t("receipt.amount_words"), escapeHtml(dongInWords(receipt.amount)))}
${row(
  (t) => t.t("receipt.purpose"),
  both((t) => purposeOf(t, receipt)),
)}
${row(
  (t) => t.t("receipt.route"),
  both((t) => t.t(`receipt.route.${receipt.route}`)),
)}
</dl>
<p class="note">${both((t) => t.t("receipt.no_goods"))}</p>
<p>${both((t) => t.t("receipt.thanks"))}</p>
<footer>${both((t) => t.t("receipt.issued", { date: dateIn(t, issuedOn) }))}</footer>`;
  return page(`${vi.t("receipt.title")} ${number}`, issuer, body);
}

/** A donor's gifts of a year with their total, in both languages. */
export function statementHtml(
  statement: DonorYear,
  issuer: ReceiptIssuer,
  email: string | null,
  issuedOn: string,
): string {
  const values = { year: String(statement.year), count: statement.gifts.length };
  const head = (say: (t: Translator) => string, numeric = false) =>
    `<th${numeric ? ' class="n"' : ""}>${both(say)}</th>`;
  const rows = statement.gifts
    .map(
      (gift) =>
        `<tr><td>${gift.number}/${gift.year}</td><td>${escapeHtml(dateIn(vi, gift.receivedOn))}</td><td>${both((t) => purposeOf(t, gift))}</td><td>${both((t) => t.t(`receipt.route.${gift.route}`))}</td><td class="n">${escapeHtml(money(vi, gift.amount))}</td></tr>`,
    )
    .join("\n");
  const body = `<h1>${both((t) => t.t("statement.title", values))}</h1>
<dl>
${row((t) => t.t("receipt.donor"), statement.donorName ? escapeHtml(statement.donorName) : both((t) => t.t("receipt.anonymous")))}
${email ? row((t) => t.t("statement.email"), escapeHtml(email)) : ""}
</dl>
<table>
<thead><tr>${head((t) => t.t("receipt.number"))}${head((t) => t.t("receipt.date"))}${head((t) => t.t("receipt.purpose"))}${head((t) => t.t("receipt.route"))}${head((t) => t.t("receipt.amount"), true)}</tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><td colspan="4">${both((t) => `${t.t("statement.total")} (${t.t("statement.gifts", values)})`)}</td><td class="n">${escapeHtml(money(vi, statement.total))}</td></tr></tfoot>
</table>
<p><strong>${both((t) => t.t("receipt.amount_words"))}</strong> ${escapeHtml(dongInWords(statement.total))}</p>
<p class="note">${both((t) => t.t("statement.no_goods"))}</p>
<footer>${both((t) => t.t("receipt.issued", { date: dateIn(t, issuedOn) }))}</footer>`;
  return page(vi.t("statement.title", values), issuer, body);
}

/** Prints a receipt's or a statement's HTML to PDF. */
export function printDonationPdf(html: string): Promise<Buffer> {
  return printPdf(html, { margin });
}
