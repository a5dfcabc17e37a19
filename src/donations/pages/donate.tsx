// The donate page (a form that works without script, on a 360 px phone) and a pledge's status
// page: the VietQR code and the account details until the gift arrives (the page reloads itself,
// with no script), then the thank-you and the receipt's number.
import { type Locale, type Translator, translator } from "../../lib/i18n.js";
import type { OrganisationView } from "../../programmes/service.js";
import { renderDocument } from "../../site/pages/layout.js";
import { donateRoute } from "../../site/paths.js";
import type { PledgeView } from "../service.js";

export const money = (t: Translator, amount: number) =>
  t.number(amount, { style: "currency", currency: "VND", maximumFractionDigits: 0 });

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
          {props.cards ? (
            <fieldset>
              <legend>{t.t("donate.method")}</legend>
              <label>
                <input type="radio" name="method" value="vietqr" checked />{" "}
                {t.t("donate.by_transfer")}
              </label>
              <label>
                <input type="radio" name="method" value="vnpay" /> {t.t("donate.by_card")}
              </label>
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
    children: (
      <div class="wrap wrap--text">
        <header class="page-header">
          <h1>{title}</h1>
          {pledge.project ? <p>{pledge.project.name[props.locale]}</p> : null}
        </header>
        {pledge.gift ? (
          <section aria-live="polite" data-status="received">
            <p>{t.t("donate.received", { amount: money(t, pledge.gift.amount) })}</p>
            <p>
              {t.t("donate.receipt", {
                number: pledge.gift.receiptNumber,
                year: pledge.gift.receiptYear,
              })}
            </p>
          </section>
        ) : pledge.status === "failed" ? (
          <p data-status="failed">{t.t("donate.failed")}</p>
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
    ),
  });
}
