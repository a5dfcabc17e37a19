// Allocations (unrestricted funds to a project's fund) and a project's expenses, one screen each
// of the same shape: the form that posts one, then this year's postings newest first, each with
// its project, date and description. A posting that stands can be reversed (after a confirmation);
// one reversed says so, and its reversal is listed as a posting of its own.
import { useEffect, useRef, useState } from "preact/hooks";
import {
  type FundPosting,
  type FundPostingKind,
  financeFailure,
  useFinanceClient,
} from "../finance/api.js";
import { formatVnd } from "../finance/money.js";
import { postingState, withReversal } from "../finance/postings.js";
import type { FinancePath } from "../finance/screens.js";
import { formatDate, getLocale, t, tn } from "../i18n/i18n.js";
import { LoadState } from "../ui/load-state.js";
import { FinanceFrame } from "./finance-frame.js";
import { SaidMessage } from "./finance-parts.js";
import { PostingForm } from "./finance-posting-form.js";
import { postingSummary, ReversalDialog } from "./finance-reversal.js";

function PostingItem(props: {
  posting: FundPosting;
  /** For a reversal, what it undid (when it is in the list). */
  reversed: FundPosting | undefined;
  onReverse: () => void;
}) {
  const { posting } = props;
  const state = postingState(posting);
  return (
    <li class="card finance-item">
      <h3 class="finance-amount">
        {state === "reversal" ? `− ${formatVnd(posting.amount)}` : formatVnd(posting.amount)}
      </h3>
      <p class="finance-text">{posting.memo}</p>
      {state === "standing" ? null : (
        <p class="tags">
          <span class={`tag ${state === "reversed" ? "tag--off" : "tag--warning"}`}>
            {t(`finance.posting.state.${state}`)}
          </span>
        </p>
      )}
      {props.reversed ? (
        <p class="finance-text">{t("finance.posting.reverses", { memo: props.reversed.memo })}</p>
      ) : null}
      <dl class="finance-facts">
        <dt>{t("finance.project")}</dt>
        <dd>{posting.project?.name[getLocale()] ?? "—"}</dd>
        <dt>{t("finance.date")}</dt>
        <dd>{formatDate(posting.occurred_on)}</dd>
      </dl>
      {state === "standing" ? (
        <div class="actions">
          <button
            type="button"
            class="button"
            aria-label={t("finance.reversal.open_for", { what: postingSummary(posting) })}
            onClick={props.onReverse}
          >
            {t("finance.reversal.open")}
          </button>
        </div>
      ) : null}
    </li>
  );
}

function FinancePostingsScreen(props: { kind: FundPostingKind; path: FinancePath }) {
  const finance = useFinanceClient();
  const [postings, setPostings] = useState<FundPosting[]>();
  const [error, setError] = useState<string>();
  // Each opening of the reversal dialog is a dialog of its own (keyed by `opening`): a reopening
  // pressed before the last one's close has rendered must not find that closed dialog still there,
  // and a late close of an earlier one must not close the new one.
  const [reversing, setReversing] = useState<{ posting: FundPosting; opening: number }>();
  const openings = useRef(0);
  const [message, setMessage] = useState<string>();
  const load = () =>
    finance.postings(props.kind).then(
      (found) => {
        setPostings(found);
        setError(undefined);
      },
      (caught) => setError(financeFailure(caught)),
    );
  useEffect(() => {
    void load();
  }, [props.kind]);

  return (
    <FinanceFrame title={t(`finance.${props.kind}.title`)} path={props.path}>
      {() => (
        <>
          <p class="muted">{t(`finance.${props.kind}.lead`)}</p>
          <SaidMessage message={message} />
          <PostingForm
            kind={props.kind}
            onSaved={(posting) => {
              setPostings((current) => [
                posting,
                ...(current ?? []).filter((p) => p.id !== posting.id),
              ]);
              setMessage(t(`finance.${props.kind}.saved`, { what: postingSummary(posting) }));
            }}
            onStale={() => void load()}
          />
          <section aria-labelledby="postings-title">
            <h2 id="postings-title">{t(`finance.${props.kind}.list_title`)}</h2>
            <LoadState
              error={error}
              loading={postings === undefined && !error}
              loadingText={t("finance.loading")}
            />
            {postings ? (
              <>
                <p class="muted">{tn("finance.posting.count", postings.length)}</p>
                <ul class="finance-items">
                  {postings.map((posting) => (
                    <PostingItem
                      key={posting.id}
                      posting={posting}
                      reversed={postings.find((p) => p.id === posting.reverses)}
                      onReverse={() => {
                        openings.current += 1;
                        setReversing({ posting, opening: openings.current });
                      }}
                    />
                  ))}
                </ul>
              </>
            ) : null}
          </section>
          {reversing ? (
            <ReversalDialog
              key={reversing.opening}
              posting={reversing.posting}
              onReversed={(reversal) => {
                setPostings((current) => withReversal(current ?? [], reversal));
                setMessage(t("finance.reversal.done", { what: postingSummary(reversing.posting) }));
              }}
              onClose={() => {
                const closed = reversing.opening;
                setReversing((current) => (current?.opening === closed ? undefined : current));
              }}
            />
          ) : null}
        </>
      )}
    </FinanceFrame>
  );
}

export const FinanceAllocationsScreen = () => (
  <FinancePostingsScreen kind="allocation" path="/finance/allocations" />
);

export const FinanceExpensesScreen = () => (
  <FinancePostingsScreen kind="expense" path="/finance/expenses" />
);
