// The gifts received in a period (this year unless other dates are chosen), newest first, each with
// a link that downloads its receipt (PDF). A donor asking for a receipt is found by what they know
// — the reference they wrote in the transfer, the amount, the receipt's number — typed in the
// search, which narrows the period's list at once. The list shows a page at a time; a period with
// more gifts than the server is asked for says to choose a shorter one.
import { useEffect, useState } from "preact/hooks";
import { financeFailure, type Gift, receiptHref, useFinanceClient } from "../finance/api.js";
import { GIFTS_LIMIT, GIFTS_PAGE, giftMatches } from "../finance/gifts.js";
import { formatVnd } from "../finance/money.js";
import { formatDate, getLocale, t, tn } from "../i18n/i18n.js";
import { today } from "../lib/dates.js";
import { TextField } from "../ui/fields.js";
import { Notice } from "../ui/layout.js";
import { LoadState } from "../ui/load-state.js";
import { FinanceFrame } from "./finance-frame.js";

const yearStart = () => `${today().slice(0, 4)}-01-01`;
const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text);

function GiftItem(props: { gift: Gift }) {
  const { gift } = props;
  return (
    <li class="card finance-item">
      <h3 class="finance-amount">{formatVnd(gift.amount)}</h3>
      <dl class="finance-facts">
        <dt>{t("finance.gift.receipt")}</dt>
        <dd>{gift.receipt}</dd>
        <dt>{t("finance.date")}</dt>
        <dd>{formatDate(gift.received_on)}</dd>
        <dt>{t("finance.gift.reference")}</dt>
        <dd>{gift.pledge_reference ?? "—"}</dd>
        <dt>{t("finance.project")}</dt>
        <dd>{gift.project?.name[getLocale()] ?? t("finance.unrestricted")}</dd>
        <dt>{t("finance.gift.route")}</dt>
        <dd>{t(`finance.gift.route.${gift.route}`)}</dd>
      </dl>
      <div class="actions">
        <a
          class="button"
          href={receiptHref(gift.id)}
          download
          aria-label={t("finance.gift.download_for", { receipt: gift.receipt })}
        >
          {t("finance.gift.download")}
        </a>
      </div>
    </li>
  );
}

export function FinanceGiftsScreen() {
  const finance = useFinanceClient();
  const [draft, setDraft] = useState({ from: yearStart(), to: today() });
  const [period, setPeriod] = useState(draft);
  const [dateError, setDateError] = useState<{ from?: string; to?: string }>({});
  const [gifts, setGifts] = useState<Gift[]>();
  const [error, setError] = useState<string>();
  const [search, setSearch] = useState("");
  const [shown, setShown] = useState(GIFTS_PAGE);
  useEffect(() => {
    let current = true;
    setGifts(undefined);
    setError(undefined);
    finance.gifts({ ...period, limit: GIFTS_LIMIT }).then(
      (found) => current && setGifts([...found].reverse()),
      (caught) => current && setError(financeFailure(caught)),
    );
    return () => {
      current = false;
    };
  }, [period]);

  const found = gifts?.filter((gift) => giftMatches(gift, search)) ?? [];
  const choosePeriod = (event: Event) => {
    event.preventDefault();
    const errors: typeof dateError = {};
    if (!isDate(draft.from)) errors.from = t("finance.date_invalid");
    if (!isDate(draft.to)) errors.to = t("finance.date_invalid");
    else if (draft.to > today()) errors.to = t("finance.posting.date_future");
    else if (isDate(draft.from) && draft.from > draft.to)
      errors.from = t("finance.gift.period_order");
    setDateError(errors);
    if (Object.keys(errors).length) return;
    setShown(GIFTS_PAGE);
    setPeriod({ ...draft });
  };

  return (
    <FinanceFrame title={t("finance.gifts_title")} path="/finance/gifts">
      {() => (
        <>
          <p class="muted">{t("finance.gifts_lead")}</p>
          <form
            class="card"
            aria-label={t("finance.gift.period")}
            noValidate
            onSubmit={choosePeriod}
          >
            <TextField
              type="date"
              label={t("finance.gift.from")}
              value={draft.from}
              max={today()}
              error={dateError.from}
              onInput={(from) => setDraft((d) => ({ ...d, from }))}
            />
            <TextField
              type="date"
              label={t("finance.gift.to")}
              value={draft.to}
              max={today()}
              error={dateError.to}
              onInput={(to) => setDraft((d) => ({ ...d, to }))}
            />
            <div class="actions">
              <button type="submit" class="button button--primary">
                {t("finance.show")}
              </button>
            </div>
          </form>
          <search>
            <TextField
              type="search"
              label={t("finance.gift.search")}
              hint={t("finance.gift.search_hint")}
              value={search}
              onInput={(typed) => {
                setSearch(typed);
                setShown(GIFTS_PAGE);
              }}
            />
          </search>
          <LoadState
            error={error}
            loading={gifts === undefined && !error}
            loadingText={t("finance.loading")}
          />
          {gifts ? (
            <section aria-labelledby="gifts-found">
              <h2 id="gifts-found" aria-live="polite">
                {tn("finance.gift.count", found.length)}
              </h2>
              {gifts.length >= GIFTS_LIMIT ? (
                <Notice kind="warning">
                  <p>{t("finance.gift.too_many", { count: GIFTS_LIMIT })}</p>
                </Notice>
              ) : null}
              <ul class="finance-items">
                {found.slice(0, shown).map((gift) => (
                  <GiftItem key={gift.id} gift={gift} />
                ))}
              </ul>
              {found.length > shown ? (
                <button
                  type="button"
                  class="button button--wide"
                  onClick={() => setShown((n) => n + GIFTS_PAGE)}
                >
                  {t("finance.gift.more", { count: Math.min(GIFTS_PAGE, found.length - shown) })}
                </button>
              ) : null}
            </section>
          ) : null}
        </>
      )}
    </FinanceFrame>
  );
}
