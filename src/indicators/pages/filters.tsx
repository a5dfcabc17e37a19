// The dashboard's filters: a GET form (period as text, site, commune) that works without
// JavaScript, quick links for the project's period, quarters and months, and the error when what
// was asked for cannot be shown (the form keeps what was typed).
import type { MessageKey, Translator } from "../../messages.js";
import { pick } from "../../programmes/service.js";
import type { DashboardChoices } from "../dashboard-scope.js";
import type { Period } from "../periods.js";
import { type DashboardState, dashboardHref, dashboardPath } from "./dashboard-links.js";

export interface FilterError {
  parameter: string;
  reason: string;
  /** What the reason's message needs (a limit, a range). */
  values?: Record<string, string | number> | undefined;
}

export interface FiltersProps {
  t: Translator;
  choices: DashboardChoices;
  /** What the form shows: the filters in force, or as typed when they were refused. */
  state: DashboardState;
  periodChoices: readonly { kind: Period["kind"]; text: string }[];
  error?: FilterError | undefined;
}

const fieldLabels: Record<string, MessageKey> = {
  period: "filter.period",
  site: "filter.site",
  commune: "filter.commune",
};

export function errorText(t: Translator, error: FilterError): string {
  const label = fieldLabels[error.parameter];
  const reasonKey = `reason.${error.reason}`;
  return t.t("filter.error_field", {
    field: label ? t.t(label) : error.parameter,
    reason: t.t(
      (reasonKey in fieldReasons ? reasonKey : "reason.invalid") as MessageKey,
      error.values,
    ),
  });
}

/** Reasons a filter can be refused for (the others read as "not valid"). */
const fieldReasons = {
  "reason.period_format": true,
  "reason.date_format": true,
  "reason.from_after_to": true,
  "reason.date_range": true,
  "reason.period_too_long": true,
  "reason.unknown_site": true,
  "reason.unknown_commune": true,
  "reason.unknown_indicator": true,
  "reason.cell_format": true,
} as const;

function choiceLabel(t: Translator, choice: { kind: Period["kind"]; text: string }): string {
  if (choice.kind === "custom") return t.t("filter.whole_project");
  if (choice.kind === "quarter") {
    return t.t("filter.quarter", { quarter: choice.text.slice(5), year: choice.text.slice(0, 4) });
  }
  if (choice.kind === "month") return `${choice.text.slice(5, 7)}/${choice.text.slice(0, 4)}`;
  return choice.text;
}

export function Filters({ t, choices, state, periodChoices, error }: FiltersProps) {
  const invalid = (parameter: string) => (error?.parameter === parameter ? "true" : undefined);
  const describedBy = (parameter: string, hint?: string) =>
    [hint, error?.parameter === parameter ? "filter-error" : undefined].filter(Boolean).join(" ") ||
    undefined;
  return (
    <>
      {error && (
        <div class="error-box" role="alert">
          <h2>{t.t("filter.error_title")}</h2>
          <p id="filter-error">{errorText(t, error)}</p>
        </div>
      )}
      {/* Folded on a phone, so the figures come first; open when what was asked for is refused. */}
      <details class="filters" open={error !== undefined}>
        <summary>{t.t("filter.title")}</summary>
        <form method="get" action={dashboardPath(state.slug)}>
          <input type="hidden" name="lang" value={state.lang} />
          <div class="filters__fields">
            <div class="field">
              <label for="filter-period">{t.t("filter.period")}</label>
              <span class="field__hint" id="filter-period-hint">
                {t.t("filter.period_hint")}
              </span>
              <input
                id="filter-period"
                name="period"
                type="text"
                value={state.period}
                autocomplete="off"
                spellcheck={false}
                aria-invalid={invalid("period")}
                aria-describedby={describedBy("period", "filter-period-hint")}
              />
            </div>
            <div class="field">
              <label for="filter-site">{t.t("filter.site")}</label>
              <select
                id="filter-site"
                name="site"
                aria-invalid={invalid("site")}
                aria-describedby={describedBy("site")}
              >
                <option value="">{t.t("filter.site_all")}</option>
                {choices.sites.map((site) => (
                  <option key={site.id} value={site.code} selected={site.code === state.site}>
                    {pick({ vi: site.name_vi, en: site.name_en }, t.locale)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="filter-commune">{t.t("filter.commune")}</label>
              <select
                id="filter-commune"
                name="commune"
                aria-invalid={invalid("commune")}
                aria-describedby={describedBy("commune")}
              >
                <option value="">{t.t("filter.commune_all")}</option>
                {choices.sites.map((site) => (
                  <optgroup
                    key={site.id}
                    label={pick({ vi: site.name_vi, en: site.name_en }, t.locale)}
                  >
                    {choices.communes
                      .filter((c) => c.site_ids[0] === site.id)
                      .map((c) => (
                        <option key={c.id} value={c.code} selected={c.code === state.commune}>
                          {c.kind} {c.name}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </select>
            </div>
            <div>
              <button class="button" type="submit">
                {t.t("filter.submit")}
              </button>
            </div>
          </div>
        </form>
        <nav class="quick" aria-labelledby="quick-title">
          <h3 id="quick-title">{t.t("filter.quick")}</h3>
          <ul class="chips">
            {periodChoices.map((choice) => (
              <li key={choice.text}>
                <a
                  href={dashboardHref(state, { period: choice.text })}
                  aria-current={choice.text === state.period ? "true" : undefined}
                >
                  {choiceLabel(t, choice)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </details>
    </>
  );
}
