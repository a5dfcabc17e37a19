// The funds' balances at the end of a day (today in Vietnam unless another date is chosen): each
// fund with what it holds, their total, and the money in the bank and its fees. The ledger keeps
// debits positive, so a fund holding money is negative there; said here as what it holds.
import { useEffect, useState } from "preact/hooks";
import { type Balances, financeFailure, useFinanceClient } from "../finance/api.js";
import { formatVnd } from "../finance/money.js";
import { formatDate, getLocale, t } from "../i18n/i18n.js";
import { today } from "../lib/dates.js";
import { TextField } from "../ui/fields.js";
import { LoadState } from "../ui/load-state.js";
import { FinanceFrame } from "./finance-frame.js";

export function FinanceBalancesScreen() {
  const finance = useFinanceClient();
  const [draft, setDraft] = useState(today());
  const [on, setOn] = useState(today());
  const [balances, setBalances] = useState<Balances>();
  const [error, setError] = useState<string>();
  const [dateError, setDateError] = useState<string>();
  useEffect(() => {
    let current = true;
    setError(undefined);
    finance.balances(on).then(
      (found) => current && setBalances(found),
      (caught) => current && setError(financeFailure(caught)),
    );
    return () => {
      current = false;
    };
  }, [on]);

  const funds = balances?.accounts.filter((a) => a.kind === "fund") ?? [];
  const others = balances?.accounts.filter((a) => a.kind !== "fund") ?? [];
  const name = (account: { name: { vi: string; en: string } }) => account.name[getLocale()];
  const total = funds.reduce((sum, fund) => sum - fund.balance, 0);

  return (
    <FinanceFrame title={t("finance.balances_title")} path="/finance/balances">
      {() => (
        <>
          <form
            class="card"
            aria-label={t("finance.balances_date_form")}
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (!/^\d{4}-\d{2}-\d{2}$/.test(draft)) {
                setDateError(t("finance.date_invalid"));
                return;
              }
              if (draft > today()) {
                setDateError(t("finance.date_future"));
                return;
              }
              setDateError(undefined);
              setOn(draft);
            }}
          >
            <TextField
              type="date"
              label={t("finance.balances_on")}
              value={draft}
              max={today()}
              error={dateError}
              onInput={setDraft}
            />
            <div class="actions">
              <button type="submit" class="button button--primary">
                {t("finance.show")}
              </button>
              {on !== today() ? (
                <button
                  type="button"
                  class="button"
                  onClick={() => {
                    setDraft(today());
                    setDateError(undefined);
                    setOn(today());
                  }}
                >
                  {t("finance.today")}
                </button>
              ) : null}
            </div>
          </form>
          <LoadState
            error={error}
            loading={balances === undefined && !error}
            loadingText={t("finance.loading")}
          />
          {balances ? (
            <>
              <table class="finance-table">
                <caption>{t("finance.funds_on", { date: formatDate(balances.on) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("finance.fund")}</th>
                    <th scope="col" class="finance-amount">
                      {t("finance.holds")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {funds.map((fund) => (
                    <tr key={fund.code}>
                      <th scope="row">{name(fund)}</th>
                      <td class="finance-amount">{formatVnd(0 - fund.balance)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t("finance.funds_total")}</th>
                    <td class="finance-amount">{formatVnd(total)}</td>
                  </tr>
                </tfoot>
              </table>
              {others.length ? (
                <table class="finance-table">
                  <caption>{t("finance.accounts_on", { date: formatDate(balances.on) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("finance.account")}</th>
                      <th scope="col" class="finance-amount">
                        {t("finance.balance")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {others.map((account) => (
                      <tr key={account.code}>
                        <th scope="row">{name(account)}</th>
                        <td class="finance-amount">{formatVnd(account.balance)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              <section class="card" aria-labelledby="accountant-export">
                <h2 id="accountant-export">{t("finance.accountant_title")}</h2>
                <p>{t("finance.accountant_hint")}</p>
                {/* A GET with the session's cookie: the browser saves the server's XLSX itself. */}
                <a
                  class="button"
                  href={`/api/finance/accounts-export?from=${balances.on.slice(0, 4)}-01-01&to=${balances.on}`}
                  download
                >
                  {t("finance.accountant_export", {
                    from: formatDate(`${balances.on.slice(0, 4)}-01-01`),
                    to: formatDate(balances.on),
                  })}
                </a>
              </section>
              {/* Allocations and expenses between funds: API only so far (POST /api/finance/allocations, /expenses). */}
            </>
          ) : null}
        </>
      )}
    </FinanceFrame>
  );
}
