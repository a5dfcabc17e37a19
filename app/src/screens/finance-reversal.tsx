// Reversing an allocation or an expense, behind a confirmation: a modal dialog (the browser's own,
// so the keyboard stays inside it and Escape closes it) that says what will be undone and asks
// for the date and the reason. Nothing posted changes; the reversal is a posting of its own. Its
// request key is kept until the reversal is saved, so confirming again after a lost answer
// reverses once.
import { useEffect, useRef, useState } from "preact/hooks";
import { reasonOfRefusal } from "../content/form.js";
import { type FundPosting, financeFailure, useFinanceClient } from "../finance/api.js";
import { formatVnd } from "../finance/money.js";
import { newRequestKey } from "../finance/postings.js";
import { formatDate, getLocale, t } from "../i18n/i18n.js";
import { today } from "../lib/dates.js";
import { ApiError } from "../sync/api.js";
import { DateField } from "../ui/date-field.js";
import { TextField } from "../ui/fields.js";
import { FormEnd, MAX_MEMO_LENGTH } from "./finance-parts.js";

/** What a posting is, in a line: "Phân bổ 500.000 ₫ cho Dự án A, ngày 01/12/2026". */
export function postingSummary(posting: FundPosting): string {
  return t(`finance.${posting.kind === "reversal" ? posting.reverses_kind! : posting.kind}.what`, {
    amount: formatVnd(posting.amount),
    project: posting.project?.name[getLocale()] ?? "",
    date: formatDate(posting.occurred_on),
  });
}

export function ReversalDialog(props: {
  posting: FundPosting;
  onReversed: (reversal: FundPosting) => void;
  onClose: () => void;
}) {
  const finance = useFinanceClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const key = useRef(newRequestKey());
  const [date, setDate] = useState(today());
  const [memo, setMemo] = useState("");
  const [errors, setErrors] = useState<{ date?: string; memo?: string }>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setFailure(undefined);
    const found: typeof errors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) found.date = t("finance.date_invalid");
    else if (date > today()) found.date = t("finance.posting.date_future");
    if (!memo.trim()) found.memo = t("finance.reversal.memo_required");
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const reversal = await finance.reverse(props.posting.id, {
        key: key.current,
        occurred_on: date,
        memo: memo.trim(),
      });
      dialog.current?.close();
      props.onReversed(reversal);
    } catch (caught) {
      if (caught instanceof ApiError && caught.parameter === "occurred_on") {
        setErrors({ date: reasonOfRefusal(caught.message, caught.parameter) });
      } else if (caught instanceof ApiError && caught.parameter === "memo") {
        setErrors({ memo: reasonOfRefusal(caught.message, caught.parameter) });
      } else {
        setFailure(financeFailure(caught));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      class="finance-dialog"
      aria-labelledby="reversal-title"
      onClose={props.onClose}
    >
      <form noValidate onSubmit={submit}>
        <h2 id="reversal-title">{t("finance.reversal.title")}</h2>
        <p>{postingSummary(props.posting)}</p>
        <p class="muted">{t("finance.reversal.lead")}</p>
        <DateField
          label={t("finance.reversal.date")}
          value={date}
          error={errors.date}
          onInput={setDate}
        />
        <TextField
          label={t("finance.reversal.memo")}
          hint={t("finance.reversal.memo_hint")}
          value={memo}
          maxLength={MAX_MEMO_LENGTH}
          error={errors.memo}
          onInput={setMemo}
        />
        <FormEnd failure={failure} busy={busy} submit={t("finance.reversal.confirm")}>
          <button type="button" class="button" onClick={() => dialog.current?.close()}>
            {t("finance.cancel")}
          </button>
        </FormEnd>
      </form>
    </dialog>
  );
}
