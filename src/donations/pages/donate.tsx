// The donate page (a form that works without script, on a 360 px phone) and a pledge's status
// page: the VietQR code and the account details until the gift arrives (the page reloads itself,
// with no script), then the thank-you and the receipt's number.
import type { Locale } from "../../lib/i18n.js";
import { type Translator, translator } from "../../messages.js";
import type { OrganisationView } from "../../programmes/service.js";
import { renderDocument } from "../../site/pages/layout.js";
import { donateRoute, pagePath } from "../../site/paths.js";
import type { PaypalProblem } from "../paypal.js";
import { paypalProblemKey } from "../paypal-messages.js";
import type { PledgeView } from "../service.js";
import { vnpayFailureKey } from "../vnpay-messages.js";
import { pledgeStatusScript } from "./pledge-status-script.js";

export const money = (t: Translator, amount: number) =>
  t.number(amount, { style: "currency", currency: "VND", maximumFractionDigits: 0 });

/** An amount in another currency, from hundredths. */
export const foreignMoney = (t: Translator, hundredths: number, currency: string) =>
  t.number(hundredths / 100, { style: "currency", currency });

export interface DonatePageProps {
  locale: Locale;
  organisation: OrganisationView | undefined;
  publicUrl: string;
  projects: { id: string; slug: string; name: string }[];
  /** The project chosen by the page's address, if any. */
  project: string | undefined;
  presets: readonly number[];
  min: number;
  max: number;
  /** VNPay is configured: the donor may give by card. */
  cards: boolean;
  /** PayPal is configured: donors abroad may give by PayPal, in its currency. */
  paypal: { currency: string; presets: readonly number[]; min: number; max: number } | null;
}

export function renderDonatePage(props: DonatePageProps): string {
  const t = translator(props.locale);
  const chosen = props.projects.find((p) => p.slug === props.project);
  const title = chosen
    ? t.t("donate.title_project", { project: chosen.name })
    : t.t("donate.title");
  return renderDocument({
    t,
    page: { kind: "donate", ...(chosen ? { project: chosen.slug } : {}) },
    title,
    description: t.t("donate.description"),
    publicUrl: props.publicUrl,
    organisation: props.organisation,
    children: (
      <div class="wrap wrap--text">
        <header class="page-header">
          <h1>{title}</h1>
          <p>{t.t("donate.lead")}</p>
        </header>
        <form method="post" action={donateRoute(props.locale)} class="donate-form">
          <fieldset>
            <legend>{t.t("donate.purpose")}</legend>
            <label>
              <input type="radio" name="purpose" value="" checked={!chosen} />{" "}
              {t.t("donate.unrestricted")}
            </label>
            {props.projects.map((project) => (
              <label key={project.slug}>
                <input
                  type="radio"
                  name="purpose"
                  value={project.slug}
                  checked={chosen?.slug === project.slug}
                />{" "}
                {project.name}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t.t("donate.amount")}</legend>
            {props.presets.map((amount, index) => (
              <label key={amount}>
                <input type="radio" name="preset" value={String(amount)} checked={index === 1} />{" "}
                {money(t, amount)}
              </label>
            ))}
            <label>
              {t.t("donate.other_amount")}
              <input
                type="number"
                name="amount"
                min={props.min}
                max={props.max}
                step={1000}
                inputMode="numeric"
              />
            </label>
          </fieldset>
          <label>
            {t.t("donate.name")}
            <input type="text" name="name" maxLength={100} autoComplete="name" />
          </label>
          <label>
            {t.t("donate.email")}
            <input type="email" name="email" maxLength={200} autoComplete="email" />
          </label>
          <label>
            <input type="checkbox" name="named" value="yes" /> {t.t("donate.named")}
          </label>
          <p>{t.t("donate.anonymous_note")}</p>
          {props.paypal ? (
            <fieldset>
              <legend>{t.t("donate.paypal_amount", { currency: props.paypal.currency })}</legend>
              {props.paypal.presets.map((amount, index) => (
                <label key={amount}>
                  <input
                    type="radio"
                    name="paypal_preset"
                    value={String(amount)}
                    checked={index === 1}
                  />{" "}
                  {foreignMoney(t, amount * 100, props.paypal!.currency)}
                </label>
              ))}
              <label>
                {t.t("donate.paypal_other_amount", {
                  currency: props.paypal.currency,
                  min: props.paypal.min,
                  max: props.paypal.max,
                })}
                <input
                  type="text"
                  name="paypal_amount"
                  maxLength={12}
                  pattern="[0-9]{1,9}([.,][0-9]{1,2})?"
                  inputMode="decimal"
                />
              </label>
            </fieldset>
          ) : null}
          {props.cards || props.paypal ? (
            <fieldset>
              <legend>{t.t("donate.method")}</legend>
              <label>
                <input type="radio" name="method" value="vietqr" checked />{" "}
                {t.t("donate.by_transfer")}
              </label>
              {props.cards ? (
                <label>
                  <input type="radio" name="method" value="vnpay" /> {t.t("donate.by_card")}
                </label>
              ) : null}
              {props.paypal ? (
                <label>
                  <input type="radio" name="method" value="paypal" />{" "}
                  {t.t("donate.by_paypal", { currency: props.paypal.currency })}
                </label>
              ) : null}
            </fieldset>
          ) : (
            <input type="hidden" name="method" value="vietqr" />
          )}
          <button type="submit">{t.t("donate.submit")}</button>
        </form>
      </div>
    ),
  });
}

export interface StatusPageProps {
  locale: Locale;
  organisation: OrganisationView | undefined;
  publicUrl: string;
  pledge: PledgeView;
  bank: { bin: string; accountNumber: string; accountName: string; demo: boolean };
  transferText: string;
  qrSvg: string;
  /** The signed link to the receipt's PDF, once the gift has arrived. */
  receiptPdfUrl: string | null;
  /** What went wrong with PayPal on the way here (a PayPal pledge only). */
  paypalProblem?: PaypalProblem | null;
}

export function renderDonationStatusPage(props: StatusPageProps): string {
  const t = translator(props.locale);
  const { pledge } = props;
  const title = t.t("donate.status_title", { reference: pledge.reference });
  const waiting = pledge.status === "waiting";
  return renderDocument({
    t,
    page: { kind: "donation", id: pledge.id },
    title,
    description: t.t("donate.description"),
    publicUrl: props.publicUrl,
    organisation: props.organisation,
    indexable: false,
    refreshSeconds: waiting ? 15 : undefined,
    script: waiting ? pledgeStatusScript.path : undefined,
    children: (
      <div class="wrap wrap--text">
        <header class="page-header">
          <h1>{title}</h1>
          {pledge.project ? <p>{pledge.project.name[props.locale]}</p> : null}
        </header>
        <div id="pledge-status" aria-live="polite" data-pledge={pledge.id}>
          {pledge.gift ? (
            <section data-status="received">
              <p>{t.t("donate.received", { amount: money(t, pledge.gift.amount) })}</p>
              {pledge.paypal ? (
                <p>
                  {t.t("paypal.value", {
                    amount: foreignMoney(t, pledge.paypal.amount, pledge.paypal.currency),
                    vnd: money(t, pledge.gift.amount),
                    rate: t.number(Number(pledge.paypal.vndRate)),
                  })}
                </p>
              ) : null}
              <p>
                {t.t("donate.receipt", {
                  number: pledge.gift.receiptNumber,
                  year: pledge.gift.receiptYear,
                })}
              </p>
              {props.receiptPdfUrl ? (
                <p>
                  <a href={props.receiptPdfUrl} rel="nofollow">
                    {t.t("donate.receipt_pdf")}
                  </a>
                </p>
              ) : null}
              <p>
                <a href={pagePath({ kind: "donor_statement" }, props.locale)}>
                  {t.t("statement_form.link")}
                </a>
              </p>
            </section>
          ) : pledge.paypal && pledge.status === "waiting" ? (
            <section data-status="waiting" data-paypal={props.paypalProblem ?? "waiting"}>
              {props.paypalProblem ? (
                <p role="alert">
                  <strong>{t.t(paypalProblemKey(props.paypalProblem))}</strong>
                </p>
              ) : null}
              <p>
                {t.t("paypal.waiting", {
                  amount: foreignMoney(t, pledge.paypal.amount, pledge.paypal.currency),
                  vnd: money(t, pledge.amount),
                })}
              </p>
              {props.paypalProblem === "pending" || props.paypalProblem === "mismatch" ? null : (
                <form method="post" action={`/api/donations/paypal/pledges/${pledge.id}/order`}>
                  <button type="submit">{t.t("paypal.continue")}</button>
                </form>
              )}
            </section>
          ) : pledge.status === "failed" ? (
            <section data-status="failed">
              <p>
                {pledge.method === "vnpay"
                  ? t.t(vnpayFailureKey(pledge.failureCode))
                  : t.t("donate.failed")}
              </p>
              <p>
                <a
                  class="button"
                  href={pagePath(
                    { kind: "donate", ...(pledge.project ? { project: pledge.project.slug } : {}) },
                    props.locale,
                  )}
                >
                  {t.t("vnpay.try_again")}
                </a>
              </p>
            </section>
          ) : (
            <section data-status="waiting">
              <p>{t.t("donate.waiting")}</p>
              {props.bank.demo ? (
                <p>
                  <strong>{t.t("donate.demo_account")}</strong>
                </p>
              ) : null}
              <figure
                class="donate-qr"
                role="img"
                aria-label={t.t("donate.qr_alt", {
                  amount: money(t, pledge.amount),
                  reference: pledge.reference,
                })}
                // The SVG is drawn by the qrcode library from our own payload: no visitor text.
                dangerouslySetInnerHTML={{ __html: props.qrSvg }}
              />
              <dl>
                <dt>{t.t("donate.amount")}</dt>
                <dd>{money(t, pledge.amount)}</dd>
                <dt>{t.t("donate.bank")}</dt>
                <dd>{props.bank.bin}</dd>
                <dt>{t.t("donate.account_number")}</dt>
                <dd>
                  <code>{props.bank.accountNumber}</code>
                </dd>
                <dt>{t.t("donate.account_name")}</dt>
                <dd>{props.bank.accountName}</dd>
                <dt>{t.t("donate.transfer_text")}</dt>
                <dd>
                  <code>{props.transferText}</code>
                </dd>
              </dl>
            </section>
          )}
        </div>
      </div>
    ),
  });
}
