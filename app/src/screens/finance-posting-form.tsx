// The form of an allocation (unrestricted funds to a project's fund) or a project's expense:
// project, amount in đồng, date, and what it was for. Checked here first, then by the server,
// whose refusals are said beside the field they are about. The form keeps one request key until a
// save succeeds, so pressing Save again after a lost answer posts nothing twice.
import { useRef, useState } from "preact/hooks";
import { reasonOfRefusal } from "../content/form.js";
import {
  type FundPosting,
  type FundPostingKind,
  financeFailure,
  useFinanceClient,
} from "../finance/api.js";
import { formatVnd, parseVnd } from "../finance/money.js";
import { fieldOfParameter, newRequestKey, type PostingField } from "../finance/postings.js";
import { getLocale, t } from "../i18n/i18n.js";
import { today } from "../lib/dates.js";
import { ApiError } from "../sync/api.js";
import { useSignedIn } from "../ui/context.js";
import { DateField } from "../ui/date-field.js";
import { SelectField, TextField } from "../ui/fields.js";
import { FormEnd, MAX_MEMO_LENGTH } from "./finance-parts.js";

type Errors = Partial<Record<PostingField, string>>;

/** The errors of the typed values before anything is sent; none when all can go. */
function checkTyped(typed: { project: string; amount: string; date: string; memo: string }) {
  const errors: Errors = {};
  if (!typed.project) errors.project = t("finance.posting.project_required");
  const amount = parseVnd(typed.amount);
  if ("problem" in amount) errors.amount = t(`finance.posting.amount_${amount.problem}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(typed.date)) errors.date = t("finance.date_invalid");
  else if (typed.date > today()) errors.date = t("finance.posting.date_future");
  if (!typed.memo.trim()) errors.memo = t("finance.posting.memo_required");
  return { errors, amount: "amount" in amount ? amount.amount : 0 };
}

export function PostingForm(props: {
  kind: FundPostingKind;
  onSaved: (posting: FundPosting) => void;
  /** An earlier save of this form went through after all: the list is to be read again. */
  onStale: () => void;
}) {
  const finance = useFinanceClient();
  const { reference } = useSignedIn();
  const [project, setProject] = useState("");
  const [amount, setAmount] = useState("");
  const [date, setDate] = useState(today());
  const [memo, setMemo] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const key = useRef(newRequestKey());
  const form = useRef<HTMLFormElement>(null);
  const parsed = parseVnd(amount);

  const submit = async (event: Event) => {
    event.preventDefault();
    setFailure(undefined);
    const checked = checkTyped({ project, amount, date, memo });
    setErrors(checked.errors);
    if (Object.keys(checked.errors).length) {
      requestAnimationFrame(() =>
        form.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus(),
      );
      return;
    }
    setBusy(true);
    try {
      const posting = await finance.post(props.kind, {
        key: key.current,
        project_slug: project,
        amount: checked.amount,
        occurred_on: date,
        memo: memo.trim(),
      });
      key.current = newRequestKey();
      setAmount("");
      setMemo("");
      props.onSaved(posting);
    } catch (caught) {
      const field = caught instanceof ApiError ? fieldOfParameter(caught.parameter) : undefined;
      if (caught instanceof ApiError && field) {
        setErrors({ [field]: reasonOfRefusal(caught.message, caught.parameter!) });
      } else if (caught instanceof ApiError && caught.parameter === "key") {
        // The same key went through before with other values: that posting stands; a new key
        // lets this one be saved as a second posting, once the list has been checked.
        key.current = newRequestKey();
        setFailure(t("finance.posting.saved_earlier"));
        props.onStale();
      } else {
        setFailure(financeFailure(caught));
      }
    } finally {
      setBusy(false);
    }
  };

  const locale = getLocale();
  return (
    <form class="card" ref={form} noValidate onSubmit={submit} aria-labelledby="posting-form">
      <h2 id="posting-form">{t(`finance.${props.kind}.form_title`)}</h2>
      <SelectField
        label={t("finance.project")}
        value={project}
        placeholder={t("finance.posting.choose_project")}
        options={reference.projects.map((p) => ({ value: p.slug, label: p.name[locale] }))}
        error={errors.project}
        onChange={setProject}
      />
      <TextField
        label={t("finance.posting.amount")}
        value={amount}
        inputMode="numeric"
        hint={"amount" in parsed ? formatVnd(parsed.amount) : t("finance.posting.amount_hint")}
        error={errors.amount}
        onInput={setAmount}
      />
      <DateField value={date} error={errors.date} onInput={setDate} />
      <TextField
        label={t("finance.posting.memo")}
        hint={t(`finance.${props.kind}.memo_hint`)}
        value={memo}
        maxLength={MAX_MEMO_LENGTH}
        error={errors.memo}
        onInput={setMemo}
      />
      <FormEnd failure={failure} busy={busy} submit={t(`finance.${props.kind}.submit`)} />
    </form>
  );
}
