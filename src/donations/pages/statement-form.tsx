// The page where a donor asks for the statement of their gifts in a year: an e-mail address and a
// year, posted without script. The answer is the same whether or not the address gave, so the
// page tells nobody who is a donor; the link goes only to the address itself.
import type { Locale } from "../../lib/i18n.js";
import { translator } from "../../messages.js";
import type { OrganisationView } from "../../programmes/service.js";
import { renderDocument } from "../../site/pages/layout.js";
import { pagePath } from "../../site/paths.js";

export interface StatementFormProps {
  locale: Locale;
  organisation: OrganisationView | undefined;
  publicUrl: string;
  /** The years a donor may ask for, newest first. */
  years: readonly number[];
  /** After a request: the year asked for (the same answer whatever the address). */
  sentFor: number | null;
}

export function renderStatementFormPage(props: StatementFormProps): string {
  const t = translator(props.locale);
  const title = t.t("statement_form.title");
  return renderDocument({
    t,
    page: { kind: "donor_statement" },
    title,
    description: t.t("statement_form.lead"),
    publicUrl: props.publicUrl,
    organisation: props.organisation,
    indexable: false,
    children: (
      <div class="wrap wrap--text">
        <header class="page-header">
          <h1>{title}</h1>
          <p>{t.t("statement_form.lead")}</p>
        </header>
        {props.sentFor !== null ? (
          <p role="status" data-status="sent">
            {t.t("statement_form.sent", { year: String(props.sentFor) })}
          </p>
        ) : null}
        <form
          method="post"
          action={pagePath({ kind: "donor_statement" }, props.locale)}
          class="donate-form"
        >
          <label>
            {t.t("statement_form.email")}
            <input type="email" name="email" required maxLength={200} autoComplete="email" />
          </label>
          <label>
            {t.t("statement_form.year")}
            <select name="year">
              {props.years.map((year) => (
                <option key={year} value={String(year)}>
                  {year}
                </option>
              ))}
            </select>
          </label>
          {/* People never see this field; a robot that fills every field in gives itself away. */}
          <div class="newsletter-form__trap" aria-hidden="true">
            <label for="statement-website">{t.t("newsletter.form.honeypot")}</label>
            <input
              id="statement-website"
              type="text"
              name="website"
              tabindex={-1}
              autocomplete="off"
            />
          </div>
          <button type="submit">{t.t("statement_form.submit")}</button>
        </form>
      </div>
    ),
  });
}
