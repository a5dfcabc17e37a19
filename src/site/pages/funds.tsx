// The project page's money: its fund's figures (received, spent, remaining, the cost per person
// reached), a table by month with withheld figures marked as the Results table marks them, a link
// to give, and the donors who chose to be named (names only). The figures arrive suppressed
// (src/donations/transparency.ts); this only writes them.
import type { FundMonthView, ProjectFunds } from "../../donations/transparency.js";
import type { WithheldReason } from "../../indicators/suppression.js";
import type { Translator } from "../../messages.js";
import { capitalise, formatPeriod } from "../dates.js";
import { pagePath } from "../paths.js";

export interface FundsSectionProps {
  t: Translator;
  slug: string;
  funds: ProjectFunds;
  /** People reached over the whole project, as published (null when withheld or none yet). */
  peopleReached: number | null;
  donors: readonly string[];
}

const money = (t: Translator, amount: number) =>
  t.number(amount, { style: "currency", currency: "VND", maximumFractionDigits: 0 });

function lastDayOf(month: string): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  const day = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, "0")}`;
}

/** A withheld figure as the Results table writes it: "<5" when small, "×" when protecting. */
function withheldMark(reason: WithheldReason | null, threshold: number): string {
  return reason === "complementary" ? "×" : `<${threshold}`;
}

export function FundsSection({ t, slug, funds, peopleReached, donors }: FundsSectionProps) {
  const { total, threshold } = funds;
  const amount = (value: number | null, reason: WithheldReason | null) =>
    value === null ? withheldMark(reason, threshold) : t.number(value);
  const costPerPerson =
    peopleReached !== null && peopleReached > 0 && total.spent > 0
      ? Math.round(total.spent / peopleReached)
      : null;
  const reasons = [total.giftsWithheld, ...funds.months.map((m) => m.giftsWithheld)];
  const donateHref = pagePath({ kind: "donate", project: slug }, t.locale);
  return (
    <section id="funds" class="section funds" aria-labelledby="funds-heading">
      <h2 id="funds-heading">{t.t("site.funds.heading")}</h2>
      <p>{t.t("site.funds.lead")}</p>
      {funds.months.length === 0 ? (
        <p>{t.t("site.funds.none")}</p>
      ) : (
        <>
          <ul class="highlights__figures funds__figures">
            <Figure
              value={
                total.raised === null
                  ? withheldMark(total.giftsWithheld, threshold)
                  : money(t, total.raised)
              }
              label={t.t("site.funds.raised")}
            />
            <Figure value={money(t, total.spent)} label={t.t("site.funds.spent")} />
            <Figure
              value={
                total.remaining === null
                  ? withheldMark(total.giftsWithheld, threshold)
                  : money(t, total.remaining)
              }
              label={t.t("site.funds.remaining")}
            />
            {costPerPerson !== null && (
              <Figure value={money(t, costPerPerson)} label={t.t("site.funds.cost_per_person")} />
            )}
          </ul>
          <p class="funds__cost">
            {costPerPerson !== null
              ? t.t("site.funds.cost_note", {
                  spent: money(t, total.spent),
                  people: t.number(peopleReached ?? 0),
                })
              : t.t("site.funds.cost_unknown")}
          </p>
          {/* Focusable, so a keyboard can scroll the table sideways on a narrow screen. */}
          <section class="table-scroll" aria-labelledby="funds-caption" tabindex={0}>
            <table class="results__table funds__table">
              <caption id="funds-caption">{t.t("site.funds.table_caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.t("site.funds.column.month")}</th>
                  <th scope="col">{t.t("site.funds.column.gifts")}</th>
                  <th scope="col">{t.t("site.funds.column.raised")}</th>
                  <th scope="col">{t.t("site.funds.column.spent")}</th>
                  <th scope="col">{t.t("site.funds.column.remaining")}</th>
                </tr>
              </thead>
              <tbody>
                {funds.months.map((month) => (
                  <MonthRow key={month.month} t={t} month={month} amount={amount} />
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t.t("site.funds.total")}</th>
                  <td>{amount(total.gifts, total.giftsWithheld)}</td>
                  <td>{amount(total.raised, total.giftsWithheld)}</td>
                  <td>{t.number(total.spent)}</td>
                  <td>{amount(total.remaining, total.giftsWithheld)}</td>
                </tr>
              </tfoot>
            </table>
          </section>
          <div class="notes">
            {reasons.some((r) => r !== null && r !== "complementary") && (
              <p>{t.t("site.funds.note.withheld", { threshold })}</p>
            )}
            {(reasons.includes("complementary") ||
              funds.months.some((m) => m.remaining === null)) && (
              <p>{t.t("site.funds.note.protecting", { threshold })}</p>
            )}
          </div>
        </>
      )}
      <p>
        <a class="button" href={donateHref}>
          {t.t("site.funds.donate")}
        </a>
      </p>
      <section class="donors" aria-labelledby="donors-heading">
        <h3 id="donors-heading">{t.t("site.donors.heading")}</h3>
        <p>{t.t("site.donors.lead")}</p>
        {donors.length === 0 ? (
          <p>{t.t("site.donors.none")}</p>
        ) : (
          <ul class="donors__list">
            {donors.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

function Figure({ value, label }: { value: string; label: string }) {
  return (
    <li>
      <span class="highlights__value">{value}</span> <span class="highlights__label">{label}</span>
    </li>
  );
}

function MonthRow({
  t,
  month,
  amount,
}: {
  t: Translator;
  month: FundMonthView;
  amount: (value: number | null, reason: WithheldReason | null) => string;
}) {
  return (
    <tr>
      <th scope="row">
        {capitalise(formatPeriod(t, `${month.month}-01`, lastDayOf(month.month)), t)}
      </th>
      <td>{amount(month.gifts, month.giftsWithheld)}</td>
      <td>{amount(month.raised, month.giftsWithheld)}</td>
      <td>{t.number(month.spent)}</td>
      <td>{month.remaining === null ? "×" : t.number(month.remaining)}</td>
    </tr>
  );
}
