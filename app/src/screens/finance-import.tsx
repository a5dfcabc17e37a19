// Importing a bank statement: the bank (its column map on the server), the CSV or XLSX file as the
// bank gave it, then what came of it — lines read, matched to pledges, left for a person, and
// skipped as already known (a webhook brought them, or the same file was sent before, so sending a
// file again is safe). A file of the wrong kind or too large is refused here before it is sent;
// one the server cannot read comes back with its reason in the user's language.
import { useId, useRef, useState } from "preact/hooks";
import {
  financeFailure,
  type ImportSummary,
  MAX_STATEMENT_BYTES,
  type StatementFormat,
  statementBanks,
  statementType,
  useFinanceClient,
} from "../finance/api.js";
import { t } from "../i18n/i18n.js";
import { SelectField } from "../ui/fields.js";
import { Notice } from "../ui/layout.js";
import { href } from "../ui/router.js";
import { FinanceFrame } from "./finance-frame.js";

export function FinanceImportScreen() {
  const finance = useFinanceClient();
  const [bank, setBank] = useState<StatementFormat>(statementBanks[0]!.format);
  const [file, setFile] = useState<File>();
  const [fileError, setFileError] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ name: string; summary: ImportSummary }>();
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const outcome = useRef<HTMLHeadingElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    setResult(undefined);
    const type = file ? statementType(file.name) : undefined;
    const problem = !file
      ? t("finance.file_missing")
      : !type
        ? t("finance.file_kind")
        : file.size === 0
          ? t("finance.file_empty")
          : file.size > MAX_STATEMENT_BYTES
            ? t("finance.file_too_big")
            : undefined;
    setFileError(problem);
    if (problem || !file || !type) {
      fileInput.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const summary = await finance.importStatement(bank, file, type);
      setResult({ name: file.name, summary });
      requestAnimationFrame(() => outcome.current?.focus());
    } catch (caught) {
      setError(financeFailure(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <FinanceFrame title={t("finance.import_title")} path="/finance/import">
      {() => (
        <>
          <form class="card" onSubmit={submit} noValidate aria-label={t("finance.import_title")}>
            <SelectField
              label={t("finance.bank")}
              value={bank}
              options={statementBanks.map((b) => ({ value: b.format, label: b.name }))}
              onChange={(value) => setBank(value as StatementFormat)}
            />
            <div class={`field${fileError ? " field--error" : ""}`}>
              <label class="field__label" for={fileId}>
                {t("finance.file")}
              </label>
              <input
                id={fileId}
                ref={fileInput}
                class="input"
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-invalid={fileError ? true : undefined}
                aria-describedby={`${fileId}-hint`}
                onChange={(event) => {
                  setFile(event.currentTarget.files?.[0]);
                  setFileError(undefined);
                }}
              />
              <p class="field__hint" id={`${fileId}-hint`}>
                {fileError ?? t("finance.file_hint")}
              </p>
            </div>
            <button type="submit" class="button button--primary button--wide" disabled={busy}>
              {busy ? t("finance.importing") : t("finance.import_submit")}
            </button>
          </form>
          {error ? (
            <Notice kind="error">
              <p>{t("finance.import_failed", { reason: error })}</p>
            </Notice>
          ) : null}
          {result ? (
            <section class="card" aria-labelledby="import-outcome">
              <h2 id="import-outcome" tabIndex={-1} ref={outcome}>
                {t("finance.imported", { name: result.name })}
              </h2>
              <dl class="finance-summary">
                <div>
                  <dt>{t("finance.summary.lines")}</dt>
                  <dd>{result.summary.lines}</dd>
                </div>
                <div>
                  <dt>{t("finance.summary.matched")}</dt>
                  <dd>{result.summary.matched}</dd>
                </div>
                <div>
                  <dt>{t("finance.summary.unmatched")}</dt>
                  <dd>{result.summary.unmatched}</dd>
                </div>
                <div>
                  <dt>{t("finance.summary.duplicate")}</dt>
                  <dd>{result.summary.duplicate}</dd>
                </div>
              </dl>
              {result.summary.lines === 0 ? <p>{t("finance.summary.none")}</p> : null}
              {result.summary.unmatched > 0 ? (
                <a class="button button--primary" href={href("/finance/lines")}>
                  {t("finance.to_lines")}
                </a>
              ) : null}
            </section>
          ) : null}
        </>
      )}
    </FinanceFrame>
  );
}
