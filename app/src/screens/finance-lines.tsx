// The bank's lines that matched no pledge: each with its date, amount, transfer text and where it
// came from; a finance officer matches one to a waiting pledge (the likely pledges offered first:
// the reference in the text, then the same amount) or marks it not a donation, saying why. The
// answer, or the server's refusal, is said beside the line. A retry is safe: the server settles a
// line once, and a line settled meanwhile (elsewhere, or by a request whose answer was lost) is
// said so and leaves the list.
import { useEffect, useRef, useState } from "preact/hooks";
import {
  type BankLine,
  financeFailure,
  MAX_REASON_LENGTH,
  type Settlement,
  useFinanceClient,
  type WaitingPledge,
} from "../finance/api.js";
import { ageInDays, formatVnd, pledgeChoices } from "../finance/money.js";
import { formatDate, t, tn } from "../i18n/i18n.js";
import { ApiError } from "../sync/api.js";
import { Field, TextField } from "../ui/fields.js";
import { Notice } from "../ui/layout.js";
import { FinanceFrame } from "./finance-frame.js";
import { SaidMessage } from "./finance-parts.js";

export const sourceLabel = (source: BankLine["source"]) => t(`finance.source.${source}`);

function pledgeLabel(pledge: WaitingPledge): string {
  return t("finance.pledge_option", {
    reference: pledge.reference,
    amount: formatVnd(pledge.amount),
    age: ageLabel(pledge.created_at),
  });
}

export function ageLabel(createdAt: string): string {
  const days = ageInDays(createdAt);
  return days === 0 ? t("finance.age_today") : tn("finance.age", days);
}

function LineForm(props: {
  line: BankLine;
  mode: "gift" | "not_donation";
  pledges: WaitingPledge[];
  onCancel: () => void;
  onSettled: (settlement: Settlement) => void;
  onGone: (message: string) => void;
}) {
  const finance = useFinanceClient();
  const choices = pledgeChoices(props.line, props.pledges);
  const [reference, setReference] = useState(choices[0]?.reason ? choices[0].pledge.reference : "");
  const [reason, setReason] = useState("");
  const [fieldError, setFieldError] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLFormElement>(null);
  useEffect(() => {
    first.current?.querySelector<HTMLElement>("select, input")?.focus();
  }, [props.mode]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    setFieldError(undefined);
    let settlement: Settlement;
    if (props.mode === "gift") {
      if (!reference) return setFieldError(t("finance.choose_pledge"));
      settlement = { decision: "gift", pledge_reference: reference };
    } else {
      if (!reason.trim()) return setFieldError(t("finance.reason_required"));
      settlement = { decision: "not_donation", reason: reason.trim() };
    }
    setBusy(true);
    try {
      await finance.settle(props.line.id, settlement);
      props.onSettled(settlement);
    } catch (caught) {
      // Settled already (a retry whose first answer was lost, or someone else): not an error to fix.
      if (caught instanceof ApiError && caught.parameter === "id") props.onGone(caught.message);
      else setError(financeFailure(caught));
    } finally {
      setBusy(false);
    }
  };

  const suggested = choices.filter((c) => c.reason);
  const others = choices.filter((c) => !c.reason);
  return (
    <form class="finance-form" ref={first} onSubmit={submit} noValidate>
      {props.mode === "gift" ? (
        props.pledges.length === 0 ? (
          <p>{t("finance.no_pledges_to_match")}</p>
        ) : (
          <Field
            label={t("finance.pledge")}
            hint={suggested.length ? t("finance.suggested_hint") : t("finance.no_suggestion")}
            error={fieldError}
          >
            {(id, describedBy) => (
              <select
                id={id}
                class="input"
                value={reference}
                aria-invalid={fieldError ? true : undefined}
                aria-describedby={describedBy}
                onChange={(event) => setReference(event.currentTarget.value)}
              >
                <option value="">{t("finance.choose_pledge_option")}</option>
                {suggested.length ? (
                  <optgroup label={t("finance.suggested")}>
                    {suggested.map(({ pledge, reason: why }) => (
                      <option key={pledge.id} value={pledge.reference}>
                        {`${pledgeLabel(pledge)} · ${t(`finance.why.${why!}`)}`}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
                <optgroup
                  label={suggested.length ? t("finance.other_pledges") : t("finance.all_pledges")}
                >
                  {others.map(({ pledge }) => (
                    <option key={pledge.id} value={pledge.reference}>
                      {pledgeLabel(pledge)}
                    </option>
                  ))}
                </optgroup>
              </select>
            )}
          </Field>
        )
      ) : (
        <TextField
          label={t("finance.reason")}
          hint={t("finance.reason_hint")}
          error={fieldError}
          value={reason}
          maxLength={MAX_REASON_LENGTH}
          onInput={setReason}
        />
      )}
      {error ? (
        <Notice kind="error">
          <p>{error}</p>
        </Notice>
      ) : null}
      <div class="actions">
        {props.mode === "gift" && props.pledges.length === 0 ? null : (
          <button type="submit" class="button button--primary" disabled={busy}>
            {busy
              ? t("finance.saving")
              : props.mode === "gift"
                ? t("finance.match_submit")
                : t("finance.not_donation_submit")}
          </button>
        )}
        <button type="button" class="button" onClick={props.onCancel}>
          {t("finance.cancel")}
        </button>
      </div>
    </form>
  );
}

export function FinanceLinesScreen() {
  const finance = useFinanceClient();
  const [lines, setLines] = useState<BankLine[]>();
  const [pledges, setPledges] = useState<WaitingPledge[]>([]);
  const [error, setError] = useState<string>();
  const [open, setOpen] = useState<{ id: string; mode: "gift" | "not_donation" }>();
  const [message, setMessage] = useState<string>();

  const load = () =>
    Promise.all([finance.lines(), finance.pledges()]).then(
      ([foundLines, foundPledges]) => {
        setLines(foundLines);
        setPledges(foundPledges);
        setError(undefined);
      },
      (caught) => setError(financeFailure(caught)),
    );
  useEffect(() => {
    void load();
  }, []);

  const settled = (line: BankLine, settlement: Settlement) => {
    setOpen(undefined);
    setLines((current) => current?.filter((l) => l.id !== line.id));
    if (settlement.decision === "gift") {
      setPledges((current) => current.filter((p) => p.reference !== settlement.pledge_reference));
      setMessage(
        t("finance.matched", {
          amount: formatVnd(line.amount),
          reference: settlement.pledge_reference,
        }),
      );
    } else {
      setMessage(t("finance.marked_not_donation", { amount: formatVnd(line.amount) }));
    }
  };

  return (
    <FinanceFrame title={t("finance.lines_title")} path="/finance/lines">
      {() => (
        <>
          <p class="muted">{t("finance.lines_lead")}</p>
          <SaidMessage message={message} />
          {error ? (
            <Notice kind="error">
              <p>{error}</p>
              <button type="button" class="button" onClick={() => void load()}>
                {t("finance.try_again")}
              </button>
            </Notice>
          ) : null}
          {lines === undefined && !error ? <p class="muted">{t("finance.loading")}</p> : null}
          {lines ? (
            <>
              <p class="muted">{tn("finance.lines_count", lines.length)}</p>
              {lines.length === 0 ? <p>{t("finance.no_lines")}</p> : null}
              <ul class="finance-items">
                {lines.map((line) => (
                  <li key={line.id} class="card finance-item">
                    <h2 class="finance-amount">{formatVnd(line.amount)}</h2>
                    <p class="finance-text">{line.content || t("finance.no_text")}</p>
                    <dl class="finance-facts">
                      <dt>{t("finance.date")}</dt>
                      <dd>{formatDate(line.booked_on)}</dd>
                      <dt>{t("finance.source")}</dt>
                      <dd>{sourceLabel(line.source)}</dd>
                      {line.bank_reference ? (
                        <>
                          <dt>{t("finance.bank_reference")}</dt>
                          <dd>{line.bank_reference}</dd>
                        </>
                      ) : null}
                    </dl>
                    {open?.id === line.id ? (
                      <LineForm
                        line={line}
                        mode={open.mode}
                        pledges={pledges}
                        onCancel={() => setOpen(undefined)}
                        onSettled={(settlement) => settled(line, settlement)}
                        onGone={(said) => {
                          setOpen(undefined);
                          setMessage(t("finance.already_settled", { reason: said }));
                          void load();
                        }}
                      />
                    ) : (
                      <div class="actions">
                        <button
                          type="button"
                          class="button button--primary"
                          aria-label={t("finance.match_for", {
                            amount: formatVnd(line.amount),
                            date: formatDate(line.booked_on),
                          })}
                          onClick={() => setOpen({ id: line.id, mode: "gift" })}
                        >
                          {t("finance.match")}
                        </button>
                        <button
                          type="button"
                          class="button"
                          aria-label={t("finance.not_donation_for", {
                            amount: formatVnd(line.amount),
                            date: formatDate(line.booked_on),
                          })}
                          onClick={() => setOpen({ id: line.id, mode: "not_donation" })}
                        >
                          {t("finance.not_donation")}
                        </button>
                      </div>
                    )}
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
