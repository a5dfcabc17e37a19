// Pledges whose money has not come: each with its reference (what the donor writes in the
// transfer), amount, project (or the unrestricted fund), way of giving and age, oldest waiting
// longest at the end (the server's order: newest first). Read-only: a pledge is settled by matching
// a bank line to it.
import { useEffect, useState } from "preact/hooks";
import { financeFailure, useFinanceClient, type WaitingPledge } from "../finance/api.js";
import { formatVnd } from "../finance/money.js";
import { getLocale, t, tn } from "../i18n/i18n.js";
import { useSignedIn } from "../ui/context.js";
import { LoadState } from "../ui/load-state.js";
import { FinanceFrame } from "./finance-frame.js";
import { ageLabel } from "./finance-lines.js";

export function FinancePledgesScreen() {
  const finance = useFinanceClient();
  const { reference } = useSignedIn();
  const [pledges, setPledges] = useState<WaitingPledge[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    finance.pledges().then(setPledges, (caught) => setError(financeFailure(caught)));
  }, []);
  const projectName = (slug: string | null) => {
    if (slug === null) return t("finance.unrestricted");
    return reference.projects.find((p) => p.slug === slug)?.name[getLocale()] ?? slug;
  };

  return (
    <FinanceFrame title={t("finance.pledges_title")} path="/finance/pledges">
      {() => (
        <>
          <p class="muted">{t("finance.pledges_lead")}</p>
          <LoadState
            error={error}
            loading={pledges === undefined && !error}
            loadingText={t("finance.loading")}
          />
          {pledges ? (
            <>
              <p class="muted">{tn("finance.pledges_count", pledges.length)}</p>
              {pledges.length === 0 ? <p>{t("finance.no_pledges")}</p> : null}
              <ul class="finance-items">
                {pledges.map((pledge) => (
                  <li key={pledge.id} class="card finance-item">
                    <h2>{pledge.reference}</h2>
                    <dl class="finance-facts">
                      <dt>{t("finance.amount")}</dt>
                      <dd class="finance-amount">{formatVnd(pledge.amount)}</dd>
                      <dt>{t("finance.project")}</dt>
                      <dd>{projectName(pledge.slug)}</dd>
                      <dt>{t("finance.method")}</dt>
                      <dd>{t(`finance.method.${pledge.method}`)}</dd>
                      <dt>{t("finance.waiting_for")}</dt>
                      <dd>{ageLabel(pledge.created_at)}</dd>
                    </dl>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </FinanceFrame>
  );
}
